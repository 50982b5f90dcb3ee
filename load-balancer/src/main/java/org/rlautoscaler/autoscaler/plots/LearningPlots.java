package org.rlautoscaler.autoscaler.plots;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.Styler;

/**
 * Pictures of training, 1200 × 700 pixels each: the total reward per episode with its moving
 * average, and the mean squared error of the Q-values against their targets per iteration.
 * Series longer than {@value Charts#MAX_POINTS} points are drawn as means of consecutive buckets.
 */
public final class LearningPlots {
    static final int WIDTH = 1200;
    static final int HEIGHT = 700;
    /** Episodes in the moving average of the reward. */
    static final int WINDOW = 10;

    private LearningPlots() {
    }

    /** The reward and error plots of {@code agent} in {@code dir}: {@code AGENT-reward.png} and {@code AGENT-mse.png}. */
    public static void writeInto(Path dir, String agent, double[] rewardPerEpisode, double[] msePerIteration)
            throws IOException {
        write(rewardPerEpisode, msePerIteration, rewardFile(dir, agent), mseFile(dir, agent));
    }

    /** Where {@link #writeInto} draws the rewards. */
    public static Path rewardFile(Path dir, String agent) {
        return dir.resolve(agent + "-reward.png");
    }

    /** Where {@link #writeInto} draws the errors. */
    public static Path mseFile(Path dir, String agent) {
        return dir.resolve(agent + "-mse.png");
    }

    /**
     * Draws both charts and writes each as a PNG file (directories created as needed). Empty
     * arrays give empty charts. The MSE axis is logarithmic when every value is positive.
     *
     * @param rewardPerEpisode total reward of each episode (reward units)
     * @param msePerIteration  mean squared error of the Q-values against their targets at each
     *                         training iteration (squared reward units)
     * @throws IOException if a file cannot be written
     */
    public static void write(double[] rewardPerEpisode, double[] msePerIteration, Path rewardPng, Path msePng)
            throws IOException {
        XYChart reward = Charts.chart(WIDTH, HEIGHT, "Total reward per episode", "episode", "total reward");
        reward.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE); // rewards usually rise
        if (rewardPerEpisode.length > 0) {
            double[] rewards = Charts.finite(rewardPerEpisode);
            int bucket = Charts.bucket(rewards.length, Charts.MAX_POINTS);
            double[] x = positions(rewards.length, bucket);
            Charts.line(reward, "reward", x, Charts.bucketMean(rewards, bucket), new Color(150, 180, 230));
            Charts.line(reward, "moving average (" + WINDOW + " episodes)", x,
                    Charts.bucketMean(movingAverage(rewards, WINDOW), bucket), new Color(0, 70, 200));
            reward.getStyler().setXAxisMin(0.0);
        }
        Charts.writePng(rewardPng, reward);

        XYChart mse = Charts.chart(WIDTH, HEIGHT, "MSE of Q-values against their targets", "iteration", "MSE");
        if (msePerIteration.length > 0) {
            double[] errors = Charts.finite(msePerIteration);
            int bucket = Charts.bucket(errors.length, Charts.MAX_POINTS);
            double[] y = Charts.bucketMean(errors, bucket);
            Charts.line(mse, "MSE", positions(errors.length, bucket), y, new Color(200, 60, 0));
            mse.getStyler().setYAxisLogarithmic(Charts.allPositive(y));
            mse.getStyler().setXAxisMin(0.0);
        }
        Charts.writePng(msePng, mse);
    }

    /** The mean of the last {@code window} values up to each index (fewer at the start), NaN ignored. */
    static double[] movingAverage(double[] values, int window) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            double sum = 0;
            int count = 0;
            for (int j = Math.max(0, i - window + 1); j <= i; j++) {
                if (!Double.isNaN(values[j])) {
                    sum += values[j];
                    count++;
                }
            }
            out[i] = count > 0 ? sum / count : Double.NaN;
        }
        return out;
    }

    /** The mean 1-based index (episode or iteration number) of each bucket. */
    private static double[] positions(int length, int bucket) {
        double[] x = new double[(length + bucket - 1) / bucket];
        for (int b = 0; b < x.length; b++) {
            int first = b * bucket + 1;
            int last = Math.min(length, (b + 1) * bucket);
            x[b] = (first + last) / 2.0;
        }
        return x;
    }
}
