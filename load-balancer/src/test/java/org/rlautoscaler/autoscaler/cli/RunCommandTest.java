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
import org.rlautoscaler.autoscaler.Main;
import org.rlautoscaler.common.cli.Cli;
import org.rlautoscaler.common.testing.CliRun;
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
        CliRun.Outcome outcome = CommandsTest.run("run", "--weights-dir", file.resolve("sub").toString());
        assertEquals(2, outcome.status());
        assertTrue(outcome.err().startsWith("error: Invalid value for --weights-dir: '" + file.resolve("sub")
                + "'; accepted: a directory that exists or can be created"), outcome.err());
    }

    private static String firstLine(CliRun.Outcome outcome) {
        assertEquals(2, outcome.status(), outcome.err());
        return outcome.err().lines().findFirst().orElseThrow();
    }

    @Test
    void a_prometheus_url_without_http_or_https_is_refused_at_start() {
        assertEquals("error: Invalid value for --prometheus-url (environment variable PROMETHEUS_URL): 'localhost:9090'; "
                + "accepted: an http:// or https:// URL such as http://prometheus:9090 (no scheme: http://localhost:9090?)",
                firstLine(CommandsTest.runWith(Map.of("PROMETHEUS_URL", "localhost:9090"), "run")));
        assertEquals("error: Invalid value for --prometheus-url: 'ftp://prometheus:9090'; accepted: an http:// or https:// URL "
                + "such as http://prometheus:9090 (not ftp://)", firstLine(CommandsTest.run("run", "--prometheus-url",
                "ftp://prometheus:9090")));
        assertEquals("error: Invalid value for --prometheus-url: 'http://exa mple'; accepted: an http:// or https:// URL "
                + "such as http://prometheus:9090 (Illegal character in authority)", firstLine(CommandsTest.run("run",
                "--prometheus-url", "http://exa mple")));
    }

    @Test
    void a_docker_host_that_is_not_unix_tcp_or_npipe_is_refused_at_start() {
        assertEquals("error: Invalid value for --docker-host (environment variable DOCKER_HOST): 'garbage://x'; accepted: "
                + "unix:///path/to/docker.sock, tcp://host:port or npipe:///path",
                firstLine(CommandsTest.runWith(Map.of("DOCKER_HOST", "garbage://x"), "run")));
    }

    @Test
    void dry_run_maybe_lists_what_is_accepted() {
        assertEquals("error: Invalid value for --dry-run (environment variable DRY_RUN): 'maybe' is not a boolean; "
                + "accepted: true or false", firstLine(CommandsTest.runWith(Map.of("DRY_RUN", "maybe"), "run")));
    }

    @Test
    void a_history_file_that_cannot_be_appended_to_is_refused_at_start(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("a-file");
        Files.writeString(file, "x");
        String line = firstLine(CommandsTest.run("run", "--service-name", "application", "--weights-dir", dir.toString(),
                "--plots-dir", dir.toString(), "--history-file", file.resolve("history.csv").toString()));
        assertTrue(line.startsWith("error: Invalid value for --history-file: '" + file.resolve("history.csv")
                + "'; accepted: a file one can append to ("), line);
        assertEquals("error: Invalid value for --history-file: '" + dir + "'; accepted: a file one can append to (" + dir
                + " is a directory)", firstLine(CommandsTest.run("run", "--service-name", "application", "--weights-dir",
                dir.toString(), "--plots-dir", dir.toString(), "--history-file", dir.toString())));
        assertEquals("error: Invalid value for --history-file: '" + dir + "'; accepted: no value without --service-name: "
                + "each service found by its labels writes WEIGHTS_DIR/SERVICE/history.csv", firstLine(CommandsTest.run("run",
                "--weights-dir", dir.toString(), "--plots-dir", dir.toString(), "--history-file", dir.toString())));
    }

    @Test
    void a_metrics_port_in_use_is_refused_at_start(@TempDir Path dir) throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            String port = Integer.toString(taken.getLocalPort());
            String line = firstLine(CommandsTest.runWith(Map.of("METRICS_PORT", port), "run", "--weights-dir", dir.toString(),
                    "--plots-dir", dir.toString()));
            assertTrue(line.startsWith("error: Invalid value for --metrics-port (environment variable METRICS_PORT): '" + port
                    + "'; accepted: a free port (" + port + " is in use: "), line);
        }
    }

    @Test
    void an_original_table_csv_of_other_request_intervals_is_refused_at_start_naming_the_options(@TempDir Path dir)
            throws Exception {
        // the original's table of pods 1 to 3, latency 500 x 4, requests 18 x 3; the live agent's request
        // intervals are scaled to the model's load unless told otherwise
        StringBuilder table = new StringBuilder("pod,initial_latency,end_latency,initial_request,end_request,1,2,3\n");
        for (int r = 0; r < 3; r++) {
            for (int l = 0; l < 4; l++) {
                for (int pod = 1; pod <= 3; pod++) {
                    table.append(pod).append(',').append(l == 0 ? 0 : 500 * l + 1).append(',').append(500 * (l + 1)).append(',')
                            .append(r == 0 ? 0 : 18 * r + 1).append(',').append(18 * (r + 1)).append(",0,0,0\n");
                }
            }
        }
        Files.writeString(dir.resolve("table.csv"), table);
        String line = firstLine(CommandsTest.run("run", "--service-name", "application", "--agent", "latency-table",
                "--max-replicas", "3", "--weights-dir",
                dir.toString(), "--plots-dir", dir.toString(), "--metrics-port", "0", "--prometheus-url", "http://127.0.0.1:1"));
        assertTrue(line.startsWith("error: Invalid value for --weights-dir: '" + dir + "'; accepted: a directory whose "
                + "table.csv this agent can use (" + dir.resolve("table.csv") + " row 1: requests 0-18 are not one of 0-"), line);
        assertTrue(line.endsWith("per 30 s (--initial-request, --request-intervals, --no-scale-request-intervals))"), line);
    }

    @Test
    void a_directory_where_the_agent_file_should_be_is_refused_at_start(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("qlearning-qtable.json"));
        assertEquals("error: Invalid value for --weights-dir: '" + dir + "'; accepted: a directory whose qlearning-qtable.json "
                + "is a file or absent (" + dir.resolve("qlearning-qtable.json") + " is a directory)",
                firstLine(CommandsTest.run("run", "--service-name", "application", "--weights-dir", dir.toString(),
                        "--plots-dir", dir.toString(), "--metrics-port", "0", "--prometheus-url", "http://127.0.0.1:1")));
    }

    @Test
    void a_query_prometheus_cannot_parse_is_refused_at_start_naming_it(@TempDir Path dir) throws Exception {
        try (PrometheusServer prometheus = PrometheusServer.start(dir, Duration.ofSeconds(1), List.of())) {
            String line = firstLine(CommandsTest.runWith(Map.of("CPU_QUERY", "sum("), "run", "--weights-dir", dir.toString(),
                    "--plots-dir", dir.toString(), "--metrics-port", "0", "--prometheus-url", prometheus.url()));
            assertTrue(line.startsWith("error: Invalid value for --cpu-query (environment variable CPU_QUERY): 'sum('; "
                    + "accepted: a PromQL expression Prometheus can parse (Prometheus answered HTTP 400, bad_data: "), line);
        }
    }

    @Test
    void a_live_service_explores_only_when_asked() {
        RunCommand command = new RunCommand();
        Cli.commandLine(new Main(), Map.of()).parseArgs("run");
        picocli.CommandLine line = Cli.commandLine(command, Map.of());
        line.parseArgs();
        assertEquals(0.0, command.options.epsilon, "EPSILON unset: no random action on a live service");
        assertEquals("learn", command.options.mode.name());
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
            HttpResponse<String> ready = http.send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + metricsPort + "/ready")).build(), HttpResponse.BodyHandlers.ofString());
            runner.interrupt();
            runner.join(Duration.ofSeconds(20));
            assertEquals(200, ready.statusCode(), ready.body());
            assertTrue(ready.body().contains("{\"type\":\"AbleToScale\",\"status\":\"True\""), ready.body());
            assertTrue(metrics.contains("autoscaler_condition{service=\"" + service + "\",status=\"True\",type=\"AbleToScale\"} 1.0"),
                    metrics);
            assertTrue(metrics.contains("autoscaler_desired_replicas{service=\"" + service + "\"} 2.0"), metrics);
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

    @Test
    void a_service_the_engine_does_not_have_makes_run_unready_while_it_stays_alive(@TempDir Path dir) throws Exception {
        RequiredTools.requireDockerSwarm();
        String service = "rltest-absent-" + UUID.randomUUID().toString().substring(0, 8);
        int metricsPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            metricsPort = socket.getLocalPort();
        }
        Thread runner = new Thread(() -> CommandsTest.run("run", "--agent", "hpa", "--service-name", service,
                "--prometheus-url", "http://127.0.0.1:1", "--period-seconds", "1", "--unready-after-periods", "2",
                "--weights-dir", dir.resolve("weights").toString(), "--plots-dir", dir.resolve("plots").toString(),
                "--metrics-port", Integer.toString(metricsPort)));
        runner.start();
        try {
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> ready = null;
            for (int i = 0; i < 120 && (ready == null || ready.statusCode() != 503 || !ready.body().contains("\"phase\":\"running\""));
                 i++) {
                Thread.sleep(500);
                try {
                    ready = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + metricsPort + "/ready")).build(),
                            HttpResponse.BodyHandlers.ofString());
                } catch (java.io.IOException notYet) {
                    // not listening yet
                }
            }
            assertTrue(ready != null && ready.statusCode() == 503, ready == null ? "never answered" : ready.body());
            assertTrue(ready.body().contains("{\"type\":\"AbleToScale\",\"status\":\"False\",\"reason\":\"FailedGetScale\","
                    + "\"message\":\"not_found: "), ready.body());
            assertTrue(ready.body().contains("\"last_error\":{\"message\":\"cannot read the service: not_found: "), ready.body());
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + metricsPort + "/health")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, health.statusCode(), "alive, only not ready: " + health.body());
            String metrics = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + metricsPort + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertTrue(metrics.contains("autoscaler_ready{service=\"" + service + "\"} 0.0"), metrics);
            assertTrue(metrics.contains("autoscaler_condition{service=\"" + service + "\",status=\"False\",type=\"AbleToScale\"} 1.0"),
                    metrics);
        } finally {
            runner.interrupt();
            runner.join(Duration.ofSeconds(20));
        }
    }
}
