package org.rlautoscaler.web.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rlautoscaler.common.testing.RequiredTools;
import org.rlautoscaler.web.WebApplication;
import org.rlautoscaler.web.WebConfig;

/** The exposition on the metrics port after real requests, and promtool's verdict on it. */
class MetricsTest {
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static WebApplication app;
    private static String exposition;

    @BeforeAll
    static void startAndLoad() throws Exception {
        app = WebApplication.start(WebConfig.defaults().onFreePorts().withWorkMillis(1));
        for (int i = 0; i < 3; i++) {
            get(app.port(), "/test");
        }
        get(app.port(), "/test?ms=0");            // the query string is not part of the label
        get(app.port(), "/test?ms=bad");          // 400
        get(app.port(), "/json_endpoint");
        get(app.port(), "/no/such/path/12345");   // 404: one bounded label for every unknown path
        get(app.port(), "/static/style.css");
        // cpu_usage appears with the sampler's second tick, a second after start: wait for it
        // (a loaded machine may take longer).
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        do {
            exposition = get(app.metricsPort(), "/metrics");
        } while (sample("cpu_usage", "").isEmpty() && System.nanoTime() < deadline && sleep(100));
    }

    private static boolean sleep(long millis) throws InterruptedException {
        Thread.sleep(millis);
        return true;
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    private static String get(int port, String path) throws IOException, InterruptedException {
        return CLIENT.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static Optional<Double> sample(String name, String labels) {
        Matcher m = Pattern.compile("^" + Pattern.quote(name + (labels.isEmpty() ? "" : "{" + labels + "}"))
                + " (\\S+)$", Pattern.MULTILINE).matcher(exposition);
        return m.find() ? Optional.of(Double.parseDouble(m.group(1))) : Optional.empty();
    }

    @Test
    void requests_are_counted_by_route_pattern_method_and_status() {
        assertEquals(4.0, sample("http_server_requests_total", "method=\"GET\",path=\"/test\",status=\"200\"").orElseThrow());
        assertEquals(1.0, sample("http_server_requests_total", "method=\"GET\",path=\"/test\",status=\"400\"").orElseThrow());
        assertEquals(1.0, sample("http_server_requests_total", "method=\"GET\",path=\"/json_endpoint\",status=\"200\"").orElseThrow());
        assertEquals(1.0, sample("http_server_requests_total", "method=\"GET\",path=\"unmatched\",status=\"404\"").orElseThrow());
        assertEquals(1.0, sample("http_server_requests_total", "method=\"GET\",path=\"/static/*\",status=\"200\"").orElseThrow());
        assertTrue(!exposition.contains("12345"), "raw URLs must not become label values");
        assertTrue(!exposition.contains("ms=bad"), "query strings must not become label values");
    }

    @Test
    void latency_histogram_has_count_sum_and_buckets_per_route() {
        String labels = "method=\"GET\",path=\"/test\",status=\"200\"";
        assertEquals(4.0, sample("http_server_request_duration_seconds_count", labels).orElseThrow());
        double sum = sample("http_server_request_duration_seconds_sum", labels).orElseThrow();
        // At least their CPU time: three requests of 1 ms each and one of 0 ms. The upper bound only
        // says the sum is in seconds, as the name says, not milliseconds.
        assertTrue(sum >= 0.003 && sum < 60, "the four requests took " + sum + " s in all");
        assertEquals(4.0, sample("http_server_request_duration_seconds_bucket",
                labels + ",le=\"+Inf\"").orElseThrow());
        assertTrue(sample("http_server_request_duration_seconds_bucket", labels + ",le=\"0.001\"").isPresent());
    }

    @Test
    void original_gauges_are_exported_with_their_meaning() {
        double cpu = sample("cpu_usage", "").orElseThrow();
        double ram = sample("ram_usage", "").orElseThrow();
        double runningTime = sample("running_time", "").orElseThrow();
        assertTrue(cpu >= 0 && cpu <= 100, "cpu_usage " + cpu);
        assertTrue(ram > 0 && ram <= 100, "ram_usage " + ram);
        assertTrue(runningTime >= 1 && runningTime < 600, "running_time " + runningTime);
        assertEquals(Math.floor(runningTime), runningTime, "running_time counts whole seconds");
    }

    @Test
    void the_metrics_port_answers_health_checks() throws Exception {
        HttpResponse<String> health = CLIENT.send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + app.metricsPort() + "/-/healthy")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, health.statusCode());
        assertEquals("Exporter is healthy.\n", health.body());
    }

    @Test
    void jvm_and_process_metrics_are_exported() {
        for (String name : new String[] {
            "process_cpu_seconds_total", "process_resident_memory_bytes", "jvm_memory_used_bytes",
            "jvm_threads_current", "jvm_gc_collection_seconds_count"}) {
            assertTrue(Pattern.compile("^" + name + "[ {]", Pattern.MULTILINE).matcher(exposition).find(), name);
        }
    }

    @Test
    void promtool_finds_nothing_to_report(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path promtool = RequiredTools.require("promtool");
        Process process = new ProcessBuilder(promtool.toString(), "check", "metrics").redirectErrorStream(true).start();
        process.getOutputStream().write(exposition.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        String report = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        assertEquals("", report.strip(), "promtool check metrics reported problems");
        assertEquals(0, process.exitValue());
    }
}
