package org.rlautoscaler.autoscaler.env;

/**
 * The replica range a service may use.
 *
 * @param min fewest replicas, 1 or more
 * @param max most replicas, at least {@code min}
 */
public record Limits(int min, int max) {
    public Limits {
        if (min < 1 || max < min) {
            throw new IllegalArgumentException("replica limits must satisfy 1 <= min <= max, got min "
                    + min + " and max " + max);
        }
    }

    public int clamp(int replicas) {
        return Math.max(min, Math.min(max, replicas));
    }
}
