package org.rlautoscaler.autoscaler.plots;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.rlautoscaler.autoscaler.plots.PngAssertions.assertPng;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LearningPlotsTest {
    @TempDir
    Path dir;

    @Test
    void reward_and_mse_curves_are_written_as_pngs() throws Exception {
        double[] reward = new double[300];
        for (int e = 0; e < reward.length; e++) {
            reward[e] = -100 * Math.exp(-e / 60.0) + 5 * Math.sin(e);
        }
        double[] mse = new double[50_000];
        for (int i = 0; i < mse.length; i++) {
            mse[i] = 50 * Math.exp(-i / 5000.0) + 0.01;
        }
        Path rewardPng = dir.resolve("learning/reward.png");
        Path msePng = dir.resolve("learning/mse.png");

        LearningPlots.write(reward, mse, rewardPng, msePng);

        assertPng(rewardPng);
        assertPng(msePng);
    }

    @Test
    void a_non_positive_mse_stays_on_a_linear_axis() throws Exception {
        LearningPlots.write(new double[] {1, 2, 3}, new double[] {0, 1, 0.5},
                dir.resolve("reward.png"), dir.resolve("mse.png"));

        assertPng(dir.resolve("mse.png"));
    }

    @Test
    void empty_arrays_give_empty_charts() throws Exception {
        Path rewardPng = dir.resolve("reward.png");
        Path msePng = dir.resolve("mse.png");

        LearningPlots.write(new double[0], new double[0], rewardPng, msePng);

        assertPng(rewardPng);
        assertPng(msePng);
    }

    @Test
    void the_moving_average_covers_the_last_ten_episodes_or_fewer_at_the_start() {
        double[] reward = new double[12];
        for (int e = 0; e < reward.length; e++) {
            reward[e] = e;
        }

        double[] average = LearningPlots.movingAverage(reward, 10);

        // Episode 0: 0; episode 1: (0 + 1)/2; episode 9: (0 + ... + 9)/10 = 4.5;
        // episode 10: (1 + ... + 10)/10 = 5.5; episode 11: 6.5.
        assertArrayEquals(new double[] {0, 0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5, 5.5, 6.5}, average, 1e-12);
    }
}
