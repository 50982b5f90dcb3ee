package org.rlautoscaler.autoscaler.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rlautoscaler.autoscaler.catalog.AgentKind;
import org.rlautoscaler.autoscaler.env.Limits;
import org.rlautoscaler.autoscaler.prometheus.Queries;

/** Reading a service's labels: each key replaces its setting; each bad value is refused with its exact message. */
class ServiceLabelsTest {
    static final ServiceSettings DEFAULTS = new ServiceSettings(new Limits(1, 4), AgentKind.QLEARNING, true, 100, 30, 2, 0.7,
            false, QueryTemplates.conventions(), "");

    private static ServiceSettings valid(Map<String, String> labels) {
        ServiceLabels.Parsed parsed = ServiceLabels.parse(labels, DEFAULTS);
        assertTrue(parsed instanceof ServiceLabels.Parsed.Valid, () -> parsed.toString());
        return ((ServiceLabels.Parsed.Valid) parsed).settings();
    }

    private static String refused(String key, String value) {
        Map<String, String> labels = new HashMap<>();
        labels.put(ServiceLabels.ENABLE, "true");
        labels.put(key, value);
        ServiceLabels.Parsed parsed = ServiceLabels.parse(labels, DEFAULTS);
        assertTrue(parsed instanceof ServiceLabels.Parsed.Invalid, () -> key + "=" + value + " was accepted: " + parsed);
        InvalidLabel invalid = ((ServiceLabels.Parsed.Invalid) parsed).label();
        assertEquals(key, invalid.label());
        assertEquals(value, invalid.value());
        return invalid.message();
    }

    @Test
    void without_settings_the_autoscalers_own_apply() {
        assertEquals(DEFAULTS, valid(Map.of(ServiceLabels.ENABLE, "true", "com.docker.stack.namespace", "shop",
                "prometheus.io/scrape", "true")));
    }

    @Test
    void every_key_replaces_its_setting() {
        Map<String, String> labels = new HashMap<>();
        labels.put("rl-autoscaler.enable", "true");
        labels.put("rl-autoscaler.min-replicas", "2");
        labels.put("rl-autoscaler.max-replicas", "9");
        labels.put("rl-autoscaler.agent", "hpa");
        labels.put("rl-autoscaler.mode", "greedy");
        labels.put("rl-autoscaler.slo-p95-ms", "250.5");
        labels.put("rl-autoscaler.cooldown-seconds", "0");
        labels.put("rl-autoscaler.max-step", "3");
        labels.put("rl-autoscaler.hpa-target", "0.55");
        labels.put("rl-autoscaler.dry-run", "TRUE");
        labels.put("rl-autoscaler.request-selector", "path=\"/test\", method!~\"HEAD|OPTIONS\"");
        labels.put("rl-autoscaler.metrics-port", "9100");
        labels.put("rl-autoscaler.metrics-path", "/actuator/prometheus");
        labels.put("rl-autoscaler.query.cpu", "avg by (service) (my_cpu{service=~\"{service}\"})");
        labels.put("rl-autoscaler.query.ram", "q_ram");
        labels.put("rl-autoscaler.query.replica-cpu", "q_replica_cpu");
        labels.put("rl-autoscaler.query.request-rate", "q_rate");
        labels.put("rl-autoscaler.query.mean-latency", "q_mean");
        labels.put("rl-autoscaler.query.p95-latency", "q_p95");
        labels.put("rl-autoscaler.query.running-time", "q_running");
        assertEquals(new ServiceSettings(new Limits(2, 9), AgentKind.HPA, false, 250.5, 0, 3, 0.55, true,
                new Queries("avg by (service) (my_cpu{service=~\"{service}\"})", "q_ram", "q_replica_cpu", "q_rate", "q_mean",
                        "q_p95", "q_running"), "path=\"/test\", method!~\"HEAD|OPTIONS\""), valid(labels));
    }

    @Test
    void enabled_only_with_true() {
        assertTrue(ServiceLabels.enabled(Map.of("rl-autoscaler.enable", " True ")));
        assertFalse(ServiceLabels.enabled(Map.of("rl-autoscaler.enable", "yes")));
        assertFalse(ServiceLabels.enabled(Map.of()));
    }

    @Test
    void each_bad_value_is_refused_naming_the_label_its_value_and_what_is_accepted() {
        assertEquals("Invalid value for label rl-autoscaler.max-replicas: 'abc'; accepted: a whole number from 1 to 1000",
                refused("rl-autoscaler.max-replicas", "abc"));
        assertEquals("Invalid value for label rl-autoscaler.min-replicas: '0'; accepted: a whole number from 1 to 1000",
                refused("rl-autoscaler.min-replicas", "0"));
        assertEquals("Invalid value for label rl-autoscaler.min-replicas: '5'; accepted: a whole number from 1 to 4 "
                + "(the max-replicas)", refused("rl-autoscaler.min-replicas", "5"));
        assertEquals("Invalid value for label rl-autoscaler.max-replicas: '1001'; accepted: a whole number from 1 to 1000",
                refused("rl-autoscaler.max-replicas", "1001"));
        assertEquals("Invalid value for label rl-autoscaler.agent: 'oracle'; accepted: qlearning, swarm-cpu-ram, "
                + "latency-table, hpa, hpa-tuned, threshold, static", refused("rl-autoscaler.agent", "oracle"));
        assertEquals("Invalid value for label rl-autoscaler.mode: 'explore'; accepted: learn or greedy",
                refused("rl-autoscaler.mode", "explore"));
        assertEquals("Invalid value for label rl-autoscaler.slo-p95-ms: '0'; accepted: a number of milliseconds above 0, "
                + "up to 600000", refused("rl-autoscaler.slo-p95-ms", "0"));
        assertEquals("Invalid value for label rl-autoscaler.slo-p95-ms: 'NaN'; accepted: a number of milliseconds above 0, "
                + "up to 600000", refused("rl-autoscaler.slo-p95-ms", "NaN"));
        assertEquals("Invalid value for label rl-autoscaler.cooldown-seconds: '-1'; accepted: a number of seconds from 0 "
                + "to 3600", refused("rl-autoscaler.cooldown-seconds", "-1"));
        assertEquals("Invalid value for label rl-autoscaler.max-step: '0'; accepted: a whole number from 1 to 1000",
                refused("rl-autoscaler.max-step", "0"));
        assertEquals("Invalid value for label rl-autoscaler.hpa-target: '1.5'; accepted: a fraction above 0, up to 1",
                refused("rl-autoscaler.hpa-target", "1.5"));
        assertEquals("Invalid value for label rl-autoscaler.dry-run: 'yes'; accepted: true or false",
                refused("rl-autoscaler.dry-run", "yes"));
        assertEquals("Invalid value for label rl-autoscaler.request-selector: 'path=/test'; accepted: PromQL label "
                + "matchers separated by commas, such as path=\"/test\" or path=~\"/api/.*\",method=\"GET\"",
                refused("rl-autoscaler.request-selector", "path=/test"));
        assertEquals("Invalid value for label rl-autoscaler.metrics-port: '70000'; accepted: a whole number from 1 to 65535",
                refused("rl-autoscaler.metrics-port", "70000"));
        assertEquals("Invalid value for label rl-autoscaler.metrics-path: 'metrics'; accepted: a URL path starting with /, "
                + "such as /metrics", refused("rl-autoscaler.metrics-path", "metrics"));
        assertEquals("Invalid value for label rl-autoscaler.query.p95-latency: ' '; accepted: a PromQL expression, not blank",
                refused("rl-autoscaler.query.p95-latency", " "));
        assertEquals("Invalid value for label rl-autoscaler.query.request-rate: 'sum(x{service=~\"{servce}\"})'; accepted: "
                + "PromQL whose placeholders are {service}, {requests} and {cores}, not {servce}",
                refused("rl-autoscaler.query.request-rate", "sum(x{service=~\"{servce}\"})"));
        assertEquals("Invalid value for label rl-autoscaler.max-replica: '6'; accepted: a known key instead of "
                + "rl-autoscaler.max-replica: enable, min-replicas, max-replicas, agent, mode, slo-p95-ms, cooldown-seconds, "
                + "max-step, hpa-target, dry-run, request-selector, metrics-port, metrics-path, query.cpu, query.mean-latency, "
                + "query.p95-latency, query.ram, query.replica-cpu, query.request-rate, query.running-time (after "
                + "rl-autoscaler.)", refused("rl-autoscaler.max-replica", "6"));
    }

    @Test
    void an_enable_label_that_is_not_a_boolean_is_refused() {
        ServiceLabels.Parsed parsed = ServiceLabels.parse(Map.of("rl-autoscaler.enable", "ture"), DEFAULTS);
        assertEquals("Invalid value for label rl-autoscaler.enable: 'ture'; accepted: true or false",
                ((ServiceLabels.Parsed.Invalid) parsed).label().message());
    }

    @Test
    void a_max_below_the_default_min_names_the_max() {
        ServiceSettings defaults = new ServiceSettings(new Limits(3, 6), AgentKind.HPA, true, 100, 30, 2, 0.7, false,
                QueryTemplates.conventions(), "");
        ServiceLabels.Parsed parsed = ServiceLabels.parse(Map.of("rl-autoscaler.max-replicas", "2"), defaults);
        assertEquals("Invalid value for label rl-autoscaler.max-replicas: '2'; accepted: a whole number from 3 "
                + "(the min-replicas) to 1000", ((ServiceLabels.Parsed.Invalid) parsed).label().message());
    }
}
