package org.rlautoscaler.autoscaler.sim;

/**
 * One load level as {@code calibrate} measured it on the real service.
 *
 * @param replicas     replicas serving
 * @param offeredRate  requests a second sent, on average
 * @param servedRate   requests a second the service answered
 * @param cpuCores     CPU the service used, in cores (all its replicas)
 * @param meanMs       mean server-side latency, milliseconds
 * @param p95Ms        95th percentile server-side latency, milliseconds
 * @param errorPct     requests that failed or were dropped, percent of those sent
 */
public record MeasuredLevel(int replicas, double offeredRate, double servedRate, double cpuCores, double meanMs,
                            double p95Ms, double errorPct) {}
