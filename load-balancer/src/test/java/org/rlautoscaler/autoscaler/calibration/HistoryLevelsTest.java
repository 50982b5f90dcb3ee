package org.rlautoscaler.autoscaler.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rlautoscaler.autoscaler.sim.MeasuredLevel;

/** Levels from a live run's history.csv. */
class HistoryLevelsTest {
    private static final String HEADER = "time,desired,running,cpu_usage,ram_usage,replica_cpu,request_rate,mean_latency_ms,"
            + "p95_latency_ms,wanted,applied,action,reason,random,reward,q_value,epsilon";

    @TempDir
    Path dir;

    private static String line(int desired, int running, double replicaCpu, double rate, double mean, double p95) {
        return "2026-12-01T10:00:00Z,%d,%d,10,20,%s,%s,%s,%s,1,1,hold,decided,false,-1,0,0".formatted(desired, running,
                replicaCpu, rate, mean, p95);
    }

    @Test
    void steady_periods_at_one_load_make_a_level_of_their_medians() throws Exception {
        Path file = dir.resolve("history.csv");
        Files.write(file, List.of(HEADER,
                line(1, 1, 0.30, 50, 8, 12), line(1, 1, 0.32, 51, 9, 14), line(1, 1, 0.31, 52, 10, 13),
                line(2, 1, 0.90, 150, 300, 900),                       // scaling: not steady
                line(2, 2, 0.45, 150, 11, 20), line(2, 2, 0.46, 152, 12, 22), line(2, 2, 0.44, 148, 10, 18),
                line(2, 2, 0.44, 149, 10, Double.NaN),                 // a metric missing
                line(1, 1, 0.05, 3, 6, 9),                             // a load seen once
                "2026-12-01T10:00:00Z,1,1,10"));                       // cut short by a crash
        List<MeasuredLevel> levels = HistoryLevels.read(file, 0.5);
        assertEquals(List.of(new MeasuredLevel(1, 51, 51, 0.31 * 0.5, 9, 13, 0),
                new MeasuredLevel(2, 150, 150, 0.45 * 2 * 0.5, 11, 20, 0)), levels);
    }

    @Test
    void a_file_without_the_columns_is_refused_naming_the_column() throws Exception {
        Path file = Files.writeString(dir.resolve("other.csv"), "t_seconds,requests\n0,10\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HistoryLevels.read(file, 1));
        assertTrue(e.getMessage().startsWith("its header has no column desired"), e.getMessage());
    }
}
