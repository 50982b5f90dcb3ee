package org.rlautoscaler.web.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayDeque;
import java.util.List;
import java.util.OptionalDouble;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.rlautoscaler.web.metrics.cpu.CpuReading;

/** cpu_usage is missing, not 0, until there is an interval to measure it over. */
class SystemSamplerTest {

    /** Gives the figures it is handed, in order, as a CPU reading would. */
    private static final class GivenCpu implements CpuReading {
        private final ArrayDeque<OptionalDouble> figures;

        GivenCpu(OptionalDouble... figures) {
            this.figures = new ArrayDeque<>(List.of(figures));
        }

        @Override
        public OptionalDouble percent() {
            return figures.removeFirst();
        }

        @Override
        public String describe() {
            return "figures given by the test";
        }
    }

    /** The exposition as Prometheus scrapes it, from a metrics server on a free port. */
    private static String exposition(AppMetrics metrics) throws IOException, InterruptedException {
        try (HTTPServer server = HTTPServer.builder().port(0).registry(metrics.registry()).buildAndStart()) {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + server.getPort() + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        }
    }

    private static boolean hasSample(String exposition, String name) {
        return Pattern.compile("^" + name + " ", Pattern.MULTILINE).matcher(exposition).find();
    }

    @Test
    void the_first_sample_has_no_cpu_figure_and_the_gauge_is_absent_until_the_second() throws Exception {
        AppMetrics metrics = new AppMetrics();
        try (SystemSampler sampler = new SystemSampler(metrics, new GivenCpu(OptionalDouble.empty(), OptionalDouble.of(42.5)))) {
            sampler.sample();
            String first = exposition(metrics);
            assertFalse(hasSample(first, "cpu_usage"), first);
            assertTrue(hasSample(first, "ram_usage"), "the other gauges are there from the start");
            assertTrue(Double.isNaN(sampler.history().getFirst().cpuPercent()));

            sampler.sample();
            assertTrue(exposition(metrics).contains("\ncpu_usage 42.5\n"), exposition(metrics));
            assertEquals(42.5, sampler.history().getLast().cpuPercent());
        }
    }
}
