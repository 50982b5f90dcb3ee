package org.rlautoscaler.autoscaler.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.rlautoscaler.autoscaler.live.Condition;
import org.rlautoscaler.autoscaler.live.ControlLoop;
import org.rlautoscaler.autoscaler.live.LoopMetrics;
import org.rlautoscaler.autoscaler.live.LoopStatus;

/**
 * The autoscaler's port, bound before anything slow starts (so that a port in use is an error
 * at start):
 * <pre>
 * curl localhost:8002/metrics      # Prometheus
 * curl localhost:8002/health       # liveness: 200 while the loop finishes periods (or is starting)
 * curl localhost:8002/ready        # readiness: 200 while the loop reads and scales, else 503
 * curl localhost:8002/api/status   # the conditions (AbleToScale, ScalingActive, ScalingLimited), the last error
 * </pre>
 * {@code /health} fails only when the loop is stuck: no period finished within three periods.
 * {@code /ready} fails after {@code UNREADY_AFTER_PERIODS} periods in a row that could not read
 * the metrics or the service, or could not scale it.
 */
final class HealthEndpoint implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HTTPServer server;
    private final AtomicReference<ControlLoop> loop = new AtomicReference<>();
    private final Map<String, Object> about;
    private final double periodSeconds;
    private final Clock clock;

    private HealthEndpoint(int port, LoopMetrics metrics, Map<String, Object> about, double periodSeconds, Clock clock)
            throws IOException {
        this.about = about;
        this.periodSeconds = periodSeconds;
        this.clock = clock;
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
        this.server = HTTPServer.builder().port(port).registry(metrics.registry()).defaultHandler(exchange -> {
            String path = exchange.getRequestURI().getPath();
            switch (path) {
                case "/health" -> health(exchange);
                case "/ready" -> ready(exchange);
                case "/api/status" -> respond(exchange, 200, status());
                default -> respond(exchange, 404, JSON.createObjectNode().put("error", "not found: " + path
                        + "; try /metrics, /health, /ready or /api/status"));
            }
        }).buildAndStart();
    }

    /**
     * Serves on {@code port} (0: a free one); {@code about} names the service, agent and mode for
     * {@code /api/status}.
     *
     * @throws BindException when the port is in use
     */
    static HealthEndpoint start(int port, LoopMetrics metrics, Map<String, Object> about, double periodSeconds,
                                Clock clock) throws IOException {
        return new HealthEndpoint(port, metrics, about, periodSeconds, clock);
    }

    /** From now on the endpoints report this loop; before, the autoscaler is starting. */
    void serve(ControlLoop running) {
        loop.set(running);
    }

    int port() {
        return server.getPort();
    }

    @Override
    public void close() {
        server.close();
    }

    private void health(com.sun.net.httpserver.HttpExchange exchange) throws IOException {
        ControlLoop running = loop.get();
        ObjectNode body = JSON.createObjectNode();
        if (running == null) {
            respond(exchange, 200, body.put("status", "UP").put("phase", "starting"));
            return;
        }
        double since = sinceLastPeriod(running);
        boolean alive = since <= 3 * periodSeconds;
        respond(exchange, alive ? 200 : 503, body.put("status", alive ? "UP" : "DOWN")
                .put("seconds_since_last_period", Math.round(since * 10) / 10.0));
    }

    private void ready(com.sun.net.httpserver.HttpExchange exchange) throws IOException {
        ObjectNode body = status();
        respond(exchange, body.path("ready").asBoolean() ? 200 : 503, body);
    }

    private double sinceLastPeriod(ControlLoop running) {
        double last = running.lastLoopEpochSeconds();
        double now = clock.millis() / 1000.0;
        return last > 0 ? now - last : now - running.startedEpochSeconds();
    }

    /** The JSON of /api/status (and /ready). */
    ObjectNode status() {
        ObjectNode body = JSON.createObjectNode();
        ControlLoop running = loop.get();
        about.forEach((key, value) -> body.putPOJO(key, value));
        if (running == null) {
            return body.put("ready", false).put("phase", "starting");
        }
        LoopStatus.Snapshot snapshot = running.status().snapshot();
        body.put("ready", snapshot.ready()).put("phase", "running")
                .put("failed_periods_in_a_row", snapshot.failedInARow())
                .put("unready_after_periods", snapshot.unreadyAfterPeriods())
                .put("seconds_since_last_period", Math.round(sinceLastPeriod(running) * 10) / 10.0);
        ArrayNode conditions = body.putArray("conditions");
        for (Condition c : snapshot.conditions()) {
            conditions.addObject().put("type", c.type().name()).put("status", c.status().name()).put("reason", c.reason())
                    .put("message", c.message()).put("since", c.since().toString());
        }
        if (snapshot.lastError() == null) {
            body.putNull("last_error");
        } else {
            body.putObject("last_error").put("message", snapshot.lastError()).put("time", snapshot.lastErrorAt().toString());
        }
        return body;
    }

    private static void respond(com.sun.net.httpserver.HttpExchange exchange, int status, ObjectNode json) throws IOException {
        byte[] body = JSON.writeValueAsString(json).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
        exchange.close();
    }
}
