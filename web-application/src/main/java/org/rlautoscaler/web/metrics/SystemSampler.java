package org.rlautoscaler.web.metrics;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import oshi.SystemInfo;
import oshi.hardware.CentralProcessor;
import oshi.hardware.GlobalMemory;

/**
 * Reads CPU and memory with OSHI every second, as the original read them with psutil, and sets
 * the {@code cpu_usage}, {@code ram_usage} and {@code running_time} gauges. It also keeps the
 * last {@value #HISTORY} samples, with the request rate, for the charts of {@code /graphics}.
 */
public final class SystemSampler implements AutoCloseable {
    /** Samples kept for the charts: five minutes at one per second. */
    public static final int HISTORY = 300;
    private static final Logger log = LoggerFactory.getLogger(SystemSampler.class);

    /**
     * One reading.
     *
     * @param t                 when, in milliseconds since the epoch
     * @param cpuPercent        system CPU in use, percent of all cores
     * @param ramPercent        memory in use, percent of total
     * @param requestsPerSecond requests answered per second since the previous sample
     */
    public record Sample(long t, double cpuPercent, double ramPercent, double requestsPerSecond) {}

    private final AppMetrics metrics;
    private final CentralProcessor processor;
    private final GlobalMemory memory;
    private final long startNanos = System.nanoTime();
    private final ArrayDeque<Sample> history = new ArrayDeque<>(HISTORY);
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "system-sampler");
        thread.setDaemon(true);
        return thread;
    });
    private long[] previousTicks;
    private double previousRequests;
    private long previousNanos = startNanos;

    public SystemSampler(AppMetrics metrics) {
        this.metrics = metrics;
        SystemInfo system = new SystemInfo();
        this.processor = system.getHardware().getProcessor();
        this.memory = system.getHardware().getMemory();
        this.previousTicks = processor.getSystemCpuLoadTicks();
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
        long[] ticks = processor.getSystemCpuLoadTicks();
        double cpu = Math.max(0, processor.getSystemCpuLoadBetweenTicks(previousTicks)) * 100;
        previousTicks = ticks;
        double total = memory.getTotal();
        double ram = total > 0 ? (total - memory.getAvailable()) / total * 100 : 0;
        double requests = metrics.requestsTotal();
        double seconds = (now - previousNanos) / 1e9;
        double rate = seconds > 0 ? (requests - previousRequests) / seconds : 0;
        previousRequests = requests;
        previousNanos = now;

        metrics.cpuUsage.set(cpu);
        metrics.ramUsage.set(ram);
        metrics.runningTime.set(Math.floor((now - startNanos) / 1e9));
        if (history.size() == HISTORY) {
            history.removeFirst();
        }
        history.addLast(new Sample(System.currentTimeMillis(), cpu, ram, rate));
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
