package org.rlautoscaler.autoscaler.plots;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** What the plots share: headless drawing, chart style, downsampling, writing PNG files. */
final class Charts {
    /** At most this many points per series are drawn; longer series are downsampled in buckets. */
    static final int MAX_POINTS = 2_000;

    private Charts() {
    }

    /** Makes AWT headless unless the property was already set: plots are drawn on servers. */
    static void headless() {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    /** An XY chart of the given size in pixels, without markers, legend inside top left. */
    static XYChart chart(int width, int height, String title, String xTitle, String yTitle) {
        headless();
        XYChart chart = new XYChartBuilder().width(width).height(height).title(title)
                .xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        chart.getStyler().setMarkerSize(0);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotGridLinesVisible(true);
        chart.getStyler().setXAxisDecimalPattern("#,##0.###");
        return chart;
    }

    /** Adds a line series without markers. */
    static XYSeries line(XYChart chart, String name, double[] x, double[] y, Color color) {
        XYSeries series = chart.addSeries(name, x, y);
        series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        series.setMarker(SeriesMarkers.NONE);
        series.setLineColor(color);
        return series;
    }

    /** Adds a step series (the value holds until the next point) without markers. */
    static XYSeries step(XYChart chart, String name, double[] x, double[] y, Color color) {
        XYSeries series = line(chart, name, x, y, color);
        series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Step);
        return series;
    }

    /** How many consecutive values go into one drawn point so that at most max points remain. */
    static int bucket(int length, int max) {
        return Math.max(1, (length + max - 1) / max);
    }

    /** The largest value of each bucket of {@code size} values, NaN ignored (NaN if all are). */
    static double[] bucketMax(double[] values, int size) {
        double[] out = new double[(values.length + size - 1) / size];
        for (int b = 0; b < out.length; b++) {
            double max = Double.NaN;
            for (int i = b * size; i < Math.min(values.length, (b + 1) * size); i++) {
                if (!Double.isNaN(values[i]) && (Double.isNaN(max) || values[i] > max)) {
                    max = values[i];
                }
            }
            out[b] = max;
        }
        return out;
    }

    /** The mean of each bucket of {@code size} values, NaN ignored (NaN if all are). */
    static double[] bucketMean(double[] values, int size) {
        double[] out = new double[(values.length + size - 1) / size];
        for (int b = 0; b < out.length; b++) {
            double sum = 0;
            int count = 0;
            for (int i = b * size; i < Math.min(values.length, (b + 1) * size); i++) {
                if (!Double.isNaN(values[i])) {
                    sum += values[i];
                    count++;
                }
            }
            out[b] = count > 0 ? sum / count : Double.NaN;
        }
        return out;
    }

    /** The values as doubles. */
    static double[] doubles(int[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }

    /** Infinite values become NaN, which XChart leaves out, so that they cannot break the axes. */
    static double[] finite(double[] values) {
        double[] out = values.clone();
        for (int i = 0; i < out.length; i++) {
            if (Double.isInfinite(out[i])) {
                out[i] = Double.NaN;
            }
        }
        return out;
    }

    /** Whether a logarithmic axis can show the values: all finite ones positive, and at least one. */
    static boolean allPositive(double[] values) {
        boolean any = false;
        for (double v : values) {
            if (Double.isNaN(v)) {
                continue;
            }
            if (!(v > 0)) {
                return false;
            }
            any = true;
        }
        return any;
    }

    /**
     * The values with the last repeated (NaN when there is none), to pair with x values that end
     * with the end of the run, so that step lines show the last step for its whole length.
     */
    static double[] holdLast(double[] values) {
        double[] out = Arrays.copyOf(values, values.length + 1);
        out[values.length] = values.length > 0 ? values[values.length - 1] : Double.NaN;
        return out;
    }

    /** Renders the charts one under the other into one image and writes it as a PNG file. */
    static void writePng(Path png, XYChart... charts) throws IOException {
        BufferedImage[] parts = new BufferedImage[charts.length];
        int width = 0;
        int height = 0;
        for (int i = 0; i < charts.length; i++) {
            parts[i] = BitmapEncoder.getBufferedImage(charts[i]);
            width = Math.max(width, parts[i].getWidth());
            height += parts[i].getHeight();
        }
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            int y = 0;
            for (BufferedImage part : parts) {
                g.drawImage(part, 0, y, null);
                y += part.getHeight();
            }
        } finally {
            g.dispose();
        }
        Path parent = png.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        if (!ImageIO.write(image, "png", png.toFile())) {
            throw new IOException("no PNG writer available to write " + png);
        }
    }
}
