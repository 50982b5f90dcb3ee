package org.rlautoscaler.autoscaler.agent.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.rlautoscaler.autoscaler.env.Observation;

/** Above 70 % CPU per replica (the original's cpu_threshold) or 80 % RAM: one more; below 25 % CPU: one fewer; between: hold. */
class ThresholdPolicyTest {
    private final ThresholdPolicy policy = ThresholdPolicy.defaults();

    private static Observation replicasAt(int replicas, double utilisation) {
        return new Observation(replicas, replicas, Double.NaN, Double.NaN, utilisation, Double.NaN, Double.NaN, Double.NaN);
    }

    @Test
    void four_replicas_at_90_percent_add_one() {
        assertEquals(5, policy.act(replicasAt(4, 0.90)).replicas());
    }

    @Test
    void four_replicas_at_20_percent_remove_one() {
        assertEquals(3, policy.act(replicasAt(4, 0.20)).replicas());
    }

    @Test
    void four_replicas_at_50_percent_hold() {
        assertEquals(4, policy.act(replicasAt(4, 0.50)).replicas());
    }

    @Test
    void exactly_at_the_thresholds_holds() {
        // strictly above 0.70 adds, strictly below 0.25 removes
        assertEquals(4, policy.act(replicasAt(4, 0.70)).replicas());
        assertEquals(4, policy.act(replicasAt(4, 0.25)).replicas());
    }

    @Test
    void ram_above_80_percent_adds_one_whatever_the_cpu() {
        Observation lowCpuHighRam = new Observation(4, 4, 10, 85, 0.30, Double.NaN, Double.NaN, Double.NaN);
        assertEquals(5, policy.act(lowCpuHighRam).replicas());
        assertEquals("RAM above RAM_THRESHOLD", policy.act(lowCpuHighRam).reason());
    }

    @Test
    void a_missing_cpu_holds() {
        assertEquals(4, policy.act(replicasAt(4, Double.NaN)).replicas());
    }

    @Test
    void its_defaults_are_70_and_25_percent_cpu_and_80_percent_ram() {
        assertEquals(new ThresholdPolicy(0.70, 0.25, 80), ThresholdPolicy.defaults());
        assertEquals("threshold", policy.name());
    }
}
