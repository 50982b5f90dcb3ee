package org.rlautoscaler.autoscaler.live.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.BindException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;
import org.rlautoscaler.autoscaler.live.Condition;
import org.rlautoscaler.autoscaler.live.ControlLoop;
import org.rlautoscaler.autoscaler.live.LoopJournal;
import org.rlautoscaler.autoscaler.live.LoopMetrics;
import org.rlautoscaler.autoscaler.live.LoopStatus;
import org.rlautoscaler.common.config.InvalidSettingException;
import org.rlautoscaler.common.http.JsonErrorHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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

    /** Connections waiting to be accepted: bursts of a few hundred are queued, not reset. */
    static final int ACCEPT_QUEUE = 1024;
    /** A connection that sends or reads nothing for this long is closed. */
    static final Duration IDLE_TIMEOUT = Duration.ofSeconds(10);
    /** The request line and headers, at most: a longer one is answered 431. */
    static final int MAX_HEADER_BYTES = 8 * 1024;
    /** A request body, at most (no endpoint reads one). */
    static final long MAX_BODY_BYTES = 64 * 1024;
    /** How much of an unknown path a 404 repeats. */
    static final int PATH_ECHO_CHARS = 100;
    private static final Logger log = LoggerFactory.getLogger(HealthEndpoint.class);

    private final Javalin server;
    private final AtomicReference<ControlLoop> loop = new AtomicReference<>();
    private final Map<String, Object> about;
    private final double periodSeconds;
    private final Clock clock;
    private final Map<String, byte[]> assets = new HashMap<>();
    private final Instant started = Instant.now();

    private HealthEndpoint(int port, LoopMetrics metrics, Map<String, Object> about, double periodSeconds, Clock clock) {
        this.about = about;
        this.periodSeconds = periodSeconds;
        this.clock = clock;
        AgentPage.ASSETS.forEach((path, asset) -> assets.put(path, AgentPage.read(asset)));
        ExpositionFormats formats = ExpositionFormats.init();
        this.server = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.concurrency.useVirtualThreads = true; // a connection that waits costs no platform thread
            cfg.http.compressionStrategy = CompressionStrategy.NONE;
            cfg.http.maxRequestSize = MAX_BODY_BYTES;
            cfg.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrorHandler()));
            cfg.jetty.modifyHttpConfiguration(http -> {
                http.setRequestHeaderSize(MAX_HEADER_BYTES); // the request line and headers: a longer one is 431
                http.setSendServerVersion(false);
            });
            cfg.jetty.addConnector((server, http) -> {
                ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
                connector.setPort(port);
                connector.setAcceptQueueSize(ACCEPT_QUEUE);
                connector.setIdleTimeout(IDLE_TIMEOUT.toMillis());
                return connector;
            });
            cfg.routes.before(ctx -> {
                if (ctx.method() != HandlerType.GET && ctx.method() != HandlerType.HEAD) {
                    ctx.header("Allow", "GET, HEAD");
                    throw new HttpResponseException(405, "method " + ctx.method() + " not allowed; use GET or HEAD");
                }
            });
            cfg.routes.get("/health", ctx -> health(ctx));
            cfg.routes.get("/ready", ctx -> {
                ObjectNode body = status();
                respond(ctx, body.path("ready").asBoolean() ? 200 : 503, body);
            });
            cfg.routes.get("/api/status", ctx -> respond(ctx, 200, status()));
            cfg.routes.get("/api/state", ctx -> respond(ctx, 200, state()));
            cfg.routes.get("/api/decisions", ctx -> respond(ctx, 200, journal() == null ? JSON.createArrayNode()
                    : AgentPage.decisions(JSON, journal().decisions())));
            cfg.routes.get("/api/history", ctx -> respond(ctx, 200, AgentPage.history(JSON,
                    journal() == null ? List.of() : journal().samples())));
            cfg.routes.get("/metrics", ctx -> {
                ExpositionFormatWriter writer = formats.findWriter(ctx.header("Accept"));
                ByteArrayOutputStream body = new ByteArrayOutputStream(16 * 1024);
                writer.write(body, metrics.registry().scrape());
                ctx.header("Cache-Control", "no-store").contentType(writer.getContentType()).result(body.toByteArray());
            });
            assets.forEach((path, bytes) -> cfg.routes.get(path, ctx -> ctx.header("Cache-Control", "no-store")
                    .header("Content-Type", AgentPage.ASSETS.get(path).contentType()).result(bytes)));
            cfg.routes.error(404, ctx -> respond(ctx, 404, JSON.createObjectNode().put("error", "not found: "
                    + shortened(ctx.path()) + "; try / (the agent's page), /metrics, /health, /ready, /api/status, "
                    + "/api/state, /api/decisions or /api/history")));
            cfg.routes.exception(HttpResponseException.class, (e, ctx) ->
                    respond(ctx, e.getStatus(), JSON.createObjectNode().put("error", e.getMessage())));
            cfg.routes.exception(Exception.class, (e, ctx) -> {
                log.warn("{} {} failed: {}", ctx.method(), shortened(ctx.path()), e.toString());
                respond(ctx, 500, JSON.createObjectNode().put("error", "internal error: " + e));
            });
        });
        this.server.start();
    }

    /**
     * Serves on {@code port} (0: a free one); {@code about} names the service, agent and mode for
     * {@code /api/status}.
     *
     * @throws BindException when the port is in use
     */
    public static HealthEndpoint start(int port, LoopMetrics metrics, Map<String, Object> about, double periodSeconds,
                                Clock clock) throws IOException {
        try {
            return new HealthEndpoint(port, metrics, about, periodSeconds, clock);
        } catch (RuntimeException e) { // Javalin wraps what Jetty could not bind
            IOException io = null;
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof BindException bind) {
                    throw bind;
                }
                if (io == null && cause instanceof IOException first) {
                    io = first;
                }
            }
            if (io != null) {
                throw io;
            }
            throw e;
        }
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
        return server.port();
    }

    @Override
    public void close() {
        server.stop();
    }

    private void health(Context ctx) {
        ControlLoop running = loop.get();
        ObjectNode body = JSON.createObjectNode();
        if (running == null) {
            respond(ctx, 200, body.put("status", "UP").put("phase", "starting"));
            return;
        }
        double since = sinceLastPeriod(running);
        boolean alive = since <= 3 * periodSeconds;
        respond(ctx, alive ? 200 : 503, body.put("status", alive ? "UP" : "DOWN")
                .put("seconds_since_last_period", Math.round(since * 10) / 10.0));
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

    private static void respond(Context ctx, int status, JsonNode json) {
        byte[] body;
        try {
            body = JSON.writeValueAsBytes(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + json.getNodeType() + " as JSON", e);
        }
        ctx.status(status).header("Cache-Control", "no-store").contentType("application/json").result(body);
    }

    /** At most {@link #PATH_ECHO_CHARS} characters of {@code path}, for a message. */
    static String shortened(String path) {
        return path.length() <= PATH_ECHO_CHARS ? path : path.substring(0, PATH_ECHO_CHARS) + "... (" + path.length()
                + " characters)";
    }
}
