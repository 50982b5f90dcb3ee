package org.rlautoscaler.common.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** The one check of an http:// or https:// URL setting (a Prometheus server, a service to measure or to load). */
public final class HttpUrl {
    private HttpUrl() {}

    /**
     * The URL {@code text} (stripped), when it is http or https with a host.
     *
     * @throws IllegalArgumentException saying what is wrong, in a few words: "no scheme:
     *                                  http://localhost:9090?", "not ftp://", "no host", or why it does not parse
     */
    public static URI parse(String text) {
        String stripped = text.strip();
        URI uri;
        try {
            uri = new URI(stripped);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(e.getReason(), e);
        }
        String scheme = uri.getScheme() == null || uri.isOpaque() ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException(scheme.isEmpty() ? "no scheme: http://" + stripped + "?" : "not " + scheme + "://");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new IllegalArgumentException("no host");
        }
        return uri;
    }
}
