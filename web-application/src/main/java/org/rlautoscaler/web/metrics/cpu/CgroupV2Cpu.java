package org.rlautoscaler.web.metrics.cpu;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalDouble;
import java.util.function.LongSupplier;

/**
 * CPU use of a cgroup v2 group, read from its directory ({@code /sys/fs/cgroup} inside a
 * container):
 * <ul>
 *   <li>{@code cpu.stat}, line {@code usage_usec N}: CPU time used by the group, in
 *       microseconds;</li>
 *   <li>{@code cpu.max}, {@code QUOTA PERIOD}: the group may use QUOTA microseconds of CPU every
 *       PERIOD microseconds, that is QUOTA / PERIOD cores ({@code 50000 100000}: half a core);
 *       {@code max PERIOD}: no limit.</li>
 * </ul>
 */
final class CgroupV2Cpu extends CgroupCpu {
    private final Path directory;

    /**
     * @param directory           the group's directory, holding {@code cpu.stat} and {@code cpu.max}
     * @param availableProcessors the processors this process may run on: the cores it may use
     *                            when {@code cpu.max} sets no quota
     * @param nanoTime            the clock of the elapsed time, in nanoseconds
     */
    CgroupV2Cpu(Path directory, int availableProcessors, LongSupplier nanoTime) {
        super(availableProcessors, nanoTime);
        this.directory = directory;
    }

    /** True when {@code directory} is a cgroup v2 group other than the root: it has cpu.max and cpu.stat. */
    static boolean applies(Path directory) {
        return Files.isReadable(directory.resolve("cpu.max")) && Files.isReadable(directory.resolve("cpu.stat"));
    }

    @Override
    long usageNanos() throws IOException {
        for (String line : Files.readAllLines(directory.resolve("cpu.stat"))) {
            String[] fields = line.strip().split("\\s+");
            if (fields.length == 2 && fields[0].equals("usage_usec")) {
                return Math.multiplyExact(Long.parseLong(fields[1]), 1000L);
            }
        }
        throw new IOException(directory.resolve("cpu.stat") + " has no usage_usec line");
    }

    @Override
    OptionalDouble quotaCores() throws IOException {
        String text = Files.readString(directory.resolve("cpu.max")).strip();
        String[] fields = text.split("\\s+");
        if (fields.length != 2) {
            throw new IOException(directory.resolve("cpu.max") + " reads '" + text + "', not 'QUOTA PERIOD'");
        }
        if (fields[0].equals("max")) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(Double.parseDouble(fields[0]) / Double.parseDouble(fields[1]));
    }

    @Override
    public String describe() {
        return "CPU time of the control group at " + directory + " (cgroup v2), in percent of " + describeCores();
    }
}
