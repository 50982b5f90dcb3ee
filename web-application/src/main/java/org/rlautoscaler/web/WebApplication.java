package org.rlautoscaler.web;

import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.Location;
import io.javalin.router.Endpoint;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.rlautoscaler.common.http.JsonErrorHandler;
import org.rlautoscaler.web.data.JsonController;
import org.rlautoscaler.web.data.JsonDocument;
import org.rlautoscaler.web.media.StreamingController;
import org.rlautoscaler.web.media.VideoSource;
import org.rlautoscaler.web.metrics.AppMetrics;
import org.rlautoscaler.web.metrics.StatsController;
import org.rlautoscaler.web.metrics.SystemSampler;
import org.rlautoscaler.web.pages.Pages;
import org.rlautoscaler.web.work.WorkController;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running web application: the Javalin server with every route, the metrics server on its
 * own port, and the sampler behind the CPU and RAM gauges. {@link #start} is what {@link Main}
 * and the tests both call, so the tests run the same application users run.
 */
public final class WebApplication implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WebApplication.class);

    private final Javalin server;
    private final HTTPServer metricsServer;
    private final SystemSampler sampler;

    private WebApplication(Javalin server, HTTPServer metricsServer, SystemSampler sampler) {
        this.server = server;
        this.metricsServer = metricsServer;
        this.sampler = sampler;
    }

    /** Starts the application and its metrics server; the log names both ports. */
    public static WebApplication start(WebConfig config) {
        AppMetrics metrics = new AppMetrics();
        SystemSampler sampler = new SystemSampler(metrics).start(Duration.ofSeconds(1));
        // The JDK HTTP server behind the metrics port writes headers and body separately: without
        // TCP_NODELAY, Nagle's algorithm and the scraper's delayed ACK hold a keep-alive scrape
        // for about 40 ms instead of 1 ms. Read once, when that server's class first loads.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
        HTTPServer metricsServer;
        try {
            metricsServer = HTTPServer.builder().port(config.metricsPort()).registry(metrics.registry()).buildAndStart();
        } catch (IOException e) {
            sampler.close();
            throw new UncheckedIOException("Cannot serve metrics on port " + config.metricsPort() + ": " + e.getMessage(), e);
        }
        Javalin server;
        try {
            server = create(config, metrics, sampler).start(config.port());
        } catch (RuntimeException e) {
            metricsServer.close();
            sampler.close();
            throw e;
        }
        log.info("Web application on http://localhost:{}/ , metrics on http://localhost:{}/metrics",
                server.port(), metricsServer.getPort());
        return new WebApplication(server, metricsServer, sampler);
    }

    /** The routes, in one place. */
    static Javalin create(WebConfig config, AppMetrics metrics, SystemSampler sampler) {
        Pages pages = new Pages();
        StreamingController streaming = new StreamingController(
                config.videoFile().map(VideoSource::file).orElseGet(VideoSource::bundled));
        JsonController json = new JsonController(
                config.dataFile().map(JsonDocument::file).orElseGet(JsonDocument::bundled));
        WorkController work = new WorkController(config.workMillis());
        StatsController stats = new StatsController(sampler);

        Map<String, Handler> gets = new LinkedHashMap<>();
        gets.put("/", pages.page("/", "home", "RL Autoscaler"));
        gets.put("/about", pages.page("/about", "about", "About the autoscaler"));
        gets.put("/graphics", pages.page("/graphics", "graphics", "Live graphics"));
        gets.put("/streaming", streaming::get);
        gets.put("/json_endpoint", json::get);
        gets.put("/test", work::get);
        gets.put("/health", ctx -> ctx.json(Map.of("status", "UP")));
        gets.put("/api/stats", stats::get);
        metrics.initializeRoutes(gets.keySet());

        return Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.http.compressionStrategy = CompressionStrategy.NONE;
            cfg.staticFiles.add(files -> {
                files.hostedPath = "/static";
                files.directory = "/public/static";
                files.location = Location.CLASSPATH;
            });
            cfg.staticFiles.add(files -> { // the chart library, shared with the autoscaler's page (module common)
                files.hostedPath = "/static/vendor/uplot";
                files.directory = "/org/rlautoscaler/common/vendor/uplot";
                files.location = Location.CLASSPATH;
            });
            configureJetty(cfg, config.shutdownGrace());
            cfg.requestLogger.http((ctx, millis) ->
                    metrics.recordRequest(routeOf(ctx), ctx.method().name(), ctx.statusCode(), millis / 1000.0));

            gets.forEach(cfg.routes::get);
            cfg.routes.head("/streaming", streaming::head);

            cfg.routes.exception(HttpResponseException.class, (e, ctx) ->
                    ctx.status(e.getStatus()).json(Map.of("error", e.getMessage())));
            cfg.routes.exception(Exception.class, (e, ctx) -> {
                log.error("{} {} failed", ctx.method(), ctx.path(), e);
                ctx.status(500).json(Map.of("error", "Internal server error: " + e));
            });
        });
    }

    /**
     * The route pattern that answered, for the {@code path} label: bounded, unlike raw URLs.
     * Static files share one label; anything else unmatched is {@code unmatched}.
     */
    static String routeOf(Context ctx) {
        Endpoint endpoint = ctx.endpoints().matchedHttpEndpoint();
        if (endpoint != null) {
            return endpoint.path;
        }
        return ctx.path().startsWith("/static/") ? "/static/*" : "unmatched";
    }

    /**
     * On stop, the server stops accepting, then lets in-flight requests finish for up to
     * {@code grace}. Errors Jetty answers itself are JSON too.
     */
    private static void configureJetty(JavalinConfig cfg, Duration grace) {
        cfg.jetty.modifyServer(server -> {
            server.setStopTimeout(grace.toMillis());
            server.setErrorHandler(new JsonErrorHandler());
        });
        cfg.jetty.modifyServletContextHandler(context -> context.insertHandler(new GracefulHandler()));
    }

    /** The application's port (the chosen one when configured as 0). */
    public int port() {
        return server.port();
    }

    /** The metrics server's port (the chosen one when configured as 0). */
    public int metricsPort() {
        return metricsServer.getPort();
    }

    /** Stops accepting requests, waits for those in flight, then stops the metrics. */
    @Override
    public void close() {
        log.info("Stopping: finishing requests in flight");
        server.stop();
        metricsServer.close();
        sampler.close();
        log.info("Stopped");
    }
}
