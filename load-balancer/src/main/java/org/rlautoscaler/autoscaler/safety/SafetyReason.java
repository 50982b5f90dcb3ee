package org.rlautoscaler.autoscaler.safety;

/**
 * Why the safety chain let a decision through, or changed it. The name is the label of the
 * {@code autoscaler_decisions_total{reason}} metric and appears in every decision's log line.
 */
public enum SafetyReason {
    /** The service runs more than MAX_REPLICAS (scaled by hand?): brought straight to it, whatever else holds. */
    above_max,
    /** The service runs fewer than MIN_REPLICAS: brought straight to it, whatever else holds. */
    below_min,
    /** Nothing to correct: the agent's decision is applied as it is. */
    as_decided,
    /** Below MIN_REPLICAS: raised to it. */
    clamped_to_min,
    /** Above MAX_REPLICAS: lowered to it. */
    clamped_to_max,
    /** A metric is missing: hold, never act blind. */
    missing_metrics,
    /** Metrics missing for FALLBACK_AFTER_PERIODS periods in a row: FALLBACK_REPLICAS asked for, as KEDA does. */
    fallback,
    /** The last change is more recent than the cooldown: hold. */
    cooldown,
    /** A change of more than the largest step at once: cut to the step. */
    rate_limited,
    /** A scale-down below a recent recommendation: kept at the highest recent one. */
    stabilized
}
