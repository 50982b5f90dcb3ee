package org.rlautoscaler.web.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rlautoscaler.common.testing.PrometheusServer;
import org.rlautoscaler.web.WebApplication;
import org.rlautoscaler.web.WebConfig;

/**
 * A real Prometheus scrapes the application under a known load, and answers the queries of the
 * original latency autoscaler, verbatim.
 */
class PrometheusScrapeTest {
    static final String LATENCY = "rate(http_server_request_duration_seconds_sum{path=\"/test\"}[30s]) "
            + "/ rate(http_server_request_duration_seconds_count{path=\"/test\"}[30s])";
    static final String REQUESTS = "increase(http_server_requests_total{path=\"/test\"}[30s])";

    @Test
    void original_latency_and_request_queries_answer_for_a_known_load(@TempDir Path dir) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        try (WebApplication app = WebApplication.start(WebConfig.defaults().onFreePorts().withWorkMillis(20));
             PrometheusServer prometheus = PrometheusServer.start(dir, Duration.ofSeconds(1),
                     List.of("127.0.0.1:" + app.metricsPort()))) {
            // Prometheus scrapes a new target a few seconds after it starts: load it only then.
            prometheus.awaitValue("up == 1", Duration.ofSeconds(60)).orElseThrow();
            HttpRequest test = HttpRequest.newBuilder(URI.create("http://localhost:" + app.port() + "/test")).build();
            // About 20 requests a second, one at a time, for 6 seconds: 120 requests of 20 ms CPU each.
            long start = System.nanoTime();
            int sent = 0;
            while (System.nanoTime() - start < 6_000_000_000L) {
                assertEquals(200, client.send(test, HttpResponse.BodyHandlers.discarding()).statusCode());
                sent++;
                Thread.sleep(30);
            }
            // Until Prometheus has scraped the last of them (a loaded machine scrapes late).
            prometheus.awaitValue("http_server_requests_total{path=\"/test\",status=\"200\"} >= " + sent,
                    Duration.ofSeconds(60)).orElseThrow();

            double latencySeconds = prometheus.awaitValue(LATENCY, Duration.ofSeconds(10)).orElseThrow();
            // At least the 20 ms of CPU each costs; the upper bound only says the figure is in seconds.
            assertTrue(latencySeconds >= 0.019 && latencySeconds < 5,
                    "mean latency of /test should be a little over its 20 ms of CPU, was " + latencySeconds + " s");

            double increase = prometheus.awaitValue(REQUESTS, Duration.ofSeconds(10)).orElseThrow();
            // increase() extrapolates to the window's edges, so it is near, not equal to, the count.
            assertTrue(increase > sent * 0.7 && increase < sent * 1.6,
                    "increase over 30 s should be near the " + sent + " requests sent, was " + increase);

            double cpu = prometheus.awaitValue("cpu_usage", Duration.ofSeconds(30)).orElseThrow();
            assertTrue(cpu > 0 && cpu <= 100, "cpu_usage " + cpu);
            double processCpu = prometheus.awaitValue("rate(process_cpu_seconds_total[30s])", Duration.ofSeconds(30)).orElseThrow();
            assertTrue(processCpu > 0, "per-process CPU seconds per second " + processCpu);
        }
    }
}
