package org.rlautoscaler.users.load;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The closed model: each user is one virtual thread that sends a request, waits for the
 * answer, and sends the next one {@code requestInterval} after the previous one started, or at
 * once if the answer took longer than that. A fast target thus gets exactly one request per
 * user per interval, and a slow one fewer, since users wait for answers. (The original slept a
 * full interval after each answer, which lowers the rate by the latency.) After failures a user
 * pauses longer ({@link Backoff}), so a down or failing target is not hammered. A user's first
 * request comes at a random moment within its first interval, so that thousands of users do not
 * all fire at once.
 */
public final class ClosedUsers implements Driver {
    private final Requester requester;
    private final RequestMix mix;
    private final LoadStats stats;
    private final Duration requestInterval;
    private final Duration maxBackoff;
    private final Deque<Thread> users = new ArrayDeque<>();
    private long started;

    public ClosedUsers(Requester requester, RequestMix mix, LoadStats stats, Duration requestInterval, Duration maxBackoff) {
        this.requester = requester;
        this.mix = mix;
        this.stats = stats;
        this.requestInterval = requestInterval;
        this.maxBackoff = maxBackoff;
    }

    @Override
    public synchronized void setUsers(int count) {
        while (users.size() < count) {
            users.addLast(Thread.ofVirtual().name("user-", started++).start(this::user));
        }
        while (users.size() > count) {
            users.removeLast().interrupt();
        }
    }

    @Override
    public synchronized int users() {
        return users.size();
    }

    /** Stops every user, waits for them to end, and starts as many afresh. */
    @Override
    public void restart() throws InterruptedException {
        setUsers(stopAll());
    }

    @Override
    public void close() throws InterruptedException {
        stopAll();
    }

    /** Stops every user and waits for them to end; returns how many there were. */
    private int stopAll() throws InterruptedException {
        Thread[] stopping;
        synchronized (this) {
            stopping = users.toArray(Thread[]::new);
            users.clear();
        }
        for (Thread user : stopping) {
            user.interrupt();
        }
        for (Thread user : stopping) {
            user.join(Duration.ofSeconds(5));
        }
        return stopping.length;
    }

    private void user() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        Backoff backoff = new Backoff(requestInterval, maxBackoff);
        long interval = requestInterval.toNanos();
        long next = System.nanoTime() + (long) (random.nextDouble() * interval);
        try {
            while (!Thread.currentThread().isInterrupted()) {
                sleepUntil(next);
                RequestMix.Entry entry = mix.pick(random.nextDouble());
                long start = System.nanoTime();
                Outcome outcome = requester.send(entry);
                long end = System.nanoTime();
                stats.record(entry, outcome, end - start);
                if (outcome.failed()) {
                    next = end + backoff.failed().toNanos();
                } else {
                    backoff.succeeded();
                    next = Math.max(start + interval, end);
                }
            }
        } catch (InterruptedException stopped) {
            // this user was stopped: end quietly
        }
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long wait = nanoTime - System.nanoTime();
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }
}
