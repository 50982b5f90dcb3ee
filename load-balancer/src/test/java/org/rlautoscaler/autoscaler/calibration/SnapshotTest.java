package org.rlautoscaler.autoscaler.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Reading the service's metrics: CPU, request counts and the p95 from histogram buckets. */
class SnapshotTest {
    private static String exposition(double cpu, double le10ms, double le100ms, double inf, double sum) {
        return """
                # HELP process_cpu_seconds_total CPU time
                # TYPE process_cpu_seconds_total counter
                process_cpu_seconds_total %s
                http_server_request_duration_seconds_bucket{method="GET",path="/test",status="200",le="0.01"} %s
                http_server_request_duration_seconds_bucket{method="GET",path="/test",status="200",le="0.1"} %s
                http_server_request_duration_seconds_bucket{method="GET",path="/test",status="200",le="+Inf"} %s
                http_server_request_duration_seconds_count{method="GET",path="/test",status="200"} %s
                http_server_request_duration_seconds_sum{method="GET",path="/test",status="200"} %s
                http_server_request_duration_seconds_bucket{method="GET",path="/",status="200",le="+Inf"} 999
                """.formatted(cpu, le10ms, le100ms, inf, inf, sum);
    }

    @Test
    void a_window_between_two_snapshots_gives_rate_cpu_mean_and_p95() {
        Snapshot before = Snapshot.of(0, Exposition.parse(exposition(10, 100, 100, 100, 1)), "/test");
        // 10 s later: 200 more requests, 100 under 10 ms, 90 from 10 to 100 ms, 10 above; 5 CPU seconds
        Snapshot after = Snapshot.of(10_000_000_000L, Exposition.parse(exposition(15, 200, 290, 300, 7)), "/test");
        Snapshot.Window w = after.since(before);
        assertEquals(20, w.servedRate(), 1e-9);
        assertEquals(0.5, w.cpuCores(), 1e-9);
        assertEquals(0.030, w.meanSeconds(), 1e-9);
        // rank 0.95 x 200 = 190: the 90th of 90 in (0.01, 0.1] -> 0.1
        assertEquals(0.1, w.p95Seconds(), 1e-9);
    }

    @Test
    void the_p95_is_interpolated_within_its_bucket() {
        Snapshot before = Snapshot.of(0, Exposition.parse(exposition(0, 0, 0, 0, 0)), "/test");
        // 100 requests: 50 under 10 ms, 50 from 10 to 100 ms: rank 95 is the 45th of 50 -> 0.01 + 0.09 x 0.9
        Snapshot after = Snapshot.of(1_000_000_000L, Exposition.parse(exposition(1, 50, 100, 100, 3)), "/test");
        assertEquals(0.01 + 0.09 * 0.9, after.since(before).p95Seconds(), 1e-12);
    }

    @Test
    void a_line_that_is_not_a_sample_is_named() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Exposition.parse("process_cpu_seconds_total 1\n<html>oops</html>\n"));
        assertEquals("line 2 is not a Prometheus sample: <html>oops</html>", e.getMessage());
    }
}
