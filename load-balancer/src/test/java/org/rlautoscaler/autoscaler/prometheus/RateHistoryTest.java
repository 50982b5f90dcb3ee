package org.rlautoscaler.autoscaler.prometheus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rlautoscaler.autoscaler.fleet.QueryTemplates;
import org.rlautoscaler.common.testing.PrometheusServer;
import org.rlautoscaler.common.testing.RequiredTools;

/**
 * A service's request rate of the last days, read back from a real Prometheus whose storage was
 * filled beforehand with two days of a counter ({@code promtool tsdb create-blocks-from
 * openmetrics}): 10 requests a second, then 30 from one day ago, scraped every 15 s. Read with
 * the conventional request-rate query, at one point a period, in parts.
 */
class RateHistoryTest {
    private static final Duration PERIOD = Duration.ofSeconds(15);

    @Test
    void two_days_written_before_prometheus_started_are_read_back_one_point_a_period(@TempDir Path dir) throws Exception {
        Instant end = Instant.ofEpochSecond((Instant.now().getEpochSecond() / 3600 - 1) * 3600); // a whole hour, in the past
        Instant step = end.minus(Duration.ofDays(1));
        Path samples = dir.resolve("samples.om");
        try (BufferedWriter out = Files.newBufferedWriter(samples)) {
            out.write("# TYPE http_server_request_duration_seconds_count counter\n");
            double count = 0;
            for (Instant t = end.minus(Duration.ofDays(2)); !t.isAfter(end); t = t.plus(PERIOD)) {
                out.write(String.format(Locale.ROOT, "http_server_request_duration_seconds_count{service=\"shop\"} %.0f %d%n",
                        count, t.getEpochSecond()));
                count += (t.isBefore(step) ? 10 : 30) * PERIOD.toSeconds();
            }
            out.write("# EOF\n");
        }
        Process promtool = new ProcessBuilder(RequiredTools.require("promtool").toString(), "tsdb",
                "create-blocks-from", "openmetrics", samples.toString(), dir.resolve("data").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("promtool.log").toFile()).start();
        assertTrue(promtool.waitFor(120, TimeUnit.SECONDS), "promtool did not finish");
        assertEquals(0, promtool.exitValue(), Files.readString(dir.resolve("promtool.log")));

        String query = QueryTemplates.forServices(QueryTemplates.forService(QueryTemplates.REQUEST_RATE, "", 1),
                List.of("shop"));
        try (PrometheusServer server = PrometheusServer.start(dir, Duration.ofSeconds(15), List.of());
             PrometheusClient prometheus = PrometheusClient.builder(server.url()).callTimeout(Duration.ofSeconds(30))
                     .readTimeout(Duration.ofSeconds(30)).build()) {
            int periods = 3 * 5_760; // three days asked for, two stored: 17,280 points in two parts
            RateHistory history = RateHistory.read(prometheus, query, end, PERIOD, periods);

            assertEquals("", history.problem());
            double[] rates = history.rates();
            assertEquals(periods, rates.length);
            assertTrue(Double.isNaN(rates[0]) && Double.isNaN(rates[5_760 - 1]), "the first day, before the data, is unknown");
            assertEquals(2 * 5_760, history.found(), "every period of the two days (the first sample starts the first rate)");
            assertEquals(10, rates[5_760 + 100], 1e-9, "two days ago: 10/s");
            assertEquals(10, rates[2 * 5_760 - 2], 1e-9, "the period ending 15 s before the step");
            assertEquals(30, rates[2 * 5_760 + 2], 1e-9, "after the step: 30/s");
            assertEquals(30, rates[periods - 1], 1e-9, "the last period, ending at the end asked for");
        }
    }

    @Test
    void a_prometheus_that_cannot_be_reached_gives_what_was_read_and_why_it_stopped() {
        try (PrometheusClient prometheus = PrometheusClient.create("http://127.0.0.1:9")) {
            RateHistory history = RateHistory.read(prometheus, "sum(rate(x[30s]))", Instant.now(), PERIOD, 40_320);
            assertEquals(0, history.found());
            assertEquals(40_320, history.rates().length);
            assertTrue(history.problem().startsWith("unreachable: cannot reach http://127.0.0.1:9"), history.problem());
        }
    }
}
