package org.rlautoscaler.autoscaler.prometheus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rlautoscaler.autoscaler.env.MissingMetric;
import org.rlautoscaler.autoscaler.env.MissingMetricListener;
import org.rlautoscaler.autoscaler.env.Observation;
import org.rlautoscaler.autoscaler.prometheus.QueryResult.Missing.Kind;
import org.rlautoscaler.common.testing.PrometheusServer;
import org.rlautoscaler.web.WebApplication;
import org.rlautoscaler.web.WebConfig;

/** The source against the real web application scraped by a real Prometheus. */
class PrometheusMetricsSourceTest {
    private static final Duration SCRAPE = Duration.ofSeconds(1);
    private static final FakeScaler SCALER = new FakeScaler(2, 1);
    private static final List<String> FIELDS = List.of(
            "cpuUsage", "ramUsage", "replicaCpuUtilisation", "requestRate", "meanLatencyMs", "p95LatencyMs");

    /**
     * The default queries, with the helper's job name "test" and 5 s windows: rate() divides by
     * its whole window, so a 30 s window would read an 8 s load as under a third of its rate.
     */
    private static Queries testQueries() {
        UnaryOperator<String> adapt = q -> q.replace("job=\"application\"", "job=\"test\"").replace("[30s]", "[5s]");
        Queries d = Queries.defaults();
        return new Queries(adapt.apply(d.cpuUsage()), adapt.apply(d.ramUsage()),
                adapt.apply(d.replicaCpuUtilisation()), adapt.apply(d.requestRate()),
                adapt.apply(d.meanLatency()), adapt.apply(d.p95Latency()));
    }

    private static WebApplication startApp() {
        return WebApplication.start(WebConfig.defaults().onFreePorts().withWorkMillis(20));
    }

    private static void awaitScraped(PrometheusServer prometheus) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (prometheus.value("min(up) * count(ram_usage)").orElse(0) != 1) {
            assertTrue(System.nanoTime() < deadline, "Prometheus did not scrape the application within 60 s");
            Thread.sleep(250);
        }
    }

    @Test
    void reads_a_known_load_from_the_real_application(@TempDir Path dir) throws Exception {
        try (WebApplication app = startApp();
             PrometheusServer prometheus = PrometheusServer.start(dir, SCRAPE,
                     List.of("127.0.0.1:" + app.metricsPort()));
             PrometheusClient client = PrometheusClient.create(prometheus.url())) {
            awaitScraped(prometheus);
            Map<String, QueryResult.Missing> heard = new LinkedHashMap<>();
            var source = new PrometheusMetricsSource(client, testQueries(), 1.0,
                        metric -> heard.put(metric.field(), asQueryResult(metric)));

            AtomicBoolean stop = new AtomicBoolean();
            AtomicInteger answered = new AtomicInteger();
            long loadStart = System.nanoTime();
            Thread load = Thread.ofPlatform().start(() -> sendOneAtATime(app.port(), 20, stop, answered));
            Observation observation;
            double sendRate;
            try {
                Thread.sleep(8_000);
                sendRate = answered.get() / ((System.nanoTime() - loadStart) / 1e9);
                observation = source.observe(SCALER); // the load keeps running: the window is all load
            } finally {
                stop.set(true);
                load.join();
            }

            String seen = observation + " at " + sendRate + " req/s sent; missing " + heard;
            assertEquals(Map.of(), heard, seen);
            assertEquals(2, observation.desiredReplicas());
            assertEquals(1, observation.runningReplicas());
            // Nothing here depends on how fast this machine is: a loaded one sends fewer requests and
            // answers them later, but every figure stays within what the load allows.
            assertTrue(answered.get() > 0, seen);
            assertTrue(observation.requestRate() > 0 && observation.requestRate() <= 20 * 1.25,
                    "at most 20 requests a second are sent (rate() may extrapolate a little): " + seen);
            assertTrue(observation.meanLatencyMs() >= 19, "each request costs 20 ms of CPU: " + seen);
            assertTrue(observation.p95LatencyMs() >= 0.75 * observation.meanLatencyMs(), seen);
            assertTrue(observation.replicaCpuUtilisation() > 0, seen);
            assertTrue(observation.cpuUsage() > 0 && observation.cpuUsage() <= 100, seen);
            assertTrue(observation.ramUsage() > 0 && observation.ramUsage() <= 100, seen);
        }
    }

    @Test
    void every_metric_is_nan_and_unreachable_once_prometheus_stops(@TempDir Path dir) throws Exception {
        try (WebApplication app = startApp()) {
            List<String> targets = List.of("127.0.0.1:" + app.metricsPort());
            Map<String, QueryResult.Missing> heard = new LinkedHashMap<>();
            try (PrometheusServer prometheus = PrometheusServer.start(dir, SCRAPE, targets);
                 PrometheusClient client = PrometheusClient.create(prometheus.url())) {
                awaitScraped(prometheus);
                var source = new PrometheusMetricsSource(client, testQueries(), 1.0,
                        metric -> heard.put(metric.field(), asQueryResult(metric)));
                assertFalse(Double.isNaN(source.observe(SCALER).ramUsage()), "read while Prometheus runs");

                prometheus.close();
                heard.clear();
                Observation blind = source.observe(SCALER);

                assertEquals(new Observation(2, 1, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                        Double.NaN), blind);
                assertEquals(FIELDS, List.copyOf(heard.keySet()));
                heard.forEach((field, missing) -> assertEquals(Kind.unreachable, missing.kind(), field + ": " + missing));
            }

            Path second = Files.createDirectory(dir.resolve("second"));
            try (PrometheusServer prometheus = PrometheusServer.start(second, SCRAPE, targets);
                 PrometheusClient client = PrometheusClient.create(prometheus.url())) {
                awaitScraped(prometheus);
                var source = new PrometheusMetricsSource(client, testQueries(), 1.0, MissingMetricListener.ignoring());
                Observation back = source.observe(SCALER);
                assertTrue(back.ramUsage() > 0 && back.cpuUsage() >= 0, back::toString);
            }
        }
    }

    /** Sends GET /test one request at a time, at most {@code perSecond}, until {@code stop}. */
    private static void sendOneAtATime(int port, int perSecond, AtomicBoolean stop, AtomicInteger answered) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/test"))
                .timeout(Duration.ofSeconds(10)).build();
        long periodNanos = 1_000_000_000L / perSecond;
        long next = System.nanoTime();
        try {
            while (!stop.get()) {
                HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
                assertEquals(200, response.statusCode());
                answered.incrementAndGet();
                next = Math.max(next + periodNanos, System.nanoTime()); // behind schedule: no burst
                Thread.sleep(Math.max(0, (next - System.nanoTime()) / 1_000_000));
            }
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("load failed after " + answered.get() + " requests", e);
        }
    }

    /** What the source heard, back in Prometheus' terms. */
    private static QueryResult.Missing asQueryResult(MissingMetric metric) {
        return new QueryResult.Missing(QueryResult.Missing.Kind.valueOf(metric.kind()), metric.reason());
    }
}
