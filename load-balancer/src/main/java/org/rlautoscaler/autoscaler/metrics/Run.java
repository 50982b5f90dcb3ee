package org.rlautoscaler.autoscaler.metrics;

/**
 * One policy's run over an evaluation load, step by step: what came, what was supplied, what
 * was needed. Arrays are indexed by control step and all have the same length.
 *
 * @param policy        the policy's name (hpa, qlearning, ...)
 * @param seed          the seed of the simulated cluster's noise
 * @param stepSeconds   length of one control step, in seconds
 * @param sloP95Ms      the latency objective: p95 latency at or below this, in milliseconds
 * @param arrivalRate   requests per second that arrived during each step
 * @param supply        replicas running (serving) during each step
 * @param desired       replicas the policy asked for at each step
 * @param demand        replicas needed to meet the objective at each step's load (the oracle's
 *                      count): the "demand" of the SPEC elasticity metrics
 * @param meanLatencyMs mean latency of each step, in milliseconds
 * @param p95LatencyMs  95th percentile latency of each step, in milliseconds
 */
public record Run(String policy, long seed, double stepSeconds, double sloP95Ms,
                  double[] arrivalRate, int[] supply, int[] desired, int[] demand,
                  double[] meanLatencyMs, double[] p95LatencyMs) {

    public Run {
        int n = arrivalRate.length;
        if (supply.length != n || desired.length != n || demand.length != n
                || meanLatencyMs.length != n || p95LatencyMs.length != n) {
            throw new IllegalArgumentException("every per-step array of a run must have " + n + " entries");
        }
    }

    public int steps() {
        return arrivalRate.length;
    }
}
