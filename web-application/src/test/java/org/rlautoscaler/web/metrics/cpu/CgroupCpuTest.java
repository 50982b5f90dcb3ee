package org.rlautoscaler.web.metrics.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CPU percent from control-group files written by the test, with a clock the test moves. */
class CgroupCpuTest {
    private static final long SECOND = 1_000_000_000L;

    @TempDir
    Path dir;

    private long now = 7 * SECOND;

    private CgroupV2Cpu v2(String cpuMax, int processors) throws IOException {
        Files.writeString(dir.resolve("cpu.max"), cpuMax + "\n");
        return new CgroupV2Cpu(dir, processors, () -> now);
    }

    private void usageMicros(long micros) throws IOException {
        Files.writeString(dir.resolve("cpu.stat"), "usage_usec " + micros + "\nuser_usec 1\nsystem_usec 2\n"
                + "nr_periods 0\nnr_throttled 0\nthrottled_usec 0\n");
    }

    private OptionalDouble after(CpuReading reading, long nanos) {
        now += nanos;
        return reading.percent();
    }

    @Test
    void half_a_core_used_under_a_half_core_limit_is_100_percent_and_a_quarter_is_50() throws Exception {
        CgroupV2Cpu cpu = v2("50000 100000", 2);
        usageMicros(1_000_000);
        assertEquals(OptionalDouble.empty(), cpu.percent(), "no interval yet");
        usageMicros(1_500_000);                              // 0.5 s of CPU in 1 s
        assertEquals(100.0, after(cpu, SECOND).orElseThrow(), 1e-9);
        usageMicros(1_750_000);                              // 0.25 s in 1 s
        assertEquals(50.0, after(cpu, SECOND).orElseThrow(), 1e-9);
        usageMicros(1_800_000);                              // 50 ms in one 100 ms period: the whole quota
        assertEquals(100.0, after(cpu, SECOND / 10).orElseThrow(), 1e-9);
        usageMicros(1_800_000);
        assertEquals(0.0, after(cpu, SECOND).orElseThrow(), 1e-9);
    }

    @Test
    void the_interval_is_the_time_between_readings_whatever_its_length() throws Exception {
        CgroupV2Cpu cpu = v2("200000 100000", 4);           // 2 cores
        usageMicros(0);
        cpu.percent();
        usageMicros(1_500_000);                              // 1.5 s of CPU in 2.5 s: 0.6 of 2 cores
        assertEquals(30.0, after(cpu, 2_500_000_000L).orElseThrow(), 1e-9);
    }

    @Test
    void without_a_quota_the_processors_it_may_run_on_are_the_cores() throws Exception {
        CgroupV2Cpu cpu = v2("max 100000", 4);
        usageMicros(0);
        cpu.percent();
        usageMicros(1_000_000);                              // one core busy out of 4
        assertEquals(25.0, after(cpu, SECOND).orElseThrow(), 1e-9);
    }

    @Test
    void a_quota_above_the_processors_counts_only_the_processors() throws Exception {
        CgroupV2Cpu cpu = v2("400000 100000", 2);           // 4 cores allowed, 2 to run on
        usageMicros(0);
        cpu.percent();
        usageMicros(2_000_000);
        assertEquals(100.0, after(cpu, SECOND).orElseThrow(), 1e-9);
    }

    @Test
    void more_than_the_limit_in_one_interval_reads_100() throws Exception {
        CgroupV2Cpu cpu = v2("50000 100000", 1);
        usageMicros(0);
        cpu.percent();
        usageMicros(600_000);                                // a burst over the quota's period edges
        assertEquals(100.0, after(cpu, SECOND).orElseThrow(), 1e-9);
    }

    @Test
    void unreadable_counters_give_no_figure_and_the_next_reading_starts_a_new_interval() throws Exception {
        CgroupV2Cpu cpu = v2("50000 100000", 1);
        usageMicros(0);
        cpu.percent();
        Files.writeString(dir.resolve("cpu.stat"), "user_usec 1\n");
        assertEquals(OptionalDouble.empty(), after(cpu, SECOND));
        usageMicros(500_000);
        assertEquals(OptionalDouble.empty(), after(cpu, SECOND), "a new interval starts");
        usageMicros(750_000);
        assertEquals(50.0, after(cpu, SECOND).orElseThrow(), 1e-9);
    }

    @Test
    void cgroup_v1_reads_nanoseconds_and_the_cfs_quota() throws Exception {
        writeV1(50_000, 100_000, 0);
        CgroupV1Cpu cpu = new CgroupV1Cpu(dir, 2, () -> now);
        assertEquals(OptionalDouble.empty(), cpu.percent());
        Files.writeString(dir.resolve("cpuacct/cpuacct.usage"), "250000000\n");  // 0.25 s in 1 s of 0.5 core
        assertEquals(50.0, after(cpu, SECOND).orElseThrow(), 1e-9);
    }

    @Test
    void the_cgroup_with_cpu_max_is_chosen_on_cgroup_v2() throws Exception {
        v2("max 100000", 2);
        usageMicros(0);
        CpuReading reading = CpuReading.choose(dir, 2);
        assertInstanceOf(CgroupV2Cpu.class, reading);
        assertTrue(reading.describe().contains("2 cores (no CPU limit"), reading.describe());
    }

    @Test
    void cgroup_v1_is_chosen_when_it_sets_a_cpu_limit() throws Exception {
        writeV1(50_000, 100_000, 0);
        CpuReading reading = CpuReading.choose(dir, 1);
        assertInstanceOf(CgroupV1Cpu.class, reading);
        assertTrue(reading.describe().contains("0.5 cores (its CPU limit)"), reading.describe());
    }

    @Test
    void the_host_is_read_without_a_group_of_its_own() throws Exception {
        assertInstanceOf(HostCpu.class, CpuReading.choose(dir, 2), "no control-group files");
        writeV1(-1, 100_000, 0);
        assertInstanceOf(HostCpu.class, CpuReading.choose(dir, 2), "cgroup v1 without a limit: a host's root group");
    }

    @Test
    void the_host_reading_has_no_figure_before_its_first_interval() {
        HostCpu host = new HostCpu();
        assertEquals(OptionalDouble.empty(), host.percent());
        double percent = host.percent().orElseThrow();
        assertTrue(percent >= 0 && percent <= 100, "host CPU " + percent);
    }

    private void writeV1(long quota, long period, long usageNanos) throws IOException {
        Files.createDirectories(dir.resolve("cpu"));
        Files.createDirectories(dir.resolve("cpuacct"));
        Files.writeString(dir.resolve("cpu/cpu.cfs_quota_us"), quota + "\n");
        Files.writeString(dir.resolve("cpu/cpu.cfs_period_us"), period + "\n");
        Files.writeString(dir.resolve("cpuacct/cpuacct.usage"), usageNanos + "\n");
    }
}
