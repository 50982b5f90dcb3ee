package org.rlautoscaler.web.metrics.cpu;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalDouble;
import java.util.function.LongSupplier;

/**
 * CPU use of a cgroup v1 group, as Docker mounts it inside a container on a host that still runs
 * cgroup v1:
 * <ul>
 *   <li>{@code cpuacct/cpuacct.usage}: CPU time used by the group, in nanoseconds;</li>
 *   <li>{@code cpu/cpu.cfs_quota_us} and {@code cpu/cpu.cfs_period_us}: the group may use QUOTA
 *       microseconds of CPU every PERIOD microseconds, that is QUOTA / PERIOD cores; a quota of
 *       -1 means no limit.</li>
 * </ul>
 */
final class CgroupV1Cpu extends CgroupCpu {
    private final Path root;

    /**
     * @param root                where the v1 hierarchies are mounted, holding {@code cpu/} and {@code cpuacct/}
     * @param availableProcessors the processors this process may run on: the cores it may use
     *                            when no quota is set
     * @param nanoTime            the clock of the elapsed time, in nanoseconds
     */
    CgroupV1Cpu(Path root, int availableProcessors, LongSupplier nanoTime) {
        super(availableProcessors, nanoTime);
        this.root = root;
    }

    /** True when the v1 files are readable and set a CPU limit (a container with one). */
    static boolean applies(Path root) {
        if (!Files.isReadable(root.resolve("cpuacct/cpuacct.usage"))) {
            return false;
        }
        try {
            return quota(root).isPresent();
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    @Override
    long usageNanos() throws IOException {
        return Long.parseLong(Files.readString(root.resolve("cpuacct/cpuacct.usage")).strip());
    }

    @Override
    OptionalDouble quotaCores() throws IOException {
        return quota(root);
    }

    private static OptionalDouble quota(Path root) throws IOException {
        long quota = Long.parseLong(Files.readString(root.resolve("cpu/cpu.cfs_quota_us")).strip());
        if (quota <= 0) {
            return OptionalDouble.empty();
        }
        long period = Long.parseLong(Files.readString(root.resolve("cpu/cpu.cfs_period_us")).strip());
        return OptionalDouble.of(quota / (double) period);
    }

    @Override
    public String describe() {
        return "CPU time of the control group at " + root + " (cgroup v1), in percent of " + describeCores();
    }
}
