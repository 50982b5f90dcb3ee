package org.rlautoscaler.autoscaler.live;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a loop until the process is asked to stop (SIGTERM, Ctrl-C): the shutdown hook asks it to
 * stop after its current period, interrupts its waits, and waits up to 20 s for it. A call to a
 * hung orchestrator ignores the interrupt: after 2 s the hook closes the orchestrator's client to
 * cut it short.
 */
public final class Shutdown {
    private static final Logger log = LoggerFactory.getLogger(Shutdown.class);
    static final Duration CUT_SHORT_AFTER = Duration.ofSeconds(2);
    /** How long the hook waits for the loop to stop. */
    public static final Duration WAIT = Duration.ofSeconds(20);

    private Shutdown() {}

    /**
     * Runs {@code loop} in this thread until it returns or the process is asked to stop.
     *
     * @param stop         asks the loop to stop after its current period (it may wait for that)
     * @param orchestrator whose client is closed when the loop takes longer than 2 s to stop (null: none)
     */
    public static void runUntilSignalled(Runnable loop, Runnable stop, AutoCloseable orchestrator) {
        CountDownLatch finished = new CountDownLatch(1);
        Thread worker = Thread.currentThread();
        Thread hook = new Thread(() -> {
            log.info("Stopping after the current period");
            Thread closer = Thread.ofVirtual().start(() -> {
                try {
                    Thread.sleep(CUT_SHORT_AFTER);
                    if (orchestrator != null) {
                        log.info("Cutting short the call to the orchestrator");
                        orchestrator.close();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt(); // stopped in time: nothing to cut short
                } catch (Exception e) {
                    log.debug("Closing {} failed: {}", orchestrator, e.toString());
                }
            });
            stop.run();
            worker.interrupt();
            try {
                finished.await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                closer.interrupt();
            }
        }, "shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            loop.run();
        } finally {
            finished.countDown();
        }
    }
}
