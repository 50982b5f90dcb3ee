package org.rlautoscaler.autoscaler.plots;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rlautoscaler.autoscaler.metrics.Result;

/** comparison.png's points: a policy's mean over its seeds and the 95 % interval, in hours and percent. */
class ComparisonPlotTest {
    private static Result result(String policy, long seed, double sloPct, double replicaSeconds) {
        return new Result(policy, seed, sloPct, replicaSeconds, 0, 0, 0, 0, 0, 0, 0, 10, 20);
    }

    private static final List<Result> RESULTS = List.of(
            result("qlearning", 1, 1.0, 3600 * 10), result("qlearning", 2, 2.0, 3600 * 12),
            result("qlearning", 3, 3.0, 3600 * 14),
            result("oracle", 1, 0.5, 3600 * 9));

    @Test
    void each_policy_is_its_mean_with_the_t_interval_of_its_seeds() {
        List<ComparisonPlot.Point> points = ComparisonPlot.points(RESULTS);
        assertEquals(2, points.size());
        ComparisonPlot.Point q = points.get(0);
        assertEquals("qlearning", q.policy());
        assertEquals(3, q.seeds());
        assertEquals(12.0, q.replicaHours(), 1e-12);
        // s = 2 hours, t(0.975, 2) = 4.303: 4.303 x 2 / sqrt(3) = 4.968
        assertEquals(4.968, q.hoursHalf(), 1e-3);
        assertEquals(2.0, q.sloPct(), 1e-12);
        assertEquals(2.484, q.sloHalf(), 1e-3);
        assertEquals(new ComparisonPlot.Point("oracle", 1, 9.0, 0, 0.5, 0), points.get(1), "one seed: no interval");
    }

    @Test
    void draws_a_png(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("comparison.png");
        ComparisonPlot.write(RESULTS, png);
        PngAssertions.assertPng(png);
    }
}
