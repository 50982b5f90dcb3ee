package org.rlautoscaler.users.load;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.SplittableRandom;
import java.util.concurrent.locks.LockSupport;

/**
 * The open model: requests leave at a target arrival rate ({@code users / requestInterval} per
 * second) whether or not earlier ones were answered, as independent visitors arrive at a web
 * site: {@link Arrivals#poisson} draws the time between two requests at random (exponential,
 * as independent visitors arrive), {@link Arrivals#even} spaces them exactly. Each request's latency counts from the moment the schedule meant to send it, so a slow
 * server that delays sending shows up in the figures instead of hiding (no coordinated
 * omission). Each request is a virtual thread of its own; at most {@code maxInFlight} of them
 * wait for answers, and arrivals beyond that are counted as {@code dropped}.
 */
public final class OpenLoop implements Driver {
    /** How requests are spread in time. */
    public enum Arrivals { poisson, even }

    private final Requester requester;
    private final RequestMix mix;
    private final LoadStats stats;
    private final double requestIntervalSeconds;
    private final Semaphore inFlight;
    private final Thread scheduler;
    private final Arrivals arrivals;
    private final SplittableRandom random;
    private volatile int users;

    public OpenLoop(Requester requester, RequestMix mix, LoadStats stats, Duration requestInterval, int maxInFlight,
                    Arrivals arrivals, Long seed) {
        this.arrivals = arrivals;
        this.random = seed == null ? new SplittableRandom() : new SplittableRandom(seed);
        this.requester = requester;
        this.mix = mix;
        this.stats = stats;
        this.requestIntervalSeconds = requestInterval.toNanos() / 1e9;
        this.inFlight = new Semaphore(maxInFlight);
        this.scheduler = Thread.ofPlatform().name("open-loop").daemon().unstarted(this::schedule);
        scheduler.start();
    }

    @Override
    public void setUsers(int count) {
        users = count;
    }

    @Override
    public int users() {
        return users;
    }

    /** The open model has no user threads to restart: arrivals simply go on. */
    @Override
    public void restart() {}

    @Override
    public void close() throws InterruptedException {
        scheduler.interrupt();
        scheduler.join(Duration.ofSeconds(5));
    }

    private void schedule() {
        long next = System.nanoTime();
        while (!Thread.currentThread().isInterrupted()) {
            double rate = users / requestIntervalSeconds;
            if (rate <= 0) {
                LockSupport.parkNanos(50_000_000L);
                next = System.nanoTime();
                continue;
            }
            double gap = arrivals == Arrivals.poisson ? -Math.log(1 - random.nextDouble()) / rate : 1 / rate;
            next += (long) (1e9 * gap);
            long wait = next - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            } else if (wait < -1_000_000_000L) {
                // More than a second behind (the machine stalled): send at most a second's worth
                // of the backlog at once; the latencies, counted from the schedule, show the stall.
                next = System.nanoTime() - 1_000_000_000L;
            }
            long intended = next;
            RequestMix.Entry entry = mix.pick(random.nextDouble());
            stats.sent();
            if (!inFlight.tryAcquire()) {
                stats.record(entry, Outcome.dropped(), 0);
                continue;
            }
            Thread.ofVirtual().start(() -> {
                try {
                    stats.record(entry, requester.send(entry), System.nanoTime() - intended);
                } catch (InterruptedException stopped) {
                    // the run is ending
                } finally {
                    inFlight.release();
                }
            });
        }
    }
}
