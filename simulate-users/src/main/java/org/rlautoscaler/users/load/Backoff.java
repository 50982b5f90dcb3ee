package org.rlautoscaler.users.load;

import java.time.Duration;

/**
 * How long a user waits after failed requests: twice its usual pause after the first failure,
 * doubling after each further one, never more than {@code max}; back to normal after a success.
 * Not thread-safe: one per user.
 */
public final class Backoff {
    private final Duration base;
    private final Duration max;
    private int failures;

    public Backoff(Duration base, Duration max) {
        this.base = base.isZero() ? Duration.ofMillis(100) : base;
        this.max = max;
    }

    /** Records a failure and returns the pause before the next attempt. */
    public Duration failed() {
        failures = Math.min(failures + 1, 62);
        long nanos = base.toNanos();
        for (int i = 0; i < failures && nanos < max.toNanos(); i++) {
            nanos = Math.multiplyExact(nanos, 2);
        }
        return Duration.ofNanos(Math.min(nanos, max.toNanos()));
    }

    /** Records a success. */
    public void succeeded() {
        failures = 0;
    }

    /** Failures in a row so far. */
    public int failures() {
        return failures;
    }
}
