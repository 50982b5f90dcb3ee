package org.rlautoscaler.autoscaler.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.rlautoscaler.autoscaler.env.Observation;

/** Above 85 % CPU per replica: one more; below 25 %: one fewer; between: hold. */
class ThresholdPolicyTest {
    private final ThresholdPolicy policy = ThresholdPolicy.defaults();

    private static Observation replicasAt(int replicas, double utilisation) {
        return new Observation(replicas, replicas, Double.NaN, Double.NaN, utilisation, Double.NaN, Double.NaN, Double.NaN);
    }

    @Test
    void four_replicas_at_90_percent_add_one() {
        assertEquals(5, policy.decide(replicasAt(4, 0.90)).replicas());
    }

    @Test
    void four_replicas_at_20_percent_remove_one() {
        assertEquals(3, policy.decide(replicasAt(4, 0.20)).replicas());
    }

    @Test
    void four_replicas_at_50_percent_hold() {
        assertEquals(4, policy.decide(replicasAt(4, 0.50)).replicas());
    }

    @Test
    void exactly_at_the_thresholds_holds() {
        // strictly above 0.85 adds, strictly below 0.25 removes
        assertEquals(4, policy.decide(replicasAt(4, 0.85)).replicas());
        assertEquals(4, policy.decide(replicasAt(4, 0.25)).replicas());
    }

    @Test
    void a_missing_cpu_holds() {
        assertEquals(4, policy.decide(replicasAt(4, Double.NaN)).replicas());
    }

    @Test
    void its_defaults_are_85_and_25_percent() {
        assertEquals(new ThresholdPolicy(0.85, 0.25), ThresholdPolicy.defaults());
        assertEquals("threshold", policy.name());
    }
}
