package org.rlautoscaler.web.metrics;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.rlautoscaler.web.metrics.cpu.CpuReading;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import oshi.SystemInfo;
import oshi.hardware.GlobalMemory;

/**
 * Reads CPU ({@link CpuReading}: the container's use against its limit, or the host's) and
 * memory (OSHI) every second, and sets the {@code cpu_usage}, {@code ram_usage} and
 * {@code running_time} gauges. It also keeps the last {@value #HISTORY} samples, with the request
 * rate, for the charts of {@code /graphics}. The first sample has no CPU figure: CPU use is
 * measured over an interval, and there is none yet.
 */
public final class SystemSampler implements AutoCloseable {
    /** Samples kept for the charts: five minutes at one per second. */
    public static final int HISTORY = 300;
    private static final Logger log = LoggerFactory.getLogger(SystemSampler.class);

    /**
     * One reading.
     *
     * @param t                 when, in milliseconds since the epoch
     * @param cpuPercent        CPU used since the previous sample, percent of the cores this instance
     *                          may use (see {@link CpuReading}); NaN when unknown (the first sample)
     * @param ramPercent        memory in use, percent of total
     * @param requestsPerSecond requests answered per second since the previous sample
     */
    public record Sample(long t, double cpuPercent, double ramPercent, double requestsPerSecond) {}

    private final AppMetrics metrics;
    private final CpuReading cpu;
    private final GlobalMemory memory;
    private final long startNanos = System.nanoTime();
    private final ArrayDeque<Sample> history = new ArrayDeque<>(HISTORY);
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "system-sampler");
        thread.setDaemon(true);
        return thread;
    });
    private double previousRequests;
    private long previousNanos = startNanos;

    /** Samples the CPU of this process's container, or of the host outside one. */
    public SystemSampler(AppMetrics metrics) {
        this(metrics, CpuReading.forThisProcess());
    }

    public SystemSampler(AppMetrics metrics, CpuReading cpu) {
        this.metrics = metrics;
        this.cpu = cpu;
        this.memory = new SystemInfo().getHardware().getMemory();
        log.info("cpu_usage: {}", cpu.describe());
    }

    /** Samples now, then every {@code period}. */
    public SystemSampler start(Duration period) {
        sample();
        timer.scheduleAtFixedRate(this::sampleSafely, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    private void sampleSafely() {
        try {
            sample();
        } catch (RuntimeException e) {
            log.warn("Could not read CPU or memory: {}", e.toString());
        }
    }

    synchronized void sample() {
        long now = System.nanoTime();
        double cpuPercent = cpu.percent().orElse(Double.NaN);
        double total = memory.getTotal();
        double ram = total > 0 ? (total - memory.getAvailable()) / total * 100 : 0;
        double requests = metrics.requestsTotal();
        double seconds = (now - previousNanos) / 1e9;
        double rate = seconds > 0 ? (requests - previousRequests) / seconds : 0;
        previousRequests = requests;
        previousNanos = now;

        metrics.cpuUsage(cpuPercent);
        metrics.ramUsage.set(ram);
        metrics.runningTime.set(Math.floor((now - startNanos) / 1e9));
        if (history.size() == HISTORY) {
            history.removeFirst();
        }
        history.addLast(new Sample(System.currentTimeMillis(), cpuPercent, ram, rate));
    }

    /** The samples kept, oldest first. */
    public synchronized List<Sample> history() {
        return List.copyOf(history);
    }

    /** Seconds since this sampler (and so the application) started. */
    public long uptimeSeconds() {
        return (System.nanoTime() - startNanos) / 1_000_000_000L;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
