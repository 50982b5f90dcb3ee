package org.rlautoscaler.autoscaler.plots;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.rlautoscaler.autoscaler.plots.PngAssertions.assertPng;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rlautoscaler.autoscaler.metrics.Run;

class RunPlotsTest {
    @TempDir
    Path dir;

    /** A day-shaped run of n steps of 30 s, a policy lagging one step behind the demand. */
    private static Run run(int n, double p95Peak) {
        double[] rate = new double[n];
        int[] supply = new int[n];
        int[] desired = new int[n];
        int[] demand = new int[n];
        double[] mean = new double[n];
        double[] p95 = new double[n];
        for (int t = 0; t < n; t++) {
            rate[t] = 100 + 80 * Math.sin(2 * Math.PI * t / Math.max(n, 2));
            demand[t] = (int) Math.ceil(rate[t] / 25);
            desired[t] = t == 0 ? demand[0] : demand[t - 1];
            supply[t] = t < 2 ? demand[0] : demand[t - 2];
            double load = rate[t] / (supply[t] * 25.0);
            mean[t] = 20 / Math.max(0.05, 1.05 - load);
            p95[t] = Math.min(p95Peak, 3 * mean[t]);
        }
        return new Run("qlearning", 3, 30, 250, rate, supply, desired, demand, mean, p95);
    }

    @Test
    void a_short_run_gives_a_1200_by_900_png() throws Exception {
        Path png = dir.resolve("plots/qlearning-3.png");

        RunPlots.write(run(120, 400), png);

        BufferedImage image = assertPng(png);
        assertEquals(1200, image.getWidth());
        assertEquals(900, image.getHeight());
    }

    @Test
    void a_run_with_a_wide_latency_range_is_drawn_on_a_log_axis() throws Exception {
        Path png = dir.resolve("wide.png");

        RunPlots.write(run(500, 60_000), png);

        assertPng(png);
    }

    @Test
    void a_long_run_is_downsampled_for_drawing() throws Exception {
        Path png = dir.resolve("long.png");

        RunPlots.write(run(30_000, 5_000), png);

        assertPng(png);
    }

    @Test
    void a_single_step_and_an_empty_run_still_give_pictures() throws Exception {
        Path one = dir.resolve("one.png");
        Path none = dir.resolve("none.png");

        RunPlots.write(run(1, 400), one);
        RunPlots.write(run(0, 400), none);

        assertPng(one);
        assertPng(none);
    }

    @Test
    void buckets_keep_the_peaks_of_the_replicas_and_the_mean_of_the_load() {
        double[] values = {1, 5, 2, 4, 3};

        assertEquals(2, Charts.bucket(5, 3));
        assertEquals(1, Charts.bucket(5, 2_000));
        assertEquals(15, Charts.bucket(30_000, 2_000));
        assertArrayEquals(new double[] {5, 4, 3}, Charts.bucketMax(values, 2));
        assertArrayEquals(new double[] {3, 3, 3}, Charts.bucketMean(values, 2));
    }
}
