package org.rlautoscaler.autoscaler.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rlautoscaler.common.testing.DockerCli;
import org.rlautoscaler.common.testing.PrometheusServer;
import org.rlautoscaler.common.testing.RequiredTools;
import org.rlautoscaler.web.WebApplication;
import org.rlautoscaler.web.WebConfig;

/** {@code run}: its settings, and the whole command against a real Prometheus and a real Swarm service. */
class RunCommandTest {

    @Test
    void bad_live_settings_exit_2_naming_them(@TempDir Path dir) throws Exception {
        assertEquals("error: Invalid value for --agent: 'oracle'; accepted: qlearning, swarm-cpu-ram, latency-table, hpa, "
                + "hpa-tuned, threshold, static", CommandsTest.run("run", "--agent", "oracle", "--weights-dir", dir.toString(),
                "--plots-dir", dir.toString()).err().lines().findFirst().orElseThrow());
        assertEquals("error: Invalid value for --max-replicas: '1'; accepted: at least --min-replicas (3)",
                CommandsTest.run("run", "--min-replicas", "3", "--max-replicas", "1").err().lines().findFirst().orElseThrow());
        assertEquals("error: Invalid value for --orchestrator (environment variable ORCHESTRATOR): expected one of "
                + "[swarm, kubernetes] (case-insensitive) but was 'nomad'", CommandsTest.runWith(Map.of("ORCHESTRATOR", "nomad"),
                "run").err().lines().findFirst().orElseThrow());
        Path file = dir.resolve("a-file");
        Files.writeString(file, "x");
        assertEquals("error: Invalid value for --model-file (environment variable MODEL_FILE): '" + file + "'; accepted: a "
                + "model file written by calibrate (" + file + " is not a model file (Unrecognized token 'x': was expecting "
                + "(JSON String, Number, Array, Object or token 'null', 'true' or 'false')))",
                CommandsTest.runWith(Map.of("MODEL_FILE", file.toString()), "run", "--weights-dir", dir.toString(),
                        "--plots-dir", dir.toString()).err().lines().findFirst().orElseThrow());
        CommandsTest.Outcome outcome = CommandsTest.run("run", "--weights-dir", file.resolve("sub").toString());
        assertEquals(2, outcome.status());
        assertTrue(outcome.err().startsWith("error: Invalid value for --weights-dir: '" + file.resolve("sub")
                + "'; accepted: a directory that exists or can be created"), outcome.err());
    }

    @Test
    void run_observes_decides_and_serves_its_metrics_and_health(@TempDir Path dir) throws Exception {
        RequiredTools.requireDockerSwarm();
        String service = "rltest-run-" + UUID.randomUUID().toString().substring(0, 8);
        DockerCli.run("service", "create", "--quiet", "--detach", "--name", service, "--label", "rl-autoscaler-test=true",
                "--init", "--replicas", "2", "rl-autoscaler/busybox:test");
        int metricsPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            metricsPort = socket.getLocalPort();
        }
        try (WebApplication app = WebApplication.start(WebConfig.defaults().onFreePorts());
             PrometheusServer prometheus = PrometheusServer.start(dir, Duration.ofSeconds(1),
                     List.of("127.0.0.1:" + app.metricsPort()))) {
            Thread runner = new Thread(() -> CommandsTest.run("run", "--agent", "hpa", "--service-name", service,
                    "--prometheus-url", prometheus.url(), "--period-seconds", "1", "--dry-run",
                    "--weights-dir", dir.resolve("weights").toString(), "--plots-dir", dir.resolve("plots").toString(),
                    "--metrics-port", Integer.toString(metricsPort)));
            runner.start();
            HttpClient http = HttpClient.newHttpClient();
            String metrics = "";
            Path history = dir.resolve("weights/history.csv");
            for (int i = 0; i < 60 && !(metrics.contains("autoscaler_decisions_total{")
                    && Files.exists(history) && Files.readAllLines(history).size() >= 3); i++) {
                Thread.sleep(500);
                try {
                    metrics = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + metricsPort + "/metrics")).build(),
                            HttpResponse.BodyHandlers.ofString()).body();
                } catch (java.io.IOException notYet) {
                    // not listening yet
                }
            }
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + metricsPort + "/health")).build(), HttpResponse.BodyHandlers.ofString());
            runner.interrupt();
            runner.join(Duration.ofSeconds(20));
            assertTrue(metrics.contains("autoscaler_desired_replicas 2.0"), metrics);
            assertTrue(metrics.contains("autoscaler_running_replicas"), metrics);
            assertTrue(metrics.contains("autoscaler_decisions_total{action="), metrics);
            assertEquals(200, health.statusCode(), health.body());
            assertTrue(health.body().startsWith("{\"status\":\"UP\""), health.body());
            assertTrue(Files.readAllLines(history).size() >= 3, "a header and a line per period");
            assertEquals("2", DockerCli.run("service", "inspect", "--format", "{{.Spec.Mode.Replicated.Replicas}}", service).strip(),
                    "a dry run never scales");
        } finally {
            DockerCli.quietly("service", "rm", service);
        }
    }
}
