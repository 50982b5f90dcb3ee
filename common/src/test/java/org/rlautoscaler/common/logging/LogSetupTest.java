package org.rlautoscaler.common.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

/** What a service writes to standard error under LOG_FORMAT and LOG_LEVEL. */
class LogSetupTest {
    /** The lines written to standard error by {@code body}, logging through a context set up from {@code environment}. */
    private static List<String> logged(Map<String, String> environment, java.util.function.Consumer<LoggerContext> body) {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter()); // as SLF4J's provider gives the real one
        try {
            LogSetup.configure(context, environment);
            body.accept(context);
        } finally {
            context.stop();
            System.setErr(original);
        }
        return captured.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void text_lines_start_with_an_iso_8601_time_and_the_level() {
        List<String> lines = logged(Map.of(), context -> {
            Logger log = context.getLogger("org.rlautoscaler.autoscaler.live.ControlLoop");
            log.info("Decision: hold to {} replicas", 2);
            log.debug("not shown at INFO");
            context.getLogger("org.eclipse.jetty.server.Server").info("library chatter, not shown");
        });
        assertEquals(1, lines.size(), String.join("\n", lines));
        String line = lines.get(0);
        assertTrue(line.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}(Z|[+-]\\d\\d:\\d\\d) INFO  \\[.+\\] "
                + "ControlLoop - Decision: hold to 2 replicas"), line);
        OffsetDateTime.parse(line.substring(0, line.indexOf(' ')));
    }

    @Test
    void json_gives_one_object_a_line_with_the_events_key_values_as_fields() throws Exception {
        List<String> lines = logged(Map.of("LOG_FORMAT", "json", "LOG_LEVEL", "debug"), context ->
                context.getLogger("org.rlautoscaler.autoscaler.live.ControlLoop").atInfo()
                        .addKeyValue("action", "scale_out").addKeyValue("replicas_before", 1)
                        .addKeyValue("replicas_after", 3).addKeyValue("safety", "rate_limited")
                        .log("Decision: {} to {} replicas", "scale_out", 3));
        assertEquals(1, lines.size(), String.join("\n", lines));
        JsonNode event = new ObjectMapper().readTree(lines.get(0));
        assertEquals("Decision: scale_out to 3 replicas", event.path("message").asText());
        assertEquals("INFO", event.path("level").asText());
        assertEquals("org.rlautoscaler.autoscaler.live.ControlLoop", event.path("logger_name").asText());
        assertEquals("scale_out", event.path("action").asText());
        assertEquals(1, event.path("replicas_before").asInt());
        assertEquals(3, event.path("replicas_after").asInt());
        assertEquals("rate_limited", event.path("safety").asText());
        OffsetDateTime.parse(event.path("@timestamp").asText());
    }

    @Test
    void log_level_warn_hides_info_and_debug_shows_the_libraries() {
        assertEquals(List.of(), logged(Map.of("LOG_LEVEL", "WARN"), context -> context.getLogger("x").info("hidden")));
        List<String> lines = logged(Map.of("LOG_LEVEL", "DEBUG"), context ->
                context.getLogger("org.eclipse.jetty.server.Server").debug("shown when debugging"));
        assertEquals(1, lines.size());
        assertTrue(lines.get(0).contains(" DEBUG [") && lines.get(0).endsWith("Server - shown when debugging"), lines.get(0));
    }

    @Test
    void bad_values_are_named_with_what_is_accepted() {
        assertNull(LogSetup.problem(Map.of()));
        assertNull(LogSetup.problem(Map.of("LOG_FORMAT", "JSON", "LOG_LEVEL", "warn")));
        assertEquals("Invalid value for LOG_FORMAT (environment variable): 'xml'; accepted: text, json",
                LogSetup.problem(Map.of("LOG_FORMAT", "xml")));
        assertEquals("Invalid value for LOG_LEVEL (environment variable): 'loud'; accepted: TRACE, DEBUG, INFO, WARN, ERROR",
                LogSetup.problem(Map.of("LOG_LEVEL", "loud")));
    }
}
