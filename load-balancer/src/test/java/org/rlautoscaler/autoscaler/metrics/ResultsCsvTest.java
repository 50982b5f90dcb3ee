package org.rlautoscaler.autoscaler.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultsCsvTest {
    @TempDir
    Path dir;

    private static final List<Result> RESULTS = List.of(
            new Result("hpa", 1, 50, 480, 12.5, 25, 25, 25, 66.6667, 0, 33.3333, 89, 300),
            new Result("qlearning", 42, 0.25, 5400, 8.3333, 16.6667, 16.6667, 16.6667, 80, -4, 100, 16.4, 19),
            new Result("odd, \"quoted\" name", -3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0));

    @Test
    void writes_the_header_then_one_line_per_result_with_four_decimals() throws Exception {
        Path file = dir.resolve("results.csv");

        ResultsCsv.write(file, RESULTS);

        List<String> lines = Files.readAllLines(file);
        assertEquals("policy,seed,slo_violation_pct,replica_seconds,under_provision_pct,over_provision_pct,"
                + "under_time_pct,over_time_pct,instability_pct,jitter,adaptations_pct,mean_latency_ms,p95_latency_ms",
                lines.get(0));
        assertEquals("hpa,1,50.0000,480.0000,12.5000,25.0000,25.0000,25.0000,66.6667,0.0000,33.3333,89.0000,300.0000",
                lines.get(1));
        assertEquals("qlearning,42,0.2500,5400.0000,8.3333,16.6667,16.6667,16.6667,80.0000,-4.0000,100.0000,16.4000,19.0000",
                lines.get(2));
        assertEquals(4, lines.size());
        String text = Files.readString(file);
        assertEquals(-1, text.indexOf('\r'));
        assertEquals('\n', text.charAt(text.length() - 1));
    }

    @Test
    void reads_back_what_it_wrote() throws Exception {
        Path file = dir.resolve("results.csv");

        ResultsCsv.write(file, RESULTS);

        assertEquals(RESULTS, ResultsCsv.read(file));
    }

    @Test
    void the_same_results_give_the_same_bytes_and_leave_no_temporary_file() throws Exception {
        Path first = dir.resolve("first.csv");
        Path second = dir.resolve("second.csv");

        ResultsCsv.write(first, RESULTS);
        ResultsCsv.write(second, RESULTS);
        byte[] before = Files.readAllBytes(first);
        ResultsCsv.write(first, RESULTS);

        assertArrayEquals(before, Files.readAllBytes(second));
        assertArrayEquals(before, Files.readAllBytes(first));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of("first.csv", "second.csv"),
                    files.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void an_existing_file_is_replaced() throws Exception {
        Path file = dir.resolve("results.csv");
        Files.writeString(file, "something much longer than the results, which must not survive the write\n".repeat(50));

        ResultsCsv.write(file, RESULTS.subList(0, 1));

        assertEquals(RESULTS.subList(0, 1), ResultsCsv.read(file));
    }

    @Test
    void a_wrong_header_is_refused_naming_what_was_found() throws Exception {
        Path file = dir.resolve("other.csv");
        Files.writeString(file, "t_seconds,requests\n0,1\n");

        String message = assertThrows(IllegalArgumentException.class, () -> ResultsCsv.read(file)).getMessage();

        assertEquals(file + " line 1: expected the header " + ResultsCsv.HEADER + ", found 't_seconds,requests'", message);
    }
}
