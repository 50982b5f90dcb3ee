package org.rlautoscaler.autoscaler.offline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.rlautoscaler.autoscaler.env.Limits;
import org.rlautoscaler.autoscaler.safety.SafetyConfig;
import org.rlautoscaler.autoscaler.sim.ClusterModel;
import org.rlautoscaler.autoscaler.sim.ServiceModel;
import org.rlautoscaler.autoscaler.sim.Workload;

/** evaluate warns when the limits cannot meet the objective in more than 1 % of the evaluated steps. */
class CapacityWarningTest {
    private static final Limits LIMITS = new Limits(1, 10);
    private static final Setup SETUP = new Setup(ClusterModel.defaults(), 15, 100, LIMITS, 40,
            new SafetyConfig(LIMITS, Duration.ofSeconds(30), 2, Duration.ofSeconds(60)));

    /** Requests a second that {@code replicas} replicas carry within the objective,. */
    private static double rate(double replicas) {
        ServiceModel service = SETUP.model().service();
        double highest = service.latency().highestUtilisation(0.1);
        return replicas * service.coresPerReplica() * highest / service.cpuSecondsPerRequest();
    }

    private static Workload load(int beyond) {
        double[] rates = new double[100];
        Arrays.fill(rates, rate(4.99)); // 5 replicas
        for (int i = 0; i < beyond; i++) {
            rates[10 + i] = rate(i == 0 ? 14.5 : 11.5); // 15, then 12
        }
        return new Workload("test", rates, "test");
    }

    @Test
    void three_steps_in_a_hundred_beyond_the_maximum_are_reported_with_the_count_needed() {
        assertEquals("Warning: 3.0 % of the evaluated steps (3 of 100) need more than --max-replicas 10 replicas to meet "
                        + "the objective (99 % of the steps need at most 12, the busiest 15): every policy misses in them, "
                        + "so the share of misses compares little; raise --max-replicas to 12, or scale the trace to fewer "
                        + "replicas with --peak-replicas",
                Comparison.capacityWarning(SETUP, load(3)).orElseThrow());
    }

    @Test
    void one_step_in_a_hundred_is_not_worth_a_warning() {
        assertTrue(Comparison.capacityWarning(SETUP, load(1)).isEmpty());
    }
}
