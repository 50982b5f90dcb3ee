package org.rlautoscaler.autoscaler.reward;

import org.rlautoscaler.autoscaler.env.Observation;
import org.rlautoscaler.autoscaler.env.RewardFunction;

/**
 * The original Kubernetes latency autoscaler's {@code get_reward}, value for value: whether the
 * latency was ideal (at or below {@code idealLatencyMs}, 500 ms in the original) before and after
 * the action, and whether pods and latency were kept, increased or decreased, pick a value from
 * its two tables ({@code reward_within_ideal}, {@code reward_out_ideal}). Latencies are whole
 * milliseconds, as the original rounded them.
 */
public final class LatencyReward implements RewardFunction {
    /** How a quantity moved: {@code obtained_result(new, old)}. */
    public enum Change { kept, increased, decreased;

        static Change of(long newValue, long oldValue) {
            return newValue == oldValue ? kept : newValue > oldValue ? increased : decreased;
        }
    }

    private final long idealLatencyMs;

    public LatencyReward(long idealLatencyMs) {
        this.idealLatencyMs = idealLatencyMs;
    }

    @Override
    public double reward(Observation before, int desiredReplicas, Observation after) {
        return reward(before.desiredReplicas(), desiredReplicas,
                Math.round(before.meanLatencyMs()), Math.round(after.meanLatencyMs()));
    }

    /** {@code get_reward(ideal_latency, old_pods, new_pods, old_latency, new_latency)}. */
    public int reward(int oldPods, int newPods, long oldLatencyMs, long newLatencyMs) {
        Change pods = Change.of(newPods, oldPods);
        Change latency = Change.of(newLatencyMs, oldLatencyMs);
        boolean newIdeal = newLatencyMs <= idealLatencyMs;
        return oldLatencyMs <= idealLatencyMs
                ? withinIdeal(pods, latency, newIdeal)
                : outOfIdeal(pods, latency, newIdeal);
    }

    /** {@code reward_within_ideal}: the latency was ideal before the action. */
    static int withinIdeal(Change pods, Change latency, boolean newLatencyIdeal) {
        if (!newLatencyIdeal) {
            return -20; // whatever it did took the latency above the ideal
        }
        return switch (pods) {
            case kept -> 10;
            case increased -> switch (latency) {
                case kept -> -10;
                case increased -> 0;
                case decreased -> -20; // it was ideal already: pods added for nothing
            };
            case decreased -> 20;   // fewer pods, latency still ideal
        };
    }

    /** {@code reward_out_ideal}: the latency was above the ideal before the action. */
    static int outOfIdeal(Change pods, Change latency, boolean newLatencyIdeal) {
        if (newLatencyIdeal) {
            return 20; // whatever it did brought the latency back to the ideal
        }
        return switch (pods) {
            case kept -> switch (latency) {
                case kept, increased -> -20;
                case decreased -> -10;
            };
            case increased -> switch (latency) {
                case kept, increased -> 0;
                case decreased -> 10;
            };
            case decreased -> switch (latency) {
                case kept -> -10;
                case increased -> -20;
                case decreased -> 0;
            };
        };
    }
}
