package org.rlautoscaler.web.work;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * Spends a given amount of CPU time on the calling thread, measured as the thread's own CPU
 * time, not wall time: on a busy machine a request waits for a core and takes longer, as a real
 * CPU-bound request would, which is what makes load visible as latency and as CPU.
 */
public final class CpuWork {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final boolean THREAD_CPU_TIME = THREADS.isCurrentThreadCpuTimeSupported();

    private CpuWork() {}

    /**
     * Burns {@code millis} milliseconds of CPU time.
     *
     * @return a value computed by the work, so that the JIT cannot remove it
     */
    public static long burn(double millis) {
        long budgetNanos = (long) (millis * 1_000_000);
        long start = now();
        long value = 0x9E3779B97F4A7C15L;
        while (now() - start < budgetNanos) {
            for (int i = 0; i < 2_000; i++) {
                value ^= value << 13;
                value ^= value >>> 7;
                value ^= value << 17;
            }
        }
        return value;
    }

    private static long now() {
        if (THREAD_CPU_TIME) {
            long cpu = THREADS.getCurrentThreadCpuTime();
            if (cpu >= 0) {
                return cpu;
            }
        }
        return System.nanoTime();
    }
}
