package org.rlautoscaler.autoscaler.live.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.rlautoscaler.autoscaler.live.Condition;
import org.rlautoscaler.autoscaler.live.ControlLoop;
import org.rlautoscaler.autoscaler.live.LoopJournal;
import org.rlautoscaler.autoscaler.live.LoopMetrics;
import org.rlautoscaler.autoscaler.live.LoopStatus;
import org.rlautoscaler.common.config.InvalidSettingException;

/**
 * The autoscaler's port, bound before anything slow starts (so that a port in use is an error
 * at start):
 * <pre>
 * curl localhost:8002/metrics      # Prometheus
 * curl localhost:8002/health       # liveness: 200 while the loop finishes periods (or is starting)
 * curl localhost:8002/ready        # readiness: 200 while the loop reads and scales, else 503
 * curl localhost:8002/api/status   # the conditions (AbleToScale, ScalingActive, ScalingLimited), the last error
 * open http://localhost:8002/       # the agent's page: its decisions, what it sees and expects, the last hour
 * </pre>
 * The page's JSON ({@code /api/state}, {@code /api/decisions}, {@code /api/history}) is described in {@link AgentPage}.
 * {@code /health} fails only when the loop is stuck: no period finished within three periods.
 * {@code /ready} fails after {@code UNREADY_AFTER_PERIODS} periods in a row that could not read
 * the metrics or the service, or could not scale it.
 */
public final class HealthEndpoint implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HTTPServer server;
    private final AtomicReference<ControlLoop> loop = new AtomicReference<>();
    private final Map<String, Object> about;
    private final double periodSeconds;
    private final Clock clock;
    private final Map<String, byte[]> assets = new HashMap<>();
    private final Instant started = Instant.now();

    private HealthEndpoint(int port, LoopMetrics metrics, Map<String, Object> about, double periodSeconds, Clock clock)
            throws IOException {
        this.about = about;
        this.periodSeconds = periodSeconds;
        this.clock = clock;
        AgentPage.ASSETS.forEach((path, asset) -> assets.put(path, AgentPage.read(asset)));
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
        this.server = HTTPServer.builder().port(port).registry(metrics.registry()).defaultHandler(exchange -> {
            String path = exchange.getRequestURI().getPath();
            switch (path) {
                case "/health" -> health(exchange);
                case "/ready" -> ready(exchange);
                case "/api/status" -> respond(exchange, 200, status());
                case "/api/state" -> respond(exchange, 200, state());
                case "/api/decisions" -> respond(exchange, 200, journal() == null ? JSON.createArrayNode()
                        : AgentPage.decisions(JSON, journal().decisions()));
                case "/api/history" -> respond(exchange, 200, AgentPage.history(JSON,
                        journal() == null ? List.of() : journal().samples()));
                default -> {
                    byte[] asset = assets.get(path);
                    if (asset != null) {
                        respond(exchange, 200, AgentPage.ASSETS.get(path).contentType(), asset);
                    } else {
                        respond(exchange, 404, JSON.createObjectNode().put("error", "not found: " + path
                                + "; try / (the agent's page), /metrics, /health, /ready, /api/status, /api/state, "
                                + "/api/decisions or /api/history"));
                    }
                }
            }
        }).buildAndStart();
    }

    /**
     * Serves on {@code port} (0: a free one); {@code about} names the service, agent and mode for
     * {@code /api/status}.
     *
     * @throws BindException when the port is in use
     */
    public static HealthEndpoint start(int port, LoopMetrics metrics, Map<String, Object> about, double periodSeconds,
                                Clock clock) throws IOException {
        return new HealthEndpoint(port, metrics, about, periodSeconds, clock);
    }

    /**
     * Serves on {@code port}, or refuses the setting {@code option} when the port is in use or may
     * not be listened on: found before anything slow starts.
     *
     * @throws InvalidSettingException naming {@code option} when the port cannot be served
     */
    public static HealthEndpoint startOrRefuse(String option, int port, LoopMetrics metrics,
                                        Map<String, Object> about, double periodSeconds, Clock clock) {
        try {
            return start(port, metrics, about, periodSeconds, clock);
        } catch (BindException e) {
            throw new InvalidSettingException(option, port, "a free port (" + port + " is in use: " + e.getMessage()
                    + "), or 0 for any free port");
        } catch (IOException e) {
            throw new InvalidSettingException(option, port, "a port this process may listen on (" + e.getMessage() + ")");
        }
    }

    /** From now on the endpoints report this loop; before, the autoscaler is starting. */
    public void serve(ControlLoop running) {
        loop.set(running);
    }

    /** The port served, the one chosen when 0 was asked for. */
    public int port() {
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
        body.put("server_started", started.toString());
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

    /** The JSON of /api/state: /api/status, and the newest decision with what the agent saw and expected. */
    ObjectNode state() {
        ObjectNode body = status();
        LoopJournal journal = journal();
        if (journal != null) {
            AgentPage.state(body, journal);
        }
        return body;
    }

    private LoopJournal journal() {
        ControlLoop running = loop.get();
        return running == null ? null : running.journal();
    }

    private static void respond(com.sun.net.httpserver.HttpExchange exchange, int status, JsonNode json) throws IOException {
        respond(exchange, status, "application/json", JSON.writeValueAsString(json).getBytes(StandardCharsets.UTF_8));
    }

    private static void respond(com.sun.net.httpserver.HttpExchange exchange, int status, String contentType, byte[] body)
            throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
        exchange.close();
    }
}
