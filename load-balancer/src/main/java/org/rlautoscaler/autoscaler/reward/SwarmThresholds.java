package org.rlautoscaler.autoscaler.reward;

/**
 * The original Swarm autoscaler's {@code Calculate_Thresholds}: the CPU and RAM percentages a
 * service may use grow with its replica count, 8 points per replica.
 *
 * @param cpu CPU threshold, percent
 * @param ram RAM threshold, percent
 */
public record SwarmThresholds(int cpu, int ram) {

    /** CPU {@code 1 + (r-1)*8} and RAM {@code 10 + (r-1)*8} for r up to 10 replicas, else 100. */
    public static SwarmThresholds forReplicas(int replicas) {
        if (replicas <= 10) {
            return new SwarmThresholds(1 + (replicas - 1) * 8, 10 + (replicas - 1) * 8);
        }
        return new SwarmThresholds(100, 100);
    }

    /** When the replica count is unknown: CPU 0, RAM 10. */
    public static SwarmThresholds unknown() {
        return new SwarmThresholds(0, 10);
    }
}
