package org.rlautoscaler.autoscaler.plots;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.rlautoscaler.autoscaler.metrics.Run;

/**
 * The plots of a live replay: per policy, live against the simulated cluster's prediction
 * (load, replicas, p95), and one that compares the policies (replicas over time, and SLO
 * violations against replica-minutes, live and predicted).
 */
public final class LivePlots {
    private static final int WIDTH = 1200;
    private static final int HEIGHT = 380;
    private static final BasicStroke DASHED = new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
            new float[] {8f, 5f}, 0f);
    private static final Color[] POLICY_COLORS = {new Color(0, 70, 200), new Color(220, 60, 0), new Color(0, 150, 0),
        new Color(150, 0, 160), new Color(120, 90, 0), Color.DARK_GRAY};

    private LivePlots() {}

    /**
     * One policy's live run and its prediction, as three panels over the run's minutes.
     *
     * @param live      readings a period: offered req/s, desired, running, serving, p95 ms
     * @param predicted the simulated cluster's run on the same load
     */
    public static void write(String policy, double periodSeconds, double sloP95Ms, double[] offered, int[] desired,
                             int[] running, double[] p95Ms, Run predicted, Path png) throws IOException {
        double[] minutes = minutes(offered.length, periodSeconds);
        XYChart load = Charts.chart(WIDTH, HEIGHT, policy + ": offered load", "time (min)", "req/s");
        Charts.step(load, "live (sent by the load generator)", minutes, Charts.holdLast(offered), new Color(0, 70, 200));
        dashed(Charts.step(load, "predicted (the replayed trace)", minutes, Charts.holdLast(predicted.arrivalRate()), Color.GRAY));

        XYChart replicas = Charts.chart(WIDTH, HEIGHT, policy + ": replicas", "time (min)", "replicas");
        Charts.step(replicas, "needed (at the live load)", minutes, Charts.holdLast(Charts.doubles(predicted.demand())),
                new Color(0, 150, 0));
        Charts.step(replicas, "live: asked for", minutes, Charts.holdLast(Charts.doubles(desired)), new Color(230, 140, 0));
        Charts.step(replicas, "live: running", minutes, Charts.holdLast(Charts.doubles(running)), new Color(0, 70, 200));
        dashed(Charts.step(replicas, "predicted: running", minutes, Charts.holdLast(Charts.doubles(predicted.supply())),
                Color.DARK_GRAY));

        XYChart latency = Charts.chart(WIDTH, HEIGHT, policy + ": p95 latency (log scale)", "time (min)", "p95 (ms)");
        Charts.step(latency, "live (the application's histograms)", minutes, Charts.holdLast(positive(p95Ms)), new Color(0, 70, 200));
        dashed(Charts.step(latency, "predicted", minutes, Charts.holdLast(positive(predicted.p95LatencyMs())), Color.DARK_GRAY));
        double[] slo = new double[minutes.length];
        Arrays.fill(slo, sloP95Ms);
        Charts.line(latency, "objective " + number(sloP95Ms) + " ms", minutes, slo, Color.RED);
        latency.getStyler().setYAxisLogarithmic(true);
        Charts.writePng(png, load, replicas, latency);
    }

    /** A policy's line in the comparison: its running replicas and its scores. */
    public record Compared(String policy, int[] running, double liveSloPct, double liveReplicaMinutes,
                           double predictedSloPct, double predictedReplicaMinutes) {}

    /** The policies side by side: running replicas over time, then SLO violations against replica-minutes. */
    public static void comparison(List<Compared> policies, double periodSeconds, Path png) throws IOException {
        XYChart over = Charts.chart(WIDTH, HEIGHT, "Replicas running, live", "time (min)", "replicas");
        XYChart cost = Charts.chart(WIDTH, HEIGHT * 3 / 2, "SLO violations against cost (circle: live, diamond: predicted)",
                "replica-minutes", "periods above the objective (%)");
        for (int i = 0; i < policies.size(); i++) {
            Compared c = policies.get(i);
            Color color = POLICY_COLORS[i % POLICY_COLORS.length];
            Charts.step(over, c.policy(), minutes(c.running().length, periodSeconds), Charts.holdLast(Charts.doubles(c.running())),
                    color);
            XYSeries live = cost.addSeries(c.policy() + " live", new double[] {c.liveReplicaMinutes()},
                    new double[] {c.liveSloPct()});
            live.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            live.setMarker(SeriesMarkers.CIRCLE);
            live.setMarkerColor(color);
            XYSeries predicted = cost.addSeries(c.policy() + " predicted", new double[] {c.predictedReplicaMinutes()},
                    new double[] {c.predictedSloPct()});
            predicted.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            predicted.setMarker(SeriesMarkers.DIAMOND);
            predicted.setMarkerColor(color.brighter());
        }
        cost.getStyler().setMarkerSize(12);
        cost.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideE);
        Charts.writePng(png, over, cost);
    }

    private static String number(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    private static XYSeries dashed(XYSeries series) {
        series.setLineStyle(DASHED);
        return series;
    }

    /** Minutes at the start of each period, and the end of the run as a last point. */
    private static double[] minutes(int periods, double periodSeconds) {
        double[] minutes = new double[periods + 1];
        for (int p = 0; p <= periods; p++) {
            minutes[p] = p * periodSeconds / 60;
        }
        return minutes;
    }

    /** Latencies with the unreadable ones (NaN, 0) as gaps: a log axis cannot draw 0. */
    private static double[] positive(double[] values) {
        double[] out = values.clone();
        for (int i = 0; i < out.length; i++) {
            if (!(out[i] > 0)) {
                out[i] = Double.NaN;
            }
        }
        return out;
    }
}
