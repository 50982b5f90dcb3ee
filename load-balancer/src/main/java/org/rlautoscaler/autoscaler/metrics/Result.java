package org.rlautoscaler.autoscaler.metrics;

/**
 * The evaluation figures of one policy's run with one seed; see {@link ElasticityMetrics} for how
 * each is computed. T is the run's total time (steps × step length), Δt one step's length.
 *
 * @param policy            the policy's name
 * @param seed              the seed of the simulated cluster's noise
 * @param sloViolationPct   share of steps whose p95 latency was above the objective, in percent
 * @param replicaSeconds    replicas running summed over time (the cost), in replica-seconds
 * @param underProvisionPct SPEC under-provisioning accuracy θU: mean relative shortfall
 *                          (demand − supply) / demand over time, in percent
 * @param overProvisionPct  SPEC over-provisioning accuracy θO: mean relative excess
 *                          (supply − demand) / demand over time, in percent
 * @param underTimePct      SPEC time share τU with fewer replicas than demanded, in percent of T
 * @param overTimePct       SPEC time share τO with more replicas than demanded, in percent of T
 * @param instabilityPct    SPEC instability υ: share of time supply and demand do not move the
 *                          same way, in percent of T − Δt
 * @param jitter            SPEC jitter: supply adaptations minus demand changes, per hour
 *                          (negative: the policy adapts less often than demand changes)
 * @param adaptationsPct    share of step transitions at which the policy changed its desired
 *                          replica count, in percent
 * @param meanLatencyMs     mean latency weighted by requests (arrival rate), in milliseconds
 * @param p95LatencyMs      95th percentile of the per-step p95 latencies weighted by requests,
 *                          in milliseconds
 */
public record Result(String policy, long seed, double sloViolationPct, double replicaSeconds,
                     double underProvisionPct, double overProvisionPct, double underTimePct,
                     double overTimePct, double instabilityPct, double jitter, double adaptationsPct,
                     double meanLatencyMs, double p95LatencyMs) {
}
