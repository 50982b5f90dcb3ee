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
    private final Long origin;
    private long periodStart;
    private Duration nextWait;
    private long sleptNanos;

    public LiveTicker(Duration period, Sleeper sleeper, java.util.function.LongSupplier nanoClock) {
        this(period, sleeper, nanoClock, null);
    }

    private LiveTicker(Duration period, Sleeper sleeper, java.util.function.LongSupplier nanoClock, Long origin) {
        this.origin = origin;
        this.period = period;
        this.sleeper = sleeper;
        this.nanoClock = nanoClock;
        this.periodStart = nanoClock.getAsLong();
        this.nextWait = period;
    }

    public static LiveTicker real(Duration period) {
        return new LiveTicker(period, d -> Thread.sleep(d.toMillis()), System::nanoTime);
    }

    /**
     * A ticker whose periods start on one grid for every service: at {@code originNanos} plus a
     * whole number of periods (as {@link System#nanoTime()}), so that the loops of many services
     * look at the same moment and share one round of queries. A retry waits its delay, and the
     * tick after it goes back to the grid.
     */
    public static LiveTicker aligned(Duration period, long originNanos, Sleeper sleeper,
                                     java.util.function.LongSupplier nanoClock) {
        return new LiveTicker(period, sleeper, nanoClock, originNanos);
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
        long now = nanoClock.getAsLong();
        Duration wait;
        if (origin != null && nextWait.equals(period)) {
            long sinceOrigin = now - origin;
            wait = Duration.ofNanos(period.toNanos() - Math.floorMod(sinceOrigin, period.toNanos()));
        } else {
            wait = nextWait.minusNanos(now - periodStart);
        }
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
