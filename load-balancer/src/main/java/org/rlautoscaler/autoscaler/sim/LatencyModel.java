package org.rlautoscaler.autoscaler.sim;

/**
 * How a replica's latency grows with its utilisation in steady state: the part of a
 * {@link ServiceModel} that differs between the textbook queue and a measured service.
 * Utilisation is the share of the replicas' CPU capacity in use by requests, from 0 to 1.
 */
public sealed interface LatencyModel permits QueueingLatency, MeasuredLatency {
    /** Mean latency at {@code utilisation}, in seconds. */
    double meanSeconds(double utilisation);

    /** 95th percentile latency at {@code utilisation}, in seconds. */
    double p95Seconds(double utilisation);

    /**
     * The highest utilisation at which the p95 latency stays at or below {@code sloP95Seconds};
     * 0 when even an idle replica misses it.
     */
    double highestUtilisation(double sloP95Seconds);

    /** The same service with every request {@code factor} times as costly (latency scales with service time). */
    LatencyModel scaled(double factor);
}
