package org.rlautoscaler.autoscaler.plots;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.rlautoscaler.autoscaler.catalog.AgentKind;
import org.rlautoscaler.autoscaler.metrics.Interval;
import org.rlautoscaler.autoscaler.metrics.Result;

/**
 * {@code comparison.png}: every policy in one figure, SLO violations against replica-hours, one
 * point per policy at its mean over the seeds with its 95 % interval on both axes (Student's t;
 * none with one seed). Lower and further left is better; the oracle, which knows the load to
 * come, is drawn as a diamond: what no policy can do much better than.
 */
public final class ComparisonPlot {
    private static final Color[] PALETTE = {new Color(0x0b63c4), new Color(0xc62828), new Color(0x1a7f37),
            new Color(0x8a3ffc), new Color(0xe67e00), new Color(0x00838f), new Color(0x6d4c41), new Color(0x5b636e)};

    /**
     * One policy's point.
     *
     * @param policy       its name
     * @param seeds        runs averaged
     * @param replicaHours mean replica-hours
     * @param hoursHalf    half-width of their 95 % interval (0 with one seed)
     * @param sloPct       mean share of periods above the objective, percent
     * @param sloHalf      half-width of its 95 % interval (0 with one seed)
     */
    public record Point(String policy, int seeds, double replicaHours, double hoursHalf, double sloPct, double sloHalf) {}

    private ComparisonPlot() {}

    /** The points, in the order the policies first appear in {@code results}. */
    public static List<Point> points(List<Result> results) {
        Map<String, List<Result>> byPolicy = new LinkedHashMap<>();
        results.forEach(r -> byPolicy.computeIfAbsent(r.policy(), k -> new ArrayList<>()).add(r));
        List<Point> points = new ArrayList<>();
        byPolicy.forEach((policy, runs) -> {
            Interval hours = Interval.of(runs.stream().mapToDouble(r -> r.replicaSeconds() / 3600).toArray());
            Interval slo = Interval.of(runs.stream().mapToDouble(Result::sloViolationPct).toArray());
            points.add(new Point(policy, runs.size(), hours.mean(), half(hours), slo.mean(), half(slo)));
        });
        return points;
    }

    /**
     * Each point's name beside it, so that the figure reads without the legend; policies at the
     * same point (hpa-tuned often tunes to hpa's target) share one label.
     */
    private static void labels(XYChart chart, List<Point> points) {
        double top = points.stream().mapToDouble(p -> p.sloPct() + p.sloHalf()).max().orElse(1);
        double lift = Math.max(top, 0.1) * 0.035;
        Map<String, List<Point>> same = new LinkedHashMap<>();
        for (Point p : points) {
            String at = String.format(java.util.Locale.ROOT, "%.3g|%.3g", p.replicaHours(), p.sloPct());
            same.computeIfAbsent(at, k -> new ArrayList<>()).add(p);
        }
        same.values().forEach(group -> chart.addAnnotation(new AnnotationText(
                String.join(", ", group.stream().map(Point::policy).toList()),
                group.get(0).replicaHours(), group.get(0).sloPct() + lift, false)));
    }

    private static double half(Interval interval) {
        return Double.isNaN(interval.halfWidth()) ? 0 : interval.halfWidth();
    }

    /** Draws the points of {@code results} to {@code png}. */
    public static void write(List<Result> results, Path png) throws IOException {
        List<Point> points = points(results);
        int seeds = points.stream().mapToInt(Point::seeds).max().orElse(0);
        XYChart chart = Charts.chart(1100, 700, "Every policy on the same load: SLO violations against cost (mean"
                        + (seeds > 1 ? " and 95 % interval over " + seeds + " seeds)" : ", one seed)"),
                "replica-hours (lower is cheaper)", "SLO violations: % of periods with p95 above the objective");
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setMarkerSize(11);
        chart.getStyler().setErrorBarsColorSeriesColor(true);
        chart.getStyler().setYAxisMin(0.0);
        for (int i = 0; i < points.size(); i++) {
            Point p = points.get(i);
            Color color = PALETTE[i % PALETTE.length];
            boolean oracle = AgentKind.find(p.policy()).map(AgentKind::knowsFuture).orElse(false);
            XYSeries point = chart.addSeries(oracle ? "oracle (knows the load to come)" : p.policy(),
                    new double[] {p.replicaHours()}, new double[] {p.sloPct()}, new double[] {p.sloHalf()});
            point.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            point.setMarker(oracle ? SeriesMarkers.DIAMOND : SeriesMarkers.CIRCLE);
            point.setMarkerColor(color);
            if (p.hoursHalf() > 0) {
                XYSeries across = chart.addSeries(p.policy() + " replica-hours interval",
                        new double[] {p.replicaHours() - p.hoursHalf(), p.replicaHours() + p.hoursHalf()},
                        new double[] {p.sloPct(), p.sloPct()});
                across.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
                across.setMarker(SeriesMarkers.NONE);
                across.setLineColor(color);
                across.setLineStyle(new BasicStroke(1.5f));
                across.setShowInLegend(false);
            }
        }
        labels(chart, points);
        BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    }
}
