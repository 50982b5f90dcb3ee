package org.rlautoscaler.web.metrics.cpu;

import java.nio.file.Path;
import java.util.OptionalDouble;

/**
 * Where the {@code cpu_usage} gauge comes from: the CPU this instance used since the previous
 * reading, in percent of the cores it may use.
 *
 * <p>Inside a container that is the container's own use against its CPU limit, read from its
 * control group ({@link CgroupV2Cpu}, {@link CgroupV1Cpu}); a replica limited to half a core and
 * using half a core reads 100, whatever the rest of the host does. Outside a container it is the
 * whole host's use of all its cores ({@link HostCpu}), as the original read it with psutil.
 * {@link #forThisProcess()} chooses, in one place.
 */
public interface CpuReading {
    /** Where control groups are mounted on Linux. */
    Path CGROUP_ROOT = Path.of("/sys/fs/cgroup");

    /**
     * The CPU used since the previous call, in percent (0 to 100) of the cores this instance
     * may use. Empty on the first call, when there is no interval yet, and when the counters
     * cannot be read (the next call then starts a new interval).
     */
    OptionalDouble percent();

    /** What is read, against what, for the log. */
    String describe();

    /** The reading for this process: its control group's when it has one of its own, else the host's. */
    static CpuReading forThisProcess() {
        return choose(CGROUP_ROOT, Runtime.getRuntime().availableProcessors());
    }

    /**
     * The choice, for a control-group file system mounted at {@code root}:
     * <ol>
     *   <li>cgroup v2 when {@code cpu.max} and {@code cpu.stat} are readable there: the process
     *       is in a group of its own (a container; the root group of a plain host has no
     *       {@code cpu.max}), with or without a CPU limit;</li>
     *   <li>cgroup v1 when {@code cpu/cpu.cfs_quota_us} sets a limit and
     *       {@code cpuacct/cpuacct.usage} is readable: a container with a CPU limit (without a
     *       limit, a v1 host cannot be told from a v1 container by these files);</li>
     *   <li>otherwise the host's processor ticks.</li>
     * </ol>
     */
    static CpuReading choose(Path root, int availableProcessors) {
        if (CgroupV2Cpu.applies(root)) {
            return new CgroupV2Cpu(root, availableProcessors, System::nanoTime);
        }
        if (CgroupV1Cpu.applies(root)) {
            return new CgroupV1Cpu(root, availableProcessors, System::nanoTime);
        }
        return new HostCpu();
    }
}
