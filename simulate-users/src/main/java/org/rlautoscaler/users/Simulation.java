package org.rlautoscaler.users;

import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.rlautoscaler.users.load.ClosedUsers;
import org.rlautoscaler.users.load.Driver;
import org.rlautoscaler.users.load.LoadStats;
import org.rlautoscaler.users.load.OpenLoop;
import org.rlautoscaler.users.load.Requester;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of the simulator: every 100 ms it sets the number of active users the profile asks
 * for, restarts all users every restart interval, and writes a report line every report
 * interval; at the end, a summary. {@link #stop()} (SIGTERM) ends it early, summary included.
 */
public final class Simulation {
    private static final Logger log = LoggerFactory.getLogger(Simulation.class);
    private static final long TICK_NANOS = 100_000_000L;

    private final SimulationConfig config;
    private final LoadStats stats = new LoadStats();
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile int metricsPort = -1;

    public Simulation(SimulationConfig config) {
        this.config = config;
    }

    public LoadStats stats() {
        return stats;
    }

    /** The metrics port once running (the chosen one when configured as 0), or -1. */
    public int metricsPort() {
        return metricsPort;
    }

    /** Runs until the configured duration has passed or {@link #stop()} is called. */
    public Report run() throws InterruptedException {
        HTTPServer metrics = startMetrics();
        Reporter reporter = new Reporter(stats, config);
        if (!config.startDelay().isZero()) {
            log.info("Starting the load in {} s", config.startDelay().toNanos() / 1e9);
            if (stopRequested.await(config.startDelay().toNanos(), TimeUnit.NANOSECONDS)) {
                if (metrics != null) {
                    metrics.close();
                }
                Report report = reporter.summary(0);
                finished.countDown();
                return report;
            }
        }
        long start = System.nanoTime();
        stats.started(System.currentTimeMillis() / 1000.0);
        try (Requester requester = new Requester(config.baseUrl(), config.mix(), config.timeout(),
                config.maxConnections())) {
            Driver driver = config.model() == SimulationConfig.Model.closed
                    ? new ClosedUsers(requester, config.mix(), stats, config.requestInterval(), config.maxBackoff())
                    : new OpenLoop(requester, config.mix(), stats, config.requestInterval(), config.maxInFlight(),
                            config.arrivals(), config.seed());
            log.info("Simulating users against {}: {} model, {}; a user requests every {} s; mix {}; restart every {}",
                    config.baseUrl(), config.model(), config.profile().describe(),
                    config.requestInterval().toNanos() / 1e9, config.mix()
                            + (config.seed() == null ? "" : "; seed " + config.seed()),
                    config.restartInterval().isZero() ? "never" : config.restartInterval().toSeconds() + " s");
            long nextRestart = start + nanosOrMax(config.restartInterval());
            long nextReport = start + config.reportInterval().toNanos();
            long end = start + nanosOrMax(config.duration());
            try {
                for (long now = start; now < end; now = System.nanoTime()) {
                    int users = config.profile().usersAt((now - start) / 1e9);
                    driver.setUsers(users);
                    stats.users(users, config.targetRate(users));
                    if (now >= nextRestart) {
                        driver.restart();
                        stats.restarted();
                        log.info("Restarted all {} users (every {} s, as INTERVAL asks)", users,
                                config.restartInterval().toSeconds());
                        nextRestart += config.restartInterval().toNanos();
                    }
                    if (now >= nextReport) {
                        reporter.report((now - start) / 1e9, users);
                        nextReport += config.reportInterval().toNanos();
                    }
                    if (stopRequested.await(Math.min(TICK_NANOS, Math.max(0, end - System.nanoTime())), TimeUnit.NANOSECONDS)) {
                        log.info("Stopping on request");
                        break;
                    }
                }
            } finally {
                driver.close();
            }
        } finally {
            if (metrics != null) {
                metrics.close();
            }
        }
        Report report = reporter.summary((System.nanoTime() - start) / 1e9);
        log.info("{}", report);
        finished.countDown();
        return report;
    }

    /** Asks the run to end, and waits up to {@code seconds} for its summary. */
    public void stop(long seconds) throws InterruptedException {
        stopRequested.countDown();
        finished.await(seconds, TimeUnit.SECONDS);
    }

    private HTTPServer startMetrics() {
        if (config.metricsPort() < 0) {
            return null;
        }
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true"); // see the web application
        }
        try {
            HTTPServer server = HTTPServer.builder().port(config.metricsPort()).registry(stats.registry()).buildAndStart();
            metricsPort = server.getPort();
            log.info("Metrics on http://localhost:{}/metrics", metricsPort);
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot serve metrics on port " + config.metricsPort() + ": " + e.getMessage(), e);
        }
    }

    private static long nanosOrMax(java.time.Duration duration) {
        return duration.isZero() ? Long.MAX_VALUE / 4 : duration.toNanos();
    }
}
