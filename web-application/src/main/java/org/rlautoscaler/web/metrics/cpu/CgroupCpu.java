package org.rlautoscaler.web.metrics.cpu;

import java.io.IOException;
import java.util.OptionalDouble;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What both cgroup versions share: CPU time used by the group over elapsed time, against the
 * cores the group may use, which is its CPU quota when it has one, else the processors this
 * process may run on.
 */
abstract class CgroupCpu implements CpuReading {
    private static final Logger log = LoggerFactory.getLogger(CgroupCpu.class);

    private final int availableProcessors;
    private final LongSupplier nanoTime;
    private long previousUsageNanos = -1;
    private long previousNanos;
    private boolean warned;

    /**
     * @param availableProcessors the processors this process may run on (without a quota, the
     *                            cores it may use)
     * @param nanoTime            the clock of the elapsed time, in nanoseconds ({@code System::nanoTime})
     */
    CgroupCpu(int availableProcessors, LongSupplier nanoTime) {
        this.availableProcessors = availableProcessors;
        this.nanoTime = nanoTime;
    }

    /** CPU time used by the group's processes since the group was created, in nanoseconds. */
    abstract long usageNanos() throws IOException;

    /** The group's CPU quota in cores (0.5: half a core), or empty when it has none. */
    abstract OptionalDouble quotaCores() throws IOException;

    /** The cores this instance may use: its quota, at most the processors it may run on. */
    final double cores() throws IOException {
        OptionalDouble quota = quotaCores();
        return quota.isPresent() ? Math.min(quota.getAsDouble(), availableProcessors) : availableProcessors;
    }

    @Override
    public final synchronized OptionalDouble percent() {
        long now = nanoTime.getAsLong();
        long usage;
        double cores;
        try {
            usage = usageNanos();
            cores = cores();
        } catch (IOException | RuntimeException e) {
            if (!warned) {
                log.warn("Cannot read the CPU use of the control group ({}): {}", describe(), e.toString());
                warned = true;
            }
            previousUsageNanos = -1;
            return OptionalDouble.empty();
        }
        long previousUsage = previousUsageNanos;
        long elapsed = now - previousNanos;
        previousUsageNanos = usage;
        previousNanos = now;
        if (previousUsage < 0 || elapsed <= 0 || cores <= 0) {
            return OptionalDouble.empty();
        }
        double percent = (usage - previousUsage) / (double) elapsed / cores * 100;
        return OptionalDouble.of(Math.clamp(percent, 0, 100));
    }

    /** What the percentage is of, for the log: "0.5 cores (its CPU limit)". */
    final String describeCores() {
        try {
            return quotaCores().isPresent() ? format(cores()) + " cores (its CPU limit)"
                    : availableProcessors + " cores (no CPU limit: the processors it may run on)";
        } catch (IOException | RuntimeException e) {
            return "the cores it may use (not readable now: " + e.getMessage() + ")";
        }
    }

    private static String format(double cores) {
        return cores == Math.rint(cores) ? Long.toString((long) cores) : Double.toString(cores);
    }
}
