package org.rlautoscaler.common.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class HttpUrlTest {
    private static String refusal(String text) {
        return assertThrows(IllegalArgumentException.class, () -> HttpUrl.parse(text)).getMessage();
    }

    @Test
    void http_and_https_with_a_host_are_taken_stripped() {
        assertEquals("http://prometheus:9090", HttpUrl.parse(" http://prometheus:9090 ").toString());
        assertEquals("https://example.org/metrics?x=1", HttpUrl.parse("https://example.org/metrics?x=1").toString());
        assertEquals("HTTP://localhost:8082/test", HttpUrl.parse("HTTP://localhost:8082/test").toString());
    }

    @Test
    void anything_else_says_what_is_wrong_in_a_few_words() {
        assertEquals("no scheme: http://localhost:9090?", refusal("localhost:9090"));
        assertEquals("no scheme: http://prometheus?", refusal("prometheus"));
        assertEquals("not ftp://", refusal("ftp://prometheus:9090"));
        assertEquals("no host", refusal("http:///metrics"));
        assertEquals("Illegal character in authority", refusal("http://exa mple"));
    }

    @Test
    void an_invalid_setting_names_the_setting_the_value_and_what_is_accepted() {
        InvalidSettingException e = new InvalidSettingException("--prometheus-url", "ftp://x", "an http:// URL");
        assertEquals("Invalid value for --prometheus-url: 'ftp://x'; accepted: an http:// URL", e.getMessage());
        assertEquals("--prometheus-url", e.setting());
        assertEquals("ftp://x", e.value());
        assertEquals("an http:// URL", e.accepted());
    }
}
