package org.rlautoscaler.autoscaler.cli;

import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.rlautoscaler.autoscaler.live.ControlLoop;
import org.rlautoscaler.autoscaler.live.LoopMetrics;

/**
 * The autoscaler's port: {@code /metrics} (Prometheus) and {@code /health}, which answers 200
 * while the loop has finished a period within the last three periods (plus a minute at start),
 * else 503.
 */
final class HealthEndpoint {
    private HealthEndpoint() {}

    static HTTPServer start(int port, LoopMetrics metrics, ControlLoop loop, double periodSeconds) {
        long startedAt = System.currentTimeMillis();
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
        try {
            return HTTPServer.builder().port(port).registry(metrics.registry()).defaultHandler(exchange -> {
                if (!exchange.getRequestURI().getPath().equals("/health")) {
                    respond(exchange, 404, "{\"error\":\"not found: " + exchange.getRequestURI().getPath()
                            + "; try /metrics or /health\"}");
                    return;
                }
                double now = System.currentTimeMillis() / 1000.0;
                double last = loop.lastLoopEpochSeconds();
                double since = last > 0 ? now - last : now - startedAt / 1000.0;
                boolean healthy = since <= 3 * periodSeconds + (last > 0 ? 0 : 60);
                respond(exchange, healthy ? 200 : 503, String.format(Locale.ROOT,
                        "{\"status\":\"%s\",\"seconds_since_last_period\":%.1f}", healthy ? "UP" : "DOWN", since));
            }).buildAndStart();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot serve metrics on port " + port + ": " + e.getMessage(), e);
        }
    }

    private static void respond(com.sun.net.httpserver.HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
        exchange.close();
    }
}
