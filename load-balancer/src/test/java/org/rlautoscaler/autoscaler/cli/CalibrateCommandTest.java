package org.rlautoscaler.autoscaler.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rlautoscaler.autoscaler.sim.MeasuredLatency;
import org.rlautoscaler.autoscaler.sim.ModelFile;
import org.rlautoscaler.autoscaler.sim.ServiceModel;
import org.rlautoscaler.common.testing.CliRun;

/**
 * {@code calibrate} against the real web application, started as a process of its own (so that
 * its CPU is its own) with {@code WORK_MS=5}, on a short ramp. It asserts what a loaded machine
 * cannot make flaky: a monotone curve, a positive capacity, CPU per request within a factor of 2
 * of the work; and one-line errors with exit 2 for a bad or unreachable URL.
 */
class CalibrateCommandTest {
    @TempDir
    static Path dir;
    static Process app;
    static int port;
    static int metricsPort;

    @BeforeAll
    static void startApplication() throws Exception {
        port = freePort();
        metricsPort = freePort();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        app = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                "org.rlautoscaler.web.Main", "--port", String.valueOf(port), "--metrics-port", String.valueOf(metricsPort),
                "--work-ms", "5")
                .redirectErrorStream(true).redirectOutput(dir.resolve("web.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!answers("http://localhost:" + port + "/health")) {
            if (System.nanoTime() > deadline || !app.isAlive()) {
                throw new IllegalStateException("the web application did not start: " + Files.readString(dir.resolve("web.log")));
            }
            Thread.sleep(200);
        }
    }

    @AfterAll
    static void stopApplication() throws InterruptedException {
        if (app != null) {
            app.destroy();
            app.waitFor(20, TimeUnit.SECONDS);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static boolean answers(String url) {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
            c.setConnectTimeout(1000);
            c.setReadTimeout(1000);
            return c.getResponseCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    private static CliRun.Outcome run(String... args) {
        return CommandsTest.run(args);
    }

    @Test
    void a_short_ramp_fits_a_monotone_curve_and_the_cpu_of_the_work() throws Exception {
        Path model = dir.resolve("model.json");
        CliRun.Outcome outcome = run("calibrate", "--url", "http://localhost:" + port + "/test",
                "--metrics-url", "http://localhost:" + metricsPort + "/metrics", "--out", model.toString(),
                "--warmup-probe-seconds", "10", "--utilisation-step", "0.15", "--max-utilisation", "0.75",
                "--settle-seconds", "1", "--level-seconds", "3", "--start-rate", "20", "--condition-seconds", "3");
        assertEquals(0, outcome.status(), outcome.out() + outcome.err());
        ModelFile.Document document = ModelFile.read(model);
        ServiceModel service = document.service();
        double cpuMs = service.cpuSecondsPerRequest() * 1000;
        assertTrue(cpuMs >= 2.5 && cpuMs <= 10, "CPU per request within a factor of 2 of WORK_MS=5: " + cpuMs + " ms");
        assertTrue(service.capacity(1) > 0);
        List<MeasuredLatency.Point> points = ((MeasuredLatency) service.latency()).points();
        assertTrue(points.size() >= 3, outcome.out());
        for (int i = 1; i < points.size(); i++) {
            assertTrue(points.get(i).utilisation() > points.get(i - 1).utilisation(), points.toString());
            assertTrue(points.get(i).p95Seconds() >= points.get(i - 1).p95Seconds(), points.toString());
            assertTrue(points.get(i).meanSeconds() >= points.get(i - 1).meanSeconds(), points.toString());
        }
        assertTrue(document.levels().size() >= 2, "the levels are kept: " + document.levels());
        assertTrue(document.provenance().get("command").startsWith("calibrate --url"), document.provenance().toString());
        assertTrue(outcome.out().contains("Wrote " + model), outcome.out());
    }

    @Test
    void a_url_without_a_scheme_is_exit_2_naming_it() {
        CliRun.Outcome outcome = run("calibrate", "--url", "localhost:" + port + "/test",
                "--metrics-url", "http://localhost:" + metricsPort + "/metrics");
        assertEquals(2, outcome.status());
        assertEquals("error: Invalid value for --url: 'localhost:" + port + "/test'; accepted: an http:// or https:// URL with a host, "
                + "for example http://localhost:8082/test", outcome.err().lines().findFirst().orElse(""));
    }

    @Test
    void an_unreachable_metrics_url_is_exit_2_naming_it() throws IOException {
        int closed = freePort();
        CliRun.Outcome outcome = run("calibrate", "--url", "http://localhost:" + port + "/test",
                "--metrics-url", "http://localhost:" + closed + "/metrics", "--out", dir.resolve("never.json").toString());
        assertEquals(2, outcome.status());
        String first = outcome.err().lines().findFirst().orElse("");
        assertTrue(first.startsWith("error: Invalid value for --metrics-url: 'http://localhost:" + closed
                + "/metrics'; accepted: the Prometheus metrics URL of the instance --url reaches (here: cannot be reached: "), first);
        assertTrue(!Files.exists(dir.resolve("never.json")));
    }

    @Test
    void a_history_fit_needs_a_history_file() throws IOException {
        Path notHistory = Files.writeString(dir.resolve("trace.csv"), "t_seconds,requests\n0,1\n");
        CliRun.Outcome outcome = run("calibrate", "--history", notHistory.toString(), "--out", dir.resolve("h.json").toString());
        assertEquals(2, outcome.status());
        assertTrue(outcome.err().startsWith("error: Invalid value for --history: '" + notHistory
                + "'; accepted: a history.csv of the run command (its header has no column desired"), outcome.err());
    }
}
