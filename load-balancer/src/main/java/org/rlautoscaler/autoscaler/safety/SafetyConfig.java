package org.rlautoscaler.autoscaler.safety;

import java.time.Duration;
import org.rlautoscaler.autoscaler.env.Limits;

/**
 * The safety chain's settings.
 *
 * @param limits        MIN_REPLICAS and MAX_REPLICAS
 * @param cooldown      no change until this long after the last one (the original's 30 s)
 * @param maxStep       the most replicas one decision may add or remove
 * @param stabilization a scale-down goes no lower than the highest recommendation of this window
 * @param fallback      what to run after metrics stayed missing for a while ({@link Fallback#NONE}: hold)
 */
public record SafetyConfig(Limits limits, Duration cooldown, int maxStep, Duration stabilization, Fallback fallback) {
    public SafetyConfig {
        if (maxStep < 1) {
            throw new IllegalArgumentException("the largest step must be 1 replica or more, got " + maxStep);
        }
    }

    /** Without a fallback: a blind autoscaler holds. */
    public SafetyConfig(Limits limits, Duration cooldown, int maxStep, Duration stabilization) {
        this(limits, cooldown, maxStep, stabilization, Fallback.NONE);
    }

    public SafetyConfig withFallback(Fallback fallback) {
        return new SafetyConfig(limits, cooldown, maxStep, stabilization, fallback);
    }

    /** No cooldown, no step limit, no window: only the limits. For the oracle, which knows the load to come. */
    public static SafetyConfig limitsOnly(Limits limits) {
        return new SafetyConfig(limits, Duration.ZERO, Integer.MAX_VALUE, Duration.ZERO);
    }
}
