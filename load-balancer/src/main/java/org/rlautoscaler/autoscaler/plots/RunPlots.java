package org.rlautoscaler.autoscaler.plots;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.Styler;
import org.rlautoscaler.autoscaler.metrics.Run;

/**
 * A picture of one run, 1200 × 900 pixels: on top the load (arrival rate, right axis) with the
 * replicas running, desired and demanded (left axis); below, the p95 latency against the
 * objective. Runs longer than {@value Charts#MAX_POINTS} steps are drawn in buckets of
 * consecutive steps: the maximum of the replica counts and of the p95 latency of each bucket
 * (peaks stay visible), the mean of its load.
 */
public final class RunPlots {
    static final int WIDTH = 1200;
    static final int HEIGHT = 450;
    /** Above this ratio of the largest to the smallest p95 latency, the latency axis is logarithmic. */
    private static final double WIDE_RANGE = 50;

    private RunPlots() {
    }

    /**
     * Draws the run and writes it as a PNG file (directories created as needed).
     *
     * @throws IOException if the file cannot be written
     */
    public static void write(Run run, Path png) throws IOException {
        int n = run.steps();
        int bucket = Charts.bucket(n, Charts.MAX_POINTS);
        double[] hours = hours(n, bucket, run.stepSeconds());
        String title = run.policy() + ", seed " + run.seed() + " (one run; results.csv has every seed)";

        XYChart top = Charts.chart(WIDTH, HEIGHT, title + ": load and replicas", "time (h)", "replicas");
        XYChart bottom = Charts.chart(WIDTH, HEIGHT, title + ": p95 latency", "time (h)", "p95 latency (ms)");
        if (n > 0) {
            double[] load = Charts.holdLast(Charts.bucketMean(Charts.finite(run.arrivalRate()), bucket));
            Charts.line(top, "load (req/s, right axis)", hours, load, Color.LIGHT_GRAY).setYAxisGroup(1);
            top.setYAxisGroupTitle(1, "arrival rate (req/s)");
            top.getStyler().setYAxisGroupPosition(1, Styler.YAxisPosition.Right);
            Charts.step(top, "demand (needed)", hours, replicas(run.demand(), bucket), new Color(0, 150, 0));
            // Supply follows desired after a replica's start-up: drawn wide below, desired dashed on top.
            Charts.step(top, "supply (running)", hours, replicas(run.supply(), bucket), new Color(0, 70, 200))
                    .setLineStyle(new BasicStroke(3.5f));
            Charts.step(top, "desired (asked for)", hours, replicas(run.desired(), bucket), new Color(230, 140, 0))
                    .setLineStyle(new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {8f, 5f}, 0f));

            double[] p95 = Charts.holdLast(Charts.bucketMax(Charts.finite(run.p95LatencyMs()), bucket));
            // The simulated service times a request out at the model's timeout: p95 never exceeds it.
            String p95Name = (bucket == 1 ? "p95 latency" : "p95 latency (max per " + seconds(bucket * run.stepSeconds())
                    + " s)") + ", at most the timeout";
            Charts.step(bottom, p95Name, hours, p95, new Color(0, 70, 200));
            double[] slo = new double[hours.length];
            Arrays.fill(slo, run.sloP95Ms());
            Charts.line(bottom, "SLO " + seconds(run.sloP95Ms()) + " ms", hours, slo, Color.RED);
            bottom.getStyler().setYAxisLogarithmic(wideRange(p95, run.sloP95Ms()));
        }
        Charts.writePng(png, top, bottom);
    }

    /**
     * The start of each bucket in hours, and the end of the run as a last point, so that step
     * lines show the last bucket for its whole length.
     */
    private static double[] hours(int steps, int bucket, double stepSeconds) {
        int points = (steps + bucket - 1) / bucket;
        double[] hours = new double[points + 1];
        for (int b = 0; b < points; b++) {
            hours[b] = b * bucket * stepSeconds / 3600;
        }
        hours[points] = steps * stepSeconds / 3600;
        return hours;
    }

    private static double[] replicas(int[] counts, int bucket) {
        return Charts.holdLast(Charts.bucketMax(Charts.doubles(counts), bucket));
    }

    private static boolean wideRange(double[] p95, double slo) {
        if (!Charts.allPositive(p95) || !(slo > 0) || Double.isInfinite(slo)) {
            return false;
        }
        double min = slo;
        double max = slo;
        for (double v : p95) {
            if (!Double.isNaN(v)) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        return max / min > WIDE_RANGE;
    }

    /** A duration or latency without a useless ".0". */
    private static String seconds(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
    }
}
