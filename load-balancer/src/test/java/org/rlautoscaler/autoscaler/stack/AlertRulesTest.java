package org.rlautoscaler.autoscaler.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.rlautoscaler.common.testing.RequiredTools;

/**
 * The stack's alerts (prometheus/rules.yml) as Prometheus' own tool reads them: valid, each one
 * unit-tested in prometheus/rules.test.yml (firing after its {@code for}, not before, with its
 * labels and annotations), and loaded by the stack's Prometheus.
 */
class AlertRulesTest {
    private static final Path PROMETHEUS = Path.of("..", "prometheus");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static String promtool(String... args) throws Exception {
        String[] command = new String[args.length + 1];
        command[0] = RequiredTools.require("promtool").toString();
        System.arraycopy(args, 0, command, 1, args.length);
        Process process = new ProcessBuilder(command).directory(PROMETHEUS.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "promtool did not finish");
        assertEquals(0, process.exitValue(), "promtool " + String.join(" ", args) + ":\n" + output);
        return output;
    }

    @Test
    void promtool_checks_the_rules_and_passes_their_unit_tests() throws Exception {
        assertTrue(promtool("check", "rules", "rules.yml").contains("SUCCESS: 7 rules found"));
        assertTrue(promtool("test", "rules", "rules.test.yml").contains("SUCCESS"));
    }

    @Test
    void every_alert_has_a_test_that_sees_it_fire() throws Exception {
        Set<String> alerts = new TreeSet<>();
        for (JsonNode group : YAML.readTree(PROMETHEUS.resolve("rules.yml").toFile()).path("groups")) {
            group.path("rules").forEach(rule -> alerts.add(rule.path("alert").asText()));
        }
        Set<String> firing = new TreeSet<>();
        for (JsonNode test : YAML.readTree(PROMETHEUS.resolve("rules.test.yml").toFile()).path("tests")) {
            for (JsonNode check : test.path("alert_rule_test")) {
                if (!check.path("exp_alerts").isEmpty()) {
                    firing.add(check.path("alertname").asText());
                }
            }
        }
        assertEquals(Set.of("AutoscalerDown", "AutoscalerNotReady", "HighErrorRatio", "LatencyAboveObjective",
                "ReplicaRestarted", "ReplicasAtMaximum", "ScalingErrors"), alerts);
        assertEquals(alerts, firing, "alerts without a test in which they fire");
    }

    @Test
    void the_stacks_prometheus_loads_them() throws Exception {
        JsonNode config = YAML.readTree(PROMETHEUS.resolve("prometheus.yml").toFile());
        assertEquals("rules.yml", config.path("rule_files").get(0).asText(), "prometheus.yml: rule_files");
        JsonNode stack = YAML.readTree(Path.of("..", "docker-compose.yml").toFile());
        assertEquals("./prometheus/rules.yml", stack.path("configs").path("prometheus_rules").path("file").asText());
        boolean mounted = false;
        for (JsonNode config2 : stack.path("services").path("prometheus").path("configs")) {
            mounted |= config2.path("source").asText().equals("prometheus_rules")
                    && config2.path("target").asText().equals("/etc/prometheus/rules.yml");
        }
        assertTrue(mounted, "docker-compose.yml gives prometheus the rules beside its configuration");
    }
}
