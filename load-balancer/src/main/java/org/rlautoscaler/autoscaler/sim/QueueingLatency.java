package org.rlautoscaler.autoscaler.sim;

/**
 * The textbook queue: an M/M/1 replica whose service time is {@code serviceSeconds}, so the mean
 * latency is {@code s / (1 - rho)} and the p95 three times the mean (as for exponential response
 * times), both capped at {@code timeoutSeconds}.
 *
 * @param serviceSeconds time one request needs on an idle replica, in seconds
 * @param timeoutSeconds longest latency, in seconds
 */
public record QueueingLatency(double serviceSeconds, double timeoutSeconds) implements LatencyModel {
    @Override
    public double meanSeconds(double utilisation) {
        return utilisation >= 1 ? timeoutSeconds : Math.min(timeoutSeconds, serviceSeconds / (1 - utilisation));
    }

    @Override
    public double p95Seconds(double utilisation) {
        return Math.min(timeoutSeconds, 3 * meanSeconds(utilisation));
    }

    /** {@code 3 s / (1 - rho) <= slo} holds while {@code rho <= 1 - 3 s / slo}. */
    @Override
    public double highestUtilisation(double sloP95Seconds) {
        return Math.max(0, 1 - 3 * serviceSeconds / sloP95Seconds);
    }

    @Override
    public LatencyModel scaled(double factor) {
        return new QueueingLatency(serviceSeconds * factor, timeoutSeconds);
    }
}
