package org.rlautoscaler.autoscaler.live;

import java.time.Duration;
import org.rlautoscaler.autoscaler.env.Ticker;

/**
 * Time, live: each tick waits until the next period starts ({@code period} after the previous
 * one), or for a shorter retry delay after a failed period. The waiting is behind {@link Sleeper}
 * so that tests run without waiting.
 */
public final class LiveTicker implements Ticker {
    /** Waits; the real one sleeps. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final Duration period;
    private final Sleeper sleeper;
    private final java.util.function.LongSupplier nanoClock;
    private long periodStart;
    private Duration nextWait;
    private long sleptNanos;

    public LiveTicker(Duration period, Sleeper sleeper, java.util.function.LongSupplier nanoClock) {
        this.period = period;
        this.sleeper = sleeper;
        this.nanoClock = nanoClock;
        this.periodStart = nanoClock.getAsLong();
        this.nextWait = period;
    }

    public static LiveTicker real(Duration period) {
        return new LiveTicker(period, d -> Thread.sleep(d.toMillis()), System::nanoTime);
    }

    /** The next tick waits {@code delay} from now instead of a full period (a retry). */
    public void retryAfter(Duration delay) {
        nextWait = delay.compareTo(period) < 0 ? delay : period;
        periodStart = nanoClock.getAsLong();
    }

    @Override
    public void reset(long seed) {
        periodStart = nanoClock.getAsLong();
    }

    @Override
    public void tick() {
        long elapsed = nanoClock.getAsLong() - periodStart;
        Duration wait = nextWait.minusNanos(elapsed);
        try {
            if (!wait.isNegative() && !wait.isZero()) {
                long before = nanoClock.getAsLong();
                sleeper.sleep(wait);
                sleptNanos += nanoClock.getAsLong() - before;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        periodStart = nanoClock.getAsLong();
        nextWait = period;
    }

    /** Nanoseconds spent waiting so far, so that the loop can time its own work without them. */
    public long sleptNanos() {
        return sleptNanos;
    }

    public Duration period() {
        return period;
    }
}
