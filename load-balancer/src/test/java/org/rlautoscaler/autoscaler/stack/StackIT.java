package org.rlautoscaler.autoscaler.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.rlautoscaler.autoscaler.agent.headroom.Headroom;
import org.rlautoscaler.common.testing.DockerCli;
import org.rlautoscaler.common.testing.RequiredTools;

/**
 * The whole stack on a real Docker Swarm: images built offline, deployed by scripts/deploy-stack.sh
 * with both stack files (busybox standing in for Grafana, whose image cannot be pulled here), the
 * simulator's step profile as load. One autoscaler scales the two services of the stack file that
 * opt in by their labels, each with its own range, objective and agent: {@code application}
 * ({@code qlearning}, pre-trained in the simulated cluster) and {@code application-heavy}
 * ({@code hpa}, four times the CPU a request). Light load keeps both at their minimum; a step on
 * the application scales it out while the other stays at its minimum, then a step on the other
 * scales that one out while the application comes back in; both come back to their minimum.
 * Prometheus finds every replica through Swarm's API and sees each new one. A third service with
 * a bad label is reported and never scaled; twenty more labelled services are all picked up
 * within a period and held at their minimum without metrics; a label removed lets a service go,
 * added again picks it up. The run prints one summary line with the replica counts over time and
 * the reaction times.
 */
class StackIT {
    static final String STACK = "rle2e";
    static final Path ROOT = StackImages.ROOT;
    static final double STEP_AFTER = 90;
    static final double STEP_LENGTH = 150;
    /** The heavy service's step starts when the application's ends. */
    static final double HEAVY_STEP_AFTER = STEP_AFTER + STEP_LENGTH;
    static final String APPLICATION = STACK + "_application";
    static final String HEAVY = STACK + "_application-heavy";
    static final String BAD = STACK + "_bad-labels";
    /** Services of the many-services stage. */
    static final int MANY = 20;
    /** Seconds after the deploy when the light-load check starts: JIT compilation is not load. */
    static final double WARM_UP = 50;
    /** Bounds measured on a 2-core machine and recorded in docs/benchmarks.md. */
    static final Duration SCALE_OUT_BOUND = Duration.ofSeconds(120);
    static final Duration SCALE_IN_BOUND = Duration.ofSeconds(240);

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void light_load_stays_at_minimum_a_step_scales_out_and_its_end_scales_back_in() throws Exception {
        RequiredTools.requireDockerSwarm();
        StackImages.build();
        Path deployDir = deployFiles();
        Path override = testOverride(deployDir);
        DockerCli.quietly("stack", "rm", STACK);
        awaitGone();
        // A Q-table left by an earlier run would hold what that run learnt online: start from the pre-training.
        assertTrue(removeVolumes(), "the volumes of an earlier run stay: " + DockerCli.quietly("volume", "ls"));
        long deployedAt = System.nanoTime();
        try {
            String deployed = deployStack(deployDir, "--grafana", "-c", override.toString(), STACK);
            assertTrue(deployed.contains("configs by content: " + STACK + "_prometheus_config_"), deployed);
            awaitPrometheus();
            assertGrafanaProvisioned();
            List<String> timeline = new ArrayList<>();
            int lightMax = 0;
            int heavyMaxDuringStep = 0;
            int heavyPeak = 1;
            double stepStart = -1;
            double scaledOutAt = -1;
            double stepEnd = -1;
            double scaledInAt = -1;
            double firstScaleIn = -1;
            double heavyStepStart = -1;
            double heavyScaledOutAt = -1;
            double heavyStepEnd = -1;
            double heavyScaledInAt = -1;
            int peak = 1;
            boolean prometheusSawEveryReplica = false;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos((long) (HEAVY_STEP_AFTER + STEP_LENGTH) + 480);
            while (System.nanoTime() < deadline && (scaledInAt < 0 || heavyScaledInAt < 0)) {
                double t = (System.nanoTime() - deployedAt) / 1e9;
                int desired = desiredReplicas(APPLICATION);
                int heavy = desiredReplicas(HEAVY);
                double users = value("sum(simulate_users_active_users{job=\"simulate-users\"})");
                double heavyUsers = value("sum(simulate_users_active_users{job=\"simulate-users-heavy\"})");
                double scraped = value("count(up{job=\"application\"} == 1)");
                timeline.add(String.format(java.util.Locale.ROOT, "%.0fs:%d/%d", t, desired, heavy));
                if (stepStart < 0 && users > 50) {
                    stepStart = t;
                } else if (stepStart < 0 && t >= WARM_UP) {
                    lightMax = Math.max(lightMax, desired);
                }
                if (stepStart >= 0 && scaledOutAt < 0 && desired >= 2) {
                    scaledOutAt = t;
                }
                if (stepStart >= 0 && stepEnd < 0) {
                    heavyMaxDuringStep = Math.max(heavyMaxDuringStep, heavy);
                }
                peak = Math.max(peak, desired);
                if (desired >= 2 && scraped == runningReplicas(APPLICATION) && scraped == desired) {
                    prometheusSawEveryReplica = true;
                }
                if (stepStart >= 0 && stepEnd < 0 && users < 50) {
                    stepEnd = t;
                }
                if (scaledOutAt >= 0 && firstScaleIn < 0 && desired == 1) {
                    firstScaleIn = t;
                }
                if (stepEnd >= 0 && scaledOutAt >= 0 && scaledInAt < 0 && desired == 1) {
                    scaledInAt = t;
                }
                if (heavyStepStart < 0 && heavyUsers > 10) {
                    heavyStepStart = t;
                }
                if (heavyStepStart >= 0 && heavyScaledOutAt < 0 && heavy >= 2) {
                    heavyScaledOutAt = t;
                }
                heavyPeak = Math.max(heavyPeak, heavy);
                if (heavyStepStart >= 0 && heavyStepEnd < 0 && heavyUsers < 10) {
                    heavyStepEnd = t;
                }
                if (heavyStepEnd >= 0 && heavyScaledOutAt >= 0 && heavyScaledInAt < 0 && heavy == 1) {
                    heavyScaledInAt = t;
                }
                Thread.sleep(5_000);
            }
            String summary = String.format(java.util.Locale.ROOT,
                    "Stack run: replicas (application/application-heavy) over time %s; application: step at %.0f s, scaled "
                            + "out after %.0f s (peak %d), back to 1 replica at %.0f s, step ended at %.0f s, at 1 replica "
                            + "%.0f s later; application-heavy: at most %d replica(s) during the application's step, its "
                            + "step at %.0f s, scaled out after %.0f s (peak %d), step ended at %.0f s, at 1 replica %.0f s "
                            + "later", String.join(" ", timeline), stepStart, scaledOutAt - stepStart, peak, firstScaleIn,
                    stepEnd, scaledInAt - stepEnd, heavyMaxDuringStep, heavyStepStart, heavyScaledOutAt - heavyStepStart,
                    heavyPeak, heavyStepEnd, heavyScaledInAt - heavyStepEnd);
            System.out.println(summary);
            Files.writeString(ROOT.resolve("load-balancer/target/stack-summary.txt"), summary + "\n");

            assertEquals(1, lightMax, "under light load the application stays at its minimum: " + summary);
            assertTrue(stepStart >= 0, "the simulator's step never showed in Prometheus: " + summary);
            assertTrue(scaledOutAt >= 0 && scaledOutAt - stepStart <= SCALE_OUT_BOUND.toSeconds(),
                    "scale-out within " + SCALE_OUT_BOUND.toSeconds() + " s of the step: " + summary);
            assertTrue(prometheusSawEveryReplica, "Prometheus scraped every replica after the scale-out: " + summary);
            assertTrue(scaledInAt >= 0 && scaledInAt - stepEnd <= SCALE_IN_BOUND.toSeconds(),
                    "scale-in within " + SCALE_IN_BOUND.toSeconds() + " s of the load's drop: " + summary);
            assertEquals(1, heavyMaxDuringStep, "load on the application alone leaves application-heavy at its minimum: "
                    + summary);
            assertTrue(heavyStepStart >= 0, "the heavy service's step never showed in Prometheus: " + summary);
            assertTrue(heavyScaledOutAt >= 0 && heavyScaledOutAt - heavyStepStart <= SCALE_OUT_BOUND.toSeconds(),
                    "application-heavy scaled out within " + SCALE_OUT_BOUND.toSeconds() + " s of its step: " + summary);
            assertTrue(heavyPeak <= 3, "application-heavy within its own max-replicas, 3: " + summary);
            assertTrue(heavyScaledInAt >= 0 && heavyScaledInAt - heavyStepEnd <= SCALE_IN_BOUND.toSeconds(),
                    "application-heavy back to 1 within " + SCALE_IN_BOUND.toSeconds() + " s of its load's drop: " + summary);

            assertTrue(value("max(autoscaler_desired_replicas)") >= 1, "the autoscaler's metrics reach Prometheus");
            assertTrue(value("sum(autoscaler_decisions_total)") > 0, "its decisions are counted in Prometheus");
            assertAgentPagePublished();
            assertAlertRulesLoaded();
            String weights = DockerCli.run("run", "--rm", "-v", STACK + "_qsavedweights:/w", "rl-autoscaler/busybox:test",
                    "/bin/busybox", "ls", "/w/" + APPLICATION, "/w/" + HEAVY);
            assertTrue(weights.contains("qlearning-qtable.json") && weights.lines().filter("history.csv"::equals).count() == 2,
                    "each service's files in its own directory of the weights volume: " + weights);
            String plots = DockerCli.run("run", "--rm", "-v", STACK + "_plots:/p", "rl-autoscaler/busybox:test", "/bin/busybox",
                    "ls", "/p/" + APPLICATION);
            assertTrue(plots.contains("qlearning-reward.png"), "the learning plots are in the plots volume: " + plots);
            String balancerLog = DockerCli.run("service", "logs", "--raw", STACK + "_load-balancer");
            assertTrue(balancerLog.contains("training qlearning for"), "the agent started from its pre-training, not from"
                    + " an earlier run's table: " + balancerLog.lines().limit(5).toList());
            assertTrue(balancerLog.contains("labelled rl-autoscaler.enable=true in stack " + STACK + " "),
                    "the stack file passes its own stack name: "
                    + balancerLog.lines().filter(line -> line.contains("Scaling ")).toList());
            assertTrue(balancerLog.contains("periods of its request rate over the last 7 days from Prometheus"),
                    "qlearning read its service's history at start: " + balancerLog.lines()
                            .filter(line -> line.contains("Prometheus")).limit(5).toList());
            assertEquals(1.0, value("count(autoscaler_forecast_load)"),
                    "one service forecasts: the application (qlearning); application-heavy's threshold does not");
            assertTrue(value("max(autoscaler_forecast_load{service=~\".+_application\"})") > 0,
                    "the application's forecast is exported");
            assertTrue(balancerLog.contains("(learn mode, epsilon 0.0)") && !balancerLog.contains("random action"),
                    "the live service is not explored at random by default");
            assertEquals(1.0, value("min(autoscaler_ready{service=~\".+_application.*\"})"),
                    "the autoscaler was ready for both services: it read and scaled");
            assertEquals(1.0, value("min(autoscaler_condition{service=~\".+_application.*\",type=\"ScalingActive\",status=\"True\"})"),
                    "ScalingActive for both: each reads its metrics");
            assertBadLabelReported();
            assertNoUnexpectedRestarts();
            assertNoErrorLogs();
            assertDashboardQueriesRun();
            assertAutoscalerRunsAsApp();
            assertManyServicesPickedUp();
            assertEditedRulesRedeploy(deployDir, override);
        } finally {
            // The autoscaler's decisions, state by state, for whoever reads a failure.
            Files.writeString(ROOT.resolve("load-balancer/target/stack-history.csv"), DockerCli.quietly("run", "--rm", "-v",
                    STACK + "_qsavedweights:/w", "rl-autoscaler/busybox:test", "/bin/busybox", "cat",
                    "/w/" + APPLICATION + "/history.csv"));
            for (int i = 0; i < MANY; i++) {
                DockerCli.quietly("service", "rm", STACK + "_many-" + i);
            }
            Files.writeString(ROOT.resolve("load-balancer/target/stack-load-balancer.log"),
                    DockerCli.quietly("service", "logs", "--raw", STACK + "_load-balancer"));
            DockerCli.quietly("stack", "rm", STACK);
            awaitGone();
            removeVolumes();
        }
    }

    /** Removes the stack's volumes, retrying while a stopped task still holds them; true once they are gone. */
    private static boolean removeVolumes() throws InterruptedException {
        for (int i = 0; i < 60; i++) {
            DockerCli.quietly("volume", "rm", STACK + "_qsavedweights", STACK + "_plots");
            if (DockerCli.quietly("volume", "ls", "-q", "--filter", "name=" + STACK + "_").isBlank()) {
                return true;
            }
            Thread.sleep(1_000);
        }
        return false;
    }

    /** The optional file's Grafana service, deployed with the stack, gets its data source, dashboard and password. */
    private static void assertGrafanaProvisioned() throws Exception {
        String container = "";
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (container.isEmpty() && System.nanoTime() < deadline) {
            container = DockerCli.run("ps", "-q", "--filter", "label=com.docker.swarm.service.name=" + STACK + "_grafana")
                    .strip();
            Thread.sleep(1_000);
        }
        assertTrue(!container.isEmpty(), "no Grafana task running: " + DockerCli.quietly("service", "ps", STACK + "_grafana"));
        assertEquals(Files.readString(ROOT.resolve("grafana/dashboards/rl-autoscaler.json")),
                DockerCli.run("exec", container, "cat", "/var/lib/grafana/dashboards/rl-autoscaler.json"),
                "the dashboard where Grafana's provisioning reads it");
        assertEquals(Files.readString(ROOT.resolve("grafana/provisioning/datasources/prometheus.yml")),
                DockerCli.run("exec", container, "cat", "/etc/grafana/provisioning/datasources/prometheus.yml"),
                "the stack's Prometheus as Grafana's data source");
        String env = DockerCli.run("service", "inspect", "--format", "{{json .Spec.TaskTemplate.ContainerSpec.Env}}",
                STACK + "_grafana");
        assertTrue(env.contains("GF_SECURITY_ADMIN_PASSWORD=stack-it"), "the admin password from GRAFANA_ADMIN_PASSWORD: " + env);
    }

    /**
     * The files scripts/deploy-stack.sh deploys, copied to a directory of this run's, so that the
     * redeploy check can edit one: the stack files, prometheus/, grafana/ and the script.
     */
    private static Path deployFiles() throws IOException {
        Path dir = ROOT.resolve("load-balancer/target/stack-e2e");
        if (Files.exists(dir)) {
            try (var files = Files.walk(dir)) {
                for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
        for (String file : List.of("docker-compose.yml", "docker-compose.grafana.yml", "scripts/deploy-stack.sh",
                "prometheus/prometheus.yml", "prometheus/rules.yml", "grafana/provisioning/datasources/prometheus.yml",
                "grafana/provisioning/dashboards/dashboards.yml", "grafana/dashboards/rl-autoscaler.json")) {
            Files.createDirectories(dir.resolve(file).getParent());
            Files.copy(ROOT.resolve(file), dir.resolve(file));
        }
        return dir;
    }

    /**
     * This run's override of the stack files: a short control period and episodes, the
     * simulator's step profile at /test, and the local busybox image standing in for Grafana
     * (whose image cannot be pulled here: it sleeps, with the file's configs).
     */
    private static Path testOverride(Path deployDir) throws IOException {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        ObjectNode stack = yaml.createObjectNode().put("version", "3.8");
        ObjectNode services = stack.putObject("services");
        // The stack's qlearning agent as the stack file sets it: learning online, without random
        // exploration (EPSILON 0), which the test checks rather than sets.
        services.putObject("load-balancer").putObject("environment").put("PERIOD_SECONDS", "5").put("COOLDOWN_SECONDS", "10")
                .put("STABILIZATION_SECONDS", "20").put("MAX_TIME_MINUTES", "1").put("AGENT", "qlearning");
        services.putObject("application").putObject("deploy").putObject("labels").put("rl-autoscaler.max-replicas", "3");
        services.putObject("simulate-users-heavy").putObject("environment").put("PROFILE", "step").put("NUM_USERS", "2")
                .put("PEAK_USERS", "30").put("REQUEST_INTERVAL", "0.5").put("MIX", "/test")
                .put("STEP_AFTER_SECONDS", Double.toString(HEAVY_STEP_AFTER)).put("STEP_LENGTH_SECONDS", Double.toString(STEP_LENGTH))
                .put("INTERVAL", "0").put("REPORT_SECONDS", "10");
        // A service with a bad label: reported, never scaled, and the others go on.
        ObjectNode bad = services.putObject("bad-labels").put("image", "rl-autoscaler/busybox:test");
        bad.putArray("command").add("/bin/busybox").add("sleep").add("100000");
        bad.putArray("networks").add("autoscaler");
        bad.putObject("deploy").put("replicas", 1).putObject("labels").put("rl-autoscaler.enable", "true")
                .put("rl-autoscaler.max-replicas", "abc");
        services.putObject("simulate-users").putObject("environment").put("PROFILE", "step").put("NUM_USERS", "2")
                .put("PEAK_USERS", "120").put("REQUEST_INTERVAL", "0.5").put("MIX", "/test")
                .put("STEP_AFTER_SECONDS", Double.toString(STEP_AFTER)).put("STEP_LENGTH_SECONDS", Double.toString(STEP_LENGTH))
                .put("INTERVAL", "0").put("REPORT_SECONDS", "10");
        services.putObject("grafana").put("image", "rl-autoscaler/busybox:test");
        Path file = deployDir.resolve("stack-e2e-override.yml");
        yaml.writeValue(file.toFile(), stack);
        return file;
    }

    /** Runs the deploy script of {@code deployDir}; returns its output, or fails with it. */
    private static String deployStack(Path deployDir, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", "scripts/deploy-stack.sh"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(deployDir.toFile()).redirectErrorStream(true);
        builder.environment().put("GRAFANA_ADMIN_PASSWORD", "stack-it");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(5, TimeUnit.MINUTES), "deploy-stack.sh did not finish: " + output);
        assertEquals(0, process.exitValue(), "deploy-stack.sh " + String.join(" ", args) + ": " + output);
        return output;
    }

    /**
     * The autoscaler's java runs as app (10001), with the Docker socket's group, although its
     * container starts as root; and it scaled (checked above) through that socket.
     */
    private static void assertAutoscalerRunsAsApp() throws Exception {
        String container = DockerCli.run("ps", "-q", "--filter", "label=com.docker.swarm.service.name=" + STACK + "_load-balancer",
                "--filter", "status=running").lines().findFirst().orElseThrow();
        String status = DockerCli.run("exec", container, "cat", "/proc/1/status");
        String socketGroup = DockerCli.run("exec", container, "stat", "-c", "%g", "/var/run/docker.sock").strip();
        List<String> ids = status.lines().filter(line -> line.startsWith("Uid:") || line.startsWith("Gid:")
                || line.startsWith("Groups:") || line.startsWith("CapEff:")).toList();
        assertTrue(ids.get(0).matches("Uid:\\s+10001\\s+10001\\s+10001\\s+10001"), "java runs as app: " + ids);
        assertTrue(ids.get(1).matches("Gid:\\s+10001\\s+10001\\s+10001\\s+10001"), "with app's group: " + ids);
        assertTrue(List.of(ids.get(2).substring("Groups:".length()).strip().split("\\s+")).contains(socketGroup),
                "and the socket's group " + socketGroup + ": " + ids);
        assertTrue(status.contains("CapEff:\t0000000000000000"), "without capabilities: " + ids);
        String weights = DockerCli.run("exec", container, "stat", "-c", "%u", "/QSavedWeights").strip();
        assertEquals("10001", weights, "the weights volume belongs to app");
    }

    /**
     * The redeploy an edit used to break: after a new alert in prometheus/rules.yml, the deploy
     * script names the rules config anew, Swarm rolls Prometheus onto it, and the old one goes.
     */
    private void assertEditedRulesRedeploy(Path deployDir, Path override) throws Exception {
        Path rules = deployDir.resolve("prometheus/rules.yml");
        Files.writeString(rules, Files.readString(rules) + """

                  - name: redeploy-check
                    rules:
                      - alert: RedeployCheck
                        expr: vector(1) > 2
                """);
        String redeployed = deployStack(deployDir, "--grafana", "-c", override.toString(), STACK);
        assertTrue(redeployed.contains("older configs removed: 1,"), "the replaced rules config is removed: " + redeployed);
        String configs = DockerCli.run("config", "ls", "--format", "{{.Name}}", "--filter",
                "label=com.docker.stack.namespace=" + STACK);
        assertEquals(5, configs.lines().count(), "one config per file: " + configs);
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        String names = "";
        while (System.nanoTime() < deadline && !names.contains("RedeployCheck")) {
            Thread.sleep(2_000);
            try {
                names = json.readTree(get("http://127.0.0.1:9090/api/v1/rules")).findValuesAsText("name").toString();
            } catch (IOException restarting) {
                names = "";
            }
        }
        assertTrue(names.contains("RedeployCheck") && names.contains("ReplicaRestarted"),
                "Prometheus runs the edited rules after the redeploy: " + names);
    }

    private static int desiredReplicas(String service) throws Exception {
        return Integer.parseInt(DockerCli.run("service", "inspect", "--format", "{{.Spec.Mode.Replicated.Replicas}}",
                service).strip());
    }

    private static int runningReplicas(String service) throws Exception {
        return (int) DockerCli.run("service", "ps", "--filter", "desired-state=running", "--format", "{{.CurrentState}}",
                service).lines().filter(line -> line.startsWith("Running")).count();
    }

    /** /api/services, by service. */
    private Map<String, JsonNode> services() throws Exception {
        Map<String, JsonNode> byName = new java.util.TreeMap<>();
        json.readTree(get("http://127.0.0.1:8002/api/services")).forEach(node -> byName.put(node.path("service").asText(), node));
        return byName;
    }

    /** The service with max-replicas=abc: InvalidLabel naming the label, in the API and in Prometheus; never scaled. */
    private void assertBadLabelReported() throws Exception {
        JsonNode bad = services().get(BAD);
        assertTrue(bad != null, "the service with a bad label is listed: " + services().keySet());
        JsonNode active = null;
        for (JsonNode condition : bad.path("conditions")) {
            if (condition.path("type").asText().equals("ScalingActive")) {
                active = condition;
            }
        }
        assertTrue(active != null && active.path("status").asText().equals("False")
                && active.path("reason").asText().equals("InvalidLabel"), "InvalidLabel: " + bad);
        assertEquals("Invalid value for label rl-autoscaler.max-replicas: 'abc'; accepted: a whole number from 1 to 1000; "
                + "the service is not scaled until the label is fixed", active.path("message").asText());
        assertEquals(1.0, value("autoscaler_condition{service=\"" + BAD + "\",type=\"ScalingActive\",status=\"False\"}"),
                "the condition in Prometheus");
        assertEquals(1, desiredReplicas(BAD), "never scaled");
        String log = DockerCli.run("service", "logs", "--raw", STACK + "_load-balancer");
        assertTrue(log.contains("Condition ScalingActive is now False (InvalidLabel): Invalid value for label "
                + "rl-autoscaler.max-replicas: 'abc'"), "the log says it");
    }

    /**
     * Twenty more labelled services, created beside the stack's: all listed within a period of
     * each other, each held at its minimum while it exports no metrics; one whose label is removed
     * is let go, and picked up again when the label comes back. The loop time per period is recorded.
     */
    private void assertManyServicesPickedUp() throws Exception {
        for (int i = 0; i < MANY; i++) {
            DockerCli.run("service", "create", "--detach", "--quiet", "--name", STACK + "_many-" + i,
                    "--label", "com.docker.stack.namespace=" + STACK, "--label", "rl-autoscaler.enable=true",
                    "--label", "rl-autoscaler.agent=hpa", "--label", "rl-autoscaler.min-replicas=1",
                    "--restart-condition", "none", "rl-autoscaler/busybox:test", "/bin/busybox", "sleep", "100000");
        }
        long created = System.nanoTime();
        long deadline = created + TimeUnit.MINUTES.toNanos(3);
        Map<String, JsonNode> listed = services();
        while (System.nanoTime() < deadline && listed.keySet().stream().filter(name -> name.contains("_many-")).count() < MANY) {
            Thread.sleep(500);
            listed = services();
        }
        double pickedUp = (System.nanoTime() - created) / 1e9;
        assertEquals(MANY, listed.keySet().stream().filter(name -> name.contains("_many-")).count(),
                "every labelled service listed: " + listed.keySet());
        Thread.sleep(30_000); // six periods without metrics
        double loopSeconds = value("sum(rate(autoscaler_loop_duration_seconds_sum[30s])) * 5");
        double discoverySeconds = value("rate(autoscaler_discovery_duration_seconds_sum[30s]) "
                + "/ rate(autoscaler_discovery_duration_seconds_count[30s])");
        for (int i = 0; i < MANY; i++) {
            assertEquals(1, desiredReplicas(STACK + "_many-" + i), "held at its minimum without metrics: many-" + i);
        }
        JsonNode first = services().get(STACK + "_many-0");
        assertTrue(first.toString().contains("FailedGetMetrics"), "says it cannot read its metrics: " + first);
        String note = String.format(java.util.Locale.ROOT, "Many services: %d more labelled services listed %.1f s after "
                        + "their creation; the loops' work per 5 s period over all %d services %.3f s; a listing %.4f s", MANY,
                pickedUp, MANY + 3, loopSeconds, discoverySeconds);
        System.out.println(note);
        Files.writeString(ROOT.resolve("load-balancer/target/stack-summary.txt"), note + "\n",
                java.nio.file.StandardOpenOption.APPEND);

        DockerCli.run("service", "update", "--detach", "--quiet", "--label-rm", "rl-autoscaler.enable", STACK + "_many-0");
        awaitListed(STACK + "_many-0", false);
        DockerCli.run("service", "update", "--detach", "--quiet", "--label-add", "rl-autoscaler.enable=true",
                STACK + "_many-0");
        awaitListed(STACK + "_many-0", true);
        for (int i = 0; i < MANY; i++) {
            DockerCli.run("service", "rm", STACK + "_many-" + i);
        }
        awaitListed(STACK + "_many-1", false);
    }

    /** Waits up to a minute for {@code service} to be listed by /api/services, or to be gone from it. */
    private void awaitListed(String service, boolean listed) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (System.nanoTime() < deadline && services().containsKey(service) != listed) {
            Thread.sleep(500);
        }
        assertEquals(listed, services().containsKey(service), service + (listed ? " picked up" : " let go"));
    }

    /** The autoscaler's pages and their JSON, from the host: the stack publishes port 8002. */
    private void assertAgentPagePublished() throws Exception {
        String page = get("http://127.0.0.1:8002/");
        assertTrue(page.contains("<title>Autoscaler: the services</title>"), "the services' page on port 8002: " + page);
        Map<String, JsonNode> services = services();
        assertTrue(services.keySet().containsAll(List.of(APPLICATION, HEAVY, BAD)), "/api/services: " + services.keySet());
        assertEquals("qlearning", services.get(APPLICATION).path("agent").asText(), services.get(APPLICATION).toString());
        assertEquals("threshold", services.get(HEAVY).path("agent").asText(), services.get(HEAVY).toString());
        assertEquals(3, services.get(HEAVY).path("max_replicas").asInt(), "its own label: " + services.get(HEAVY));
        assertEquals(250.0, services.get(HEAVY).path("slo_p95_ms").asDouble(), "its own label: " + services.get(HEAVY));
        String agentPage = get("http://127.0.0.1:8002" + services.get(APPLICATION).path("page").asText());
        assertTrue(agentPage.contains("<title>Autoscaler: the agent's page</title>"), "the application's own page");
        JsonNode state = json.readTree(get("http://127.0.0.1:8002/services/" + APPLICATION + "/api/state"));
        assertEquals("qlearning", state.path("agent").asText(), "its page's /api/state: " + state);
        assertEquals(Headroom.LADDER.size(), state.path("insight").path("actions").size(),
                "a value for each rung in /api/state: " + state);
        assertTrue(state.path("observation").path("running_time_seconds").asDouble() >= 1,
                "the youngest replica's age, read from Prometheus: " + state.path("observation"));
        JsonNode decisions = json.readTree(get("http://127.0.0.1:8002/api/services/" + HEAVY + "/decisions"));
        assertTrue(decisions.size() > 0 && decisions.get(0).has("replicas_after") && decisions.get(0).has("safety"),
                "/api/services/NAME/decisions: " + decisions);
    }

    /** The stack's Prometheus evaluates prometheus/rules.yml, and the autoscaler's alerts are quiet. */
    private void assertAlertRulesLoaded() throws Exception {
        JsonNode groups = json.readTree(get("http://127.0.0.1:9090/api/v1/rules")).path("data").path("groups");
        java.util.Map<String, String> states = new java.util.TreeMap<>();
        groups.forEach(group -> group.path("rules").forEach(rule ->
                states.put(rule.path("name").asText(), rule.path("state").asText())));
        assertEquals(java.util.Set.of("AutoscalerDown", "AutoscalerNotReady", "HighErrorRatio", "LatencyAboveObjective",
                "ReplicaRestarted", "ReplicasAtMaximum", "ScalingErrors"), states.keySet(), "the alerts Prometheus loaded: " + states);
        for (String quiet : List.of("AutoscalerDown", "AutoscalerNotReady", "ScalingErrors")) {
            assertEquals("inactive", states.get(quiet), quiet + " while the autoscaler works: " + states);
        }
    }

    private String get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    /** The first sample of an instant query against the stack's Prometheus, NaN when none. */
    private double value(String promql) throws Exception {
        JsonNode result = query(promql).path("data").path("result");
        return result.isArray() && !result.isEmpty() ? Double.parseDouble(result.get(0).path("value").get(1).asText()) : Double.NaN;
    }

    private JsonNode query(String promql) throws Exception {
        URI uri = URI.create("http://127.0.0.1:9090/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
        return json.readTree(http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }

    private void awaitPrometheus() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (System.nanoTime() < deadline) {
            try {
                if (value("count(up{job=\"application\"} == 1)") >= 1 && value("count(up{job=\"application-heavy\"} == 1)") >= 1
                        && value("count(up{job=\"load-balancer\"} == 1)") >= 1) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(2_000);
        }
        throw new AssertionError("Prometheus did not scrape the application and the autoscaler within 3 minutes:\n"
                + DockerCli.quietly("stack", "ps", "--no-trunc", STACK));
    }

    private static void awaitGone() throws InterruptedException {
        for (int i = 0; i < 60; i++) {
            String containers = DockerCli.quietly("ps", "-a", "-q", "--filter", "label=com.docker.stack.namespace=" + STACK);
            String networks = DockerCli.quietly("network", "ls", "-q", "--filter", "label=com.docker.stack.namespace=" + STACK);
            if (containers.isBlank() && networks.isBlank()) {
                return;
            }
            Thread.sleep(1_000);
        }
    }

    /** No task failed or was rejected: the only replicas that stopped were scaled in. */
    private static void assertNoUnexpectedRestarts() throws Exception {
        String tasks = DockerCli.run("stack", "ps", "--format", "{{.Name}} {{.DesiredState}} {{.CurrentState}} {{.Error}}", STACK);
        for (String line : tasks.lines().toList()) {
            assertTrue(!line.contains("Failed") && !line.contains("Rejected"), "a task failed or restarted: " + line + "\n" + tasks);
        }
    }

    private static void assertNoErrorLogs() throws Exception {
        for (String service : List.of("application", "application-heavy", "prometheus", "load-balancer", "simulate-users",
                "simulate-users-heavy", "grafana")) {
            String logs = DockerCli.run("service", "logs", "--raw", STACK + "_" + service);
            List<String> errors = logs.lines().filter(line -> line.contains(" ERROR ") || line.contains("level=error")).toList();
            assertTrue(errors.isEmpty(), service + " logged errors:\n" + String.join("\n", errors));
        }
    }

    /** Grafana cannot run here: every PromQL expression of its dashboard runs against the stack's Prometheus instead. */
    private void assertDashboardQueriesRun() throws Exception {
        JsonNode dashboard = json.readTree(ROOT.resolve("grafana/dashboards/rl-autoscaler.json").toFile());
        List<String> expressions = dashboard.findValues("expr").stream().map(JsonNode::asText)
                .map(GrafanaDashboardTest::asGrafanaSendsIt).toList();
        assertTrue(expressions.size() >= 8, "the dashboard has its panels' expressions");
        for (String expr : expressions) {
            JsonNode answer = query(expr);
            assertEquals("success", answer.path("status").asText(), expr + " -> " + answer);
        }
    }
}
