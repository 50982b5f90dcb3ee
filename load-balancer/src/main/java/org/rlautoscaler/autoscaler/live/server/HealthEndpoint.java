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
    private final AtomicReference<Services> served = new AtomicReference<>();
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
            cfg.routes.get("/api/state", ctx -> {
                ServiceView only = only(ctx);
                respond(ctx, 200, only == null ? status() : state(only));
            });
            cfg.routes.get("/api/decisions", ctx -> {
                ServiceView only = only(ctx);
                respond(ctx, 200, only == null ? JSON.createArrayNode() : decisions(only));
            });
            cfg.routes.get("/api/history", ctx -> {
                ServiceView only = only(ctx);
                respond(ctx, 200, history(only));
            });
            cfg.routes.get("/api/services", ctx -> respond(ctx, 200, services()));
            for (String prefix : List.of("/api/services/{key}", "/services/{key}/api")) {
                cfg.routes.get(prefix + "/status", ctx -> respond(ctx, 200, serviceStatus(named(ctx))));
                cfg.routes.get(prefix + "/state", ctx -> respond(ctx, 200, state(named(ctx))));
                cfg.routes.get(prefix + "/decisions", ctx -> respond(ctx, 200, decisions(named(ctx))));
                cfg.routes.get(prefix + "/history", ctx -> respond(ctx, 200, history(named(ctx))));
            }
            cfg.routes.get("/api/services/{key}", ctx -> respond(ctx, 200, state(named(ctx))));
            cfg.routes.get("/services/{key}", ctx -> { // and /services/{key}/: the page finds its JSON from its own path
                named(ctx);
                page(ctx, "/");
            });
            cfg.routes.get("/metrics", ctx -> {
                ExpositionFormatWriter writer = formats.findWriter(ctx.header("Accept"));
                ByteArrayOutputStream body = new ByteArrayOutputStream(16 * 1024);
                writer.write(body, metrics.registry().scrape());
                ctx.header("Cache-Control", "no-store").contentType(writer.getContentType()).result(body.toByteArray());
            });
            assets.keySet().stream().filter(path -> !path.equals("/") && !path.equals(AgentPage.SERVICES_PAGE))
                    .forEach(path -> cfg.routes.get(path, ctx -> page(ctx, path)));
            cfg.routes.get("/", ctx -> {
                Services services = served.get();
                page(ctx, services != null && services.byLabels() ? AgentPage.SERVICES_PAGE : "/");
            });
            cfg.routes.error(404, ctx -> {
                if (ctx.attribute("answered") == null) { // not a 404 with a message of its own
                    respond(ctx, 404, JSON.createObjectNode().put("error", "not found: " + shortened(ctx.path())
                            + "; try / (the agent's page), /metrics, /health, /ready, /api/status, /api/services, "
                            + "/api/state, /api/decisions or /api/history"));
                }
            });
            cfg.routes.exception(HttpResponseException.class, (e, ctx) ->
                    respond(ctx, e.getStatus(), JSON.createObjectNode().put("error", e.getMessage())));
            cfg.routes.exception(NoSuchService.class, (e, ctx) -> {
                ctx.attribute("answered", true); // the 404 page leaves this message alone
                respond(ctx, 404, JSON.createObjectNode().put("error", e.getMessage()));
            });
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

    /** From now on the endpoints report this loop, of one service; before, the autoscaler is starting. */
    public void serve(ControlLoop running) {
        Object service = about.get("service");
        serve(Services.of(service == null ? "" : service.toString(), running));
    }

    /** From now on the endpoints report these services; before, the autoscaler is starting. */
    public void serve(Services services) {
        served.set(services);
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
        Services services = served.get();
        ObjectNode body = JSON.createObjectNode();
        if (services == null) {
            respond(ctx, 200, body.put("status", "UP").put("phase", "starting"));
            return;
        }
        double since = sinceLastPeriod(services);
        boolean alive = since <= 3 * periodSeconds;
        respond(ctx, alive ? 200 : 503, body.put("status", alive ? "UP" : "DOWN")
                .put("seconds_since_last_period", Math.round(since * 10) / 10.0));
    }

    private double sinceLastPeriod(Services services) {
        return since(services.lastPeriodEpochSeconds(), services.startedEpochSeconds());
    }

    private double sinceLastPeriod(ControlLoop loop) {
        return since(loop.lastLoopEpochSeconds(), loop.startedEpochSeconds());
    }

    /** Seconds since the last period ended ({@code last}, 0: none yet), else since {@code started}. */
    private double since(double last, double started) {
        double now = clock.millis() / 1000.0;
        return last > 0 ? now - last : now - started;
    }

    /**
     * The JSON of /api/status (and /ready): with one service, its status; with several, whether
     * every one of them is ready (those with an invalid label aside) and the listing works.
     */
    ObjectNode status() {
        Services services = served.get();
        if (services == null) {
            ObjectNode body = JSON.createObjectNode();
            about.forEach(body::putPOJO);
            return body.put("server_started", started.toString()).put("ready", false).put("phase", "starting");
        }
        List<ServiceView> all = services.all();
        if (all.size() == 1 && services.problem().isEmpty()) {
            return serviceStatus(all.getFirst());
        }
        ObjectNode body = JSON.createObjectNode();
        about.forEach(body::putPOJO);
        List<String> unready = all.stream().filter(view -> view.loop().isPresent() && !view.status().ready())
                .map(ServiceView::key).toList();
        boolean ready = services.problem().isEmpty() && unready.isEmpty();
        body.put("server_started", started.toString()).put("ready", ready).put("phase", "running")
                .put("services", all.size()).put("seconds_since_last_period",
                        Math.round(sinceLastPeriod(services) * 10) / 10.0);
        ArrayNode names = body.putArray("unready_services");
        unready.forEach(names::add);
        String problem = services.problem().orElse(unready.isEmpty() ? null : unready.size() + " service"
                + (unready.size() == 1 ? " is" : "s are") + " not ready: " + String.join(", ", unready)
                + " (see /api/services)");
        if (problem == null) {
            body.putNull("last_error");
        } else {
            body.putObject("last_error").put("message", problem);
        }
        return body;
    }

    /** The status of one service: its settings, whether it is ready, its conditions, its last error. */
    ObjectNode serviceStatus(ServiceView view) {
        ObjectNode body = JSON.createObjectNode();
        about.forEach(body::putPOJO);
        view.about().forEach(body::putPOJO);
        body.put("server_started", started.toString());
        LoopStatus.Snapshot snapshot = view.status().snapshot();
        body.put("ready", snapshot.ready()).put("phase", view.loop().isPresent() ? "running" : "waiting")
                .put("failed_periods_in_a_row", snapshot.failedInARow())
                .put("unready_after_periods", snapshot.unreadyAfterPeriods());
        view.loop().ifPresent(loop -> body.put("seconds_since_last_period", Math.round(sinceLastPeriod(loop) * 10) / 10.0));
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

    /** The JSON of /api/state: the service's status, and its newest decision with what the agent saw and expected. */
    ObjectNode state(ServiceView view) {
        ObjectNode body = serviceStatus(view);
        view.loop().ifPresent(loop -> AgentPage.state(body, loop.journal()));
        return body;
    }

    private JsonNode decisions(ServiceView view) {
        return view.loop().<JsonNode>map(loop -> AgentPage.decisions(JSON, loop.journal().decisions()))
                .orElseGet(JSON::createArrayNode);
    }

    private JsonNode history(ServiceView view) {
        return AgentPage.history(JSON, view == null ? List.of()
                : view.loop().map(loop -> loop.journal().samples()).orElse(List.of()));
    }

    /** The JSON of /api/services: each service in a line of the page at /. */
    ArrayNode services() {
        ArrayNode array = JSON.createArrayNode();
        Services services = served.get();
        if (services == null) {
            return array;
        }
        for (ServiceView view : services.all()) {
            ObjectNode node = array.addObject().put("service", view.key()).put("group", view.group());
            view.about().forEach(node::putPOJO);
            LoopStatus.Snapshot snapshot = view.status().snapshot();
            node.put("ready", snapshot.ready()).put("page", "/services/" + view.key() + "/");
            ArrayNode conditions = node.putArray("conditions");
            for (Condition c : snapshot.conditions()) {
                conditions.addObject().put("type", c.type().name()).put("status", c.status().name()).put("reason", c.reason())
                        .put("message", c.message());
            }
            var latest = view.loop().flatMap(loop -> loop.journal().latest());
            if (latest.isPresent()) {
                node.put("desired_replicas", latest.get().decision().replicasAfter())
                        .put("running_replicas", latest.get().observation().runningReplicas());
                AgentPage.decision(node.putObject("last_decision"), latest.get().decision());
            } else {
                node.putNull("desired_replicas").putNull("running_replicas").putNull("last_decision");
            }
        }
        return array;
    }

    /** The one service, for the paths without a name (null while starting); 404 when there are none or several. */
    private ServiceView only(Context ctx) {
        Services services = served.get();
        if (services == null) {
            return null;
        }
        List<ServiceView> all = services.all();
        if (all.size() != 1) {
            throw new NoSuchService(all.size() + " services are scaled: " + ctx.path()
                    + " describes one; see /api/services and "
                    + "/api/services/NAME" + ctx.path().substring("/api".length()));
        }
        return all.getFirst();
    }

    /** The service named in the path; 404 when there is none of that name. */
    private ServiceView named(Context ctx) {
        Services services = served.get();
        String key = ctx.pathParam("key");
        return (services == null ? java.util.Optional.<ServiceView>empty() : services.find(key))
                .orElseThrow(() -> new NoSuchService("no service " + shortened(key) + " is scaled; see /api/services"));
    }

    /** Serves the asset at {@code path}. */
    private void page(Context ctx, String path) {
        ctx.header("Cache-Control", "no-store").header("Content-Type", AgentPage.ASSETS.get(path).contentType())
                .result(assets.get(path));
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

    /** A path about a service that is not there, or about one service when there are several: 404 with why. */
    private static final class NoSuchService extends RuntimeException {
        NoSuchService(String message) {
            super(message, null, false, false);
        }
    }
}
