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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.rlautoscaler.common.testing.DockerCli;

/**
 * The stack on a swarm of three nodes ({@code scripts/test-swarm.sh}: three engines in network
 * namespaces of this machine, the images loaded into each), deployed by scripts/deploy-stack.sh
 * as a user deploys it, with the application's replicas spread over the nodes and Prometheus and
 * the autoscaler on the manager. The load generator's step scales the application out across
 * nodes: each replica, wherever it runs, answers and is scraped, and the autoscaler counts the
 * tasks that run. A worker's engine is killed while a replica runs on it: Swarm puts it on
 * another node, and the autoscaler counts only the replicas that run, keeps its desired count,
 * scales nothing in on the lost replica's missing metrics and keeps its state. The node comes
 * back; another worker is drained: its replicas move and the desired count holds. One summary
 * line gives the figures (scale-out reaction, replicas per node, times to recover).
 */
class MultiNodeStackIT {
    static final String STACK = "rlmn";
    static final String APPLICATION = STACK + "_application";
    static final Path ROOT = StackImages.ROOT;
    /** The manager's address on the test swarm's bridge: Prometheus and the autoscaler publish their ports there. */
    static final String MANAGER = "10.77.0.1";
    static final String IMAGES = "rl-autoscaler/application:latest rl-autoscaler/load-balancer:latest "
            + "rl-autoscaler/prometheus:latest rl-autoscaler/simulate-users:latest";
    static final double STEP_AFTER = 90;
    static final int MAX_REPLICAS = 3;
    /** The same bound as the one-node stack test's. */
    static final Duration SCALE_OUT_BOUND = StackIT.SCALE_OUT_BOUND;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, String> managerEnv = Map.of("DOCKER_HOST",
            "unix://" + TestSwarmIT.STATE.resolve("n1/docker.sock"));
    private final List<String> timeline = new ArrayList<>();
    private long deployedAt;

    @Test
    void scales_out_across_nodes_survives_a_lost_worker_and_a_drained_one() throws Exception {
        TestSwarmIT.requireTestSwarm();
        StackImages.build();
        try {
            String up = TestSwarmIT.script("up", "--nodes", "3", "--images", IMAGES);
            assertTrue(up.contains("up: 3 nodes"), up);
            Path override = override();
            deployedAt = System.nanoTime();
            deploy(override);
            awaitTrue("Prometheus scrapes the application and the autoscaler", Duration.ofMinutes(4),
                    () -> value("count(up{job=\"application\"} == 1)") >= 1 && value("count(up{job=\"load-balancer\"} == 1)") >= 1);

            // 1. The step scales the application out across the nodes.
            double stepStart = awaitSeconds("the step", Duration.ofSeconds((long) STEP_AFTER + 180),
                    () -> value("sum(simulate_users_active_users{job=\"simulate-users\"})") > 50);
            double outAt = awaitSeconds("a second replica", SCALE_OUT_BOUND, () -> desired() >= 2);
            // Two replicas or three: on a loaded machine the replicas get less CPU and the third may not be needed.
            double allAt = awaitSeconds("the replicas asked for running, on two nodes or more", Duration.ofMinutes(4), () -> {
                int asked = desired();
                Map<String, Integer> running = runningByNode(null);
                return asked >= 2 && total(running) == asked && running.size() >= 2;
            });
            Map<String, Integer> spread = runningByNode(null);
            int before = total(spread);
            for (String node : spread.keySet()) {
                awaitTrue("the replica on " + node + " scraped and answering", Duration.ofMinutes(2), () ->
                        value("count(up{job=\"application\",node=\"" + node + "\"} == 1)") >= spread.get(node)
                                && value("sum(rate(http_server_request_duration_seconds_count{job=\"application\",node=\""
                                        + node + "\"}[30s]))") > 0);
            }
            awaitTrue("the autoscaler counts the running replicas", Duration.ofMinutes(1),
                    () -> autoscaler().path("running_replicas").asInt() == desired());
            String autoscalerTask = autoscalerTask();

            // 2. A worker with a replica lost: its engine killed.
            assertTrue(spread.containsKey("rlts-n2") || spread.containsKey("rlts-n3"), "a replica on a worker: " + spread);
            int victim = spread.containsKey("rlts-n3") ? 3 : 2;
            String victimName = "rlts-n" + victim;
            Instant killedAtClock = Instant.now();
            double killedAt = seconds();
            TestSwarmIT.script("kill-node", Integer.toString(victim));
            double downAt = -1;
            double swarmBackAt = -1;
            double autoscalerBackAt = -1;
            int lowestDesired = before;
            int lowestCounted = before;
            List<String> notReady = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
            while (autoscalerBackAt < 0 && System.nanoTime() < deadline) {
                double t = seconds();
                if (downAt < 0 && docker("node", "inspect", "--format", "{{.Status.State}}", victimName).strip().equals("down")) {
                    downAt = t;
                }
                int asked = desired();
                int elsewhere = total(runningByNode(victimName));
                if (downAt >= 0 && swarmBackAt < 0 && elsewhere == asked) {
                    swarmBackAt = t;
                }
                JsonNode service = autoscaler();
                int counted = service.path("running_replicas").asInt(-1);
                lowestDesired = Math.min(lowestDesired, asked);
                if (downAt >= 0 && counted >= 0) {
                    lowestCounted = Math.min(lowestCounted, counted);
                }
                assertTrue(counted <= service.path("desired_replicas").asInt(), "never more counted than asked for: " + service);
                if (!service.path("ready").asBoolean()) {
                    notReady.add(String.format(Locale.ROOT, "%.0fs %s", t - killedAt, service.path("conditions")));
                    assertTrue(service.path("conditions").toString().contains("\"status\":\"False\""),
                            "not ready says why: " + service);
                }
                if (swarmBackAt >= 0 && counted == asked) {
                    autoscalerBackAt = t;
                }
                timeline.add(String.format(Locale.ROOT, "%.0fs:%d/%d", t, asked, counted));
                Thread.sleep(1_000);
            }
            assertTrue(downAt >= 0, "Swarm marked " + victimName + " down: " + timeline);
            assertTrue(swarmBackAt >= 0, "Swarm ran the replicas asked for on the other nodes: " + timeline);
            assertTrue(autoscalerBackAt >= 0, "the autoscaler counted them: " + timeline);
            assertEquals(before, lowestDesired, "the desired count held through the loss: " + timeline);
            List<JsonNode> duringLoss = decisionsSince(killedAtClock);
            Map<String, Integer> bySafety = new TreeMap<>();
            for (JsonNode decision : duringLoss) {
                bySafety.merge(decision.path("safety").asText(), 1, Integer::sum);
                assertTrue(decision.path("replicas_after").asInt() >= decision.path("replicas_before").asInt(),
                        "no scale-in while a replica was lost: " + decision);
            }
            assertEquals(autoscalerTask, autoscalerTask(), "the autoscaler ran on, the same task: its state is kept");

            // 3. The node back; the other worker drained.
            double startedAt = seconds();
            TestSwarmIT.script("start-node", Integer.toString(victim));
            double readyAgain = awaitSeconds(victimName + " ready again", Duration.ofMinutes(3), () ->
                    docker("node", "inspect", "--format", "{{.Status.State}}", victimName).strip().equals("ready"));
            Map<String, Integer> beforeDrain = runningByNode(null);
            String drainedName = beforeDrain.getOrDefault("rlts-n2", 0) >= beforeDrain.getOrDefault("rlts-n3", 0)
                    ? "rlts-n2" : "rlts-n3";
            assertTrue(beforeDrain.getOrDefault(drainedName, 0) >= 1, "a worker with a replica to drain: " + beforeDrain);
            int askedBeforeDrain = desired();
            double drainedAt = seconds();
            docker("node", "update", "--availability", "drain", drainedName);
            double movedAt = awaitSeconds("the replicas off " + drainedName, Duration.ofMinutes(4), () ->
                    !runningByNode(null).containsKey(drainedName)
                            && total(runningByNode(null)) == desired());
            double countedAfterDrain = awaitSeconds("the autoscaler counting them", Duration.ofMinutes(1),
                    () -> autoscaler().path("running_replicas").asInt() == desired());
            assertTrue(desired() >= askedBeforeDrain, "the desired count held through the drain: " + askedBeforeDrain
                    + " before, " + desired() + " after");
            Map<String, Integer> afterDrain = runningByNode(null);

            String summary = String.format(Locale.ROOT, "Three-node stack run: step at %.0f s, scaled out after %.0f s, "
                            + "%d replicas running after %.0f s, by node %s; %s's engine killed at %.0f s: down after %.0f s, "
                            + "Swarm ran the replicas asked for on the others after %.0f s, the autoscaler counted them after "
                            + "%.0f s (%.0f s after Swarm), desired held at %d (lowest %d), fewest counted %d; decisions during the "
                            + "loss by safety step %s; not ready %d times %s; %s ready again %.0f s after start-node; %s "
                            + "drained (%s): replicas moved in %.0f s (%s), counted %.0f s later; desired/counted over the "
                            + "loss %s",
                    stepStart, outAt - stepStart, before, allAt - stepStart, spread, victimName, killedAt,
                    downAt - killedAt, swarmBackAt - killedAt, autoscalerBackAt - killedAt,
                    autoscalerBackAt - swarmBackAt, before, lowestDesired, lowestCounted, bySafety, notReady.size(),
                    notReady, victimName, readyAgain - startedAt, drainedName, beforeDrain, movedAt - drainedAt, afterDrain,
                    countedAfterDrain - movedAt, String.join(" ", timeline));
            System.out.println(summary);
            Files.writeString(ROOT.resolve("load-balancer/target/multinode-summary.txt"), summary + "\n");
            assertNoErrorLogs();
        } finally {
            Files.writeString(ROOT.resolve("load-balancer/target/multinode-load-balancer.log"),
                    quietly("service", "logs", "--raw", STACK + "_load-balancer"));
            TestSwarmIT.script("down");
        }
        TestSwarmIT.assertNothingLeft();
    }

    /**
     * The stack file's settings for this run: 5 s periods as in the one-node test, the application
     * from 1 to 3 replicas, application-heavy and its load off (labelled out, no replicas), and
     * the load generator on the manager, so that losing a worker loses replicas, not the load.
     */
    private static Path override() throws IOException {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        ObjectNode stack = yaml.createObjectNode().put("version", "3.8");
        ObjectNode services = stack.putObject("services");
        services.putObject("load-balancer").putObject("environment").put("PERIOD_SECONDS", "5").put("COOLDOWN_SECONDS", "10")
                .put("STABILIZATION_SECONDS", "20").put("MAX_TIME_MINUTES", "1").put("AGENT", "qlearning");
        services.putObject("application").putObject("deploy").putObject("labels")
                .put("rl-autoscaler.max-replicas", Integer.toString(MAX_REPLICAS));
        // An override cannot lower the stack file's "replicas: 1" to 0 (Docker's merge leaves a zero
        // alone): application-heavy runs its one replica, idle and labelled out of the autoscaler's hands.
        services.putObject("application-heavy").putObject("deploy").putObject("labels").put("rl-autoscaler.enable", "false");
        services.putObject("simulate-users-heavy").putObject("deploy").put("replicas", 0);
        ObjectNode users = services.putObject("simulate-users");
        users.putObject("environment").put("PROFILE", "step").put("NUM_USERS", "2").put("PEAK_USERS", "120")
                .put("REQUEST_INTERVAL", "0.5").put("MIX", "/test").put("STEP_AFTER_SECONDS", Double.toString(STEP_AFTER))
                .put("STEP_LENGTH_SECONDS", "3600").put("INTERVAL", "0").put("REPORT_SECONDS", "10");
        users.putObject("deploy").putObject("placement").putArray("constraints").add("node.role == manager");
        Path dir = ROOT.resolve("load-balancer/target/multinode");
        Files.createDirectories(dir);
        Path file = dir.resolve("multinode-override.yml");
        yaml.writeValue(file.toFile(), stack);
        return file;
    }

    /** scripts/deploy-stack.sh against the test swarm's manager, as a user runs it with DOCKER_HOST set. */
    private void deploy(Path override) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("bash", "scripts/deploy-stack.sh", "-c", override.toString(), STACK)
                .directory(ROOT.toFile()).redirectErrorStream(true);
        builder.environment().putAll(managerEnv);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(5, TimeUnit.MINUTES), "deploy-stack.sh did not finish: " + output);
        assertEquals(0, process.exitValue(), "deploy-stack.sh: " + output);
    }

    /** The application's tasks in state Running whose desired state is running, by node, leaving out {@code lost}. */
    private Map<String, Integer> runningByNode(String lost) throws Exception {
        Map<String, Integer> byNode = new TreeMap<>();
        docker("service", "ps", "--filter", "desired-state=running", "--format", "{{.Node}} {{.CurrentState}}", APPLICATION)
                .lines().filter(line -> line.contains(" Running")).map(line -> line.substring(0, line.indexOf(' ')))
                .filter(node -> !node.equals(lost)).forEach(node -> byNode.merge(node, 1, Integer::sum));
        return byNode;
    }

    private static int total(Map<String, Integer> byNode) {
        return byNode.values().stream().mapToInt(Integer::intValue).sum();
    }

    private int desired() throws Exception {
        return Integer.parseInt(docker("service", "inspect", "--format", "{{.Spec.Mode.Replicated.Replicas}}", APPLICATION)
                .strip());
    }

    private String autoscalerTask() throws Exception {
        return docker("service", "ps", "--filter", "desired-state=running", "--format", "{{.ID}} {{.Node}}",
                STACK + "_load-balancer").strip();
    }

    /** The application in the autoscaler's /api/services (an empty node while it cannot be read). */
    private JsonNode autoscaler() {
        try {
            for (JsonNode service : json.readTree(get("http://" + MANAGER + ":8002/api/services"))) {
                if (service.path("service").asText().equals(APPLICATION)) {
                    return service;
                }
            }
        } catch (Exception notYet) {
            // starting, or busy: the caller waits
        }
        return json.createObjectNode();
    }

    /** The application's decisions taken at or after {@code since}. */
    private List<JsonNode> decisionsSince(Instant since) throws Exception {
        List<JsonNode> taken = new ArrayList<>();
        for (JsonNode decision : json.readTree(get("http://" + MANAGER + ":8002/api/services/" + APPLICATION + "/decisions"))) {
            if (!Instant.parse(decision.path("time").asText()).isBefore(since)) {
                taken.add(decision);
            }
        }
        return taken;
    }

    private void assertNoErrorLogs() throws Exception {
        for (String service : List.of("application", "prometheus", "load-balancer", "simulate-users")) {
            String logs = docker("service", "logs", "--raw", STACK + "_" + service);
            List<String> errors = logs.lines().filter(line -> line.contains(" ERROR ") || line.contains("level=error")).toList();
            assertTrue(errors.isEmpty(), service + " logged errors:\n" + String.join("\n", errors));
        }
    }

    private double seconds() {
        return (System.nanoTime() - deployedAt) / 1e9;
    }

    private interface Check {
        boolean holds() throws Exception;
    }

    /** Waits for {@code check}, polling each second; returns the seconds since the deploy when it held. */
    private double awaitSeconds(String what, Duration bound, Check check) throws Exception {
        long deadline = System.nanoTime() + bound.toNanos();
        while (System.nanoTime() < deadline) {
            boolean holds;
            try {
                holds = check.holds();
            } catch (IOException notYet) {
                holds = false;
            }
            if (holds) {
                return seconds();
            }
            Thread.sleep(1_000);
        }
        throw new AssertionError("waited " + bound.toSeconds() + " s for " + what + "; stack:\n"
                + quietly("stack", "ps", "--format", "{{.Name}} {{.Node}} {{.DesiredState}} {{.CurrentState}} {{.Error}}", STACK));
    }

    private void awaitTrue(String what, Duration bound, Check check) throws Exception {
        awaitSeconds(what, bound, check);
    }

    private String docker(String... args) throws Exception {
        return DockerCli.run(ROOT, managerEnv, args);
    }

    private String quietly(String... args) {
        try {
            return docker(args);
        } catch (Exception e) {
            return e.toString();
        }
    }

    private String get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    /** The first sample of an instant query against the stack's Prometheus, NaN when none. */
    private double value(String promql) throws Exception {
        URI uri = URI.create("http://" + MANAGER + ":9090/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
        JsonNode result = json.readTree(http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString()).body()).path("data").path("result");
        return result.isArray() && !result.isEmpty() ? Double.parseDouble(result.get(0).path("value").get(1).asText()) : Double.NaN;
    }
}
