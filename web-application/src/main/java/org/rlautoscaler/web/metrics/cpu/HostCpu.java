package org.rlautoscaler.web.metrics.cpu;

import java.util.OptionalDouble;
import oshi.SystemInfo;
import oshi.hardware.CentralProcessor;

/**
 * The whole host's CPU use, from the processor ticks OSHI reads (/proc/stat on Linux): busy
 * ticks over all ticks of every core since the previous call. Right on a host of its own; in a
 * container it counts every other process of the host too, which is why a container reads its
 * control group instead.
 */
final class HostCpu implements CpuReading {
    private final CentralProcessor processor = new SystemInfo().getHardware().getProcessor();
    private long[] previousTicks;

    @Override
    public synchronized OptionalDouble percent() {
        long[] ticks = processor.getSystemCpuLoadTicks();
        long[] previous = previousTicks;
        previousTicks = ticks;
        if (previous == null) {
            return OptionalDouble.empty();
        }
        double load = processor.getSystemCpuLoadBetweenTicks(previous);
        return Double.isNaN(load) ? OptionalDouble.empty() : OptionalDouble.of(Math.clamp(load * 100, 0, 100));
    }

    @Override
    public String describe() {
        return "the host's processor ticks, in percent of all its " + processor.getLogicalProcessorCount() + " cores";
    }
}
