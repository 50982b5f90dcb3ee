package org.rlautoscaler.autoscaler.sim;

import java.util.List;

/**
 * Latency as it was measured: mean and p95 at a few utilisations, interpolated in between on a
 * log scale (latency grows geometrically as a queue fills, so the midpoint of 10 ms and 40 ms is
 * 20 ms), flat below the first point, and rising the same way from the last point to
 * {@code timeoutSeconds} at utilisation 1, where the queue never drains.
 *
 * @param points         measured points, utilisation strictly increasing, latencies not decreasing
 * @param timeoutSeconds longest latency, in seconds
 */
public final class MeasuredLatency implements LatencyModel {
    /**
     * @param utilisation share of the CPU capacity in use by requests, 0 to 1
     * @param meanSeconds mean latency measured there, seconds
     * @param p95Seconds  95th percentile latency measured there, seconds
     */
    public record Point(double utilisation, double meanSeconds, double p95Seconds) {}

    private final List<Point> points;
    private final double timeoutSeconds;
    // The curve as the simulator reads it every period: utilisations, and log latencies, with
    // the point (1, timeout) at the end.
    private final double[] utilisations;
    private final double[] logMeans;
    private final double[] logP95s;

    /**
     * @param points         measured points, utilisation strictly increasing, latencies not decreasing
     * @param timeoutSeconds longest latency, in seconds
     */
    public MeasuredLatency(List<Point> points, double timeoutSeconds) {
        this.points = List.copyOf(points);
        this.timeoutSeconds = timeoutSeconds;
        if (points.isEmpty()) {
            throw new IllegalArgumentException("a measured latency curve needs at least one point");
        }
        for (int i = 0; i < points.size(); i++) {
            Point p = points.get(i);
            if (!(p.utilisation() >= 0 && p.utilisation() < 1) || !(p.meanSeconds() > 0) || !(p.p95Seconds() > 0)) {
                throw new IllegalArgumentException("point " + (i + 1) + " " + p
                        + ": accepted: utilisation from 0 to below 1, latencies above 0");
            }
            if (i > 0 && (p.utilisation() <= points.get(i - 1).utilisation()
                    || p.meanSeconds() < points.get(i - 1).meanSeconds() || p.p95Seconds() < points.get(i - 1).p95Seconds())) {
                throw new IllegalArgumentException("point " + (i + 1) + " " + p + " after " + points.get(i - 1)
                        + ": accepted: utilisation increasing, latencies not decreasing");
            }
        }
        if (!(timeoutSeconds >= points.getLast().p95Seconds())) {
            throw new IllegalArgumentException("timeout " + timeoutSeconds + " s is below the highest measured p95 "
                    + points.getLast().p95Seconds() + " s");
        }
        int n = points.size();
        utilisations = new double[n + 1];
        logMeans = new double[n + 1];
        logP95s = new double[n + 1];
        for (int i = 0; i < n; i++) {
            utilisations[i] = points.get(i).utilisation();
            logMeans[i] = Math.log(points.get(i).meanSeconds());
            logP95s[i] = Math.log(points.get(i).p95Seconds());
        }
        utilisations[n] = 1;
        logMeans[n] = Math.log(Math.max(timeoutSeconds, points.getLast().meanSeconds()));
        logP95s[n] = Math.log(timeoutSeconds);
    }

    public List<Point> points() {
        return points;
    }

    public double timeoutSeconds() {
        return timeoutSeconds;
    }

    @Override
    public double meanSeconds(double utilisation) {
        return interpolate(utilisation, logMeans);
    }

    @Override
    public double p95Seconds(double utilisation) {
        return interpolate(utilisation, logP95s);
    }

    private double interpolate(double u, double[] logs) {
        if (u <= utilisations[0]) {
            return Math.exp(logs[0]);
        }
        if (u >= 1) {
            return Math.exp(logs[logs.length - 1]);
        }
        int i = 1;
        while (u > utilisations[i]) {
            i++;
        }
        double t = (u - utilisations[i - 1]) / (utilisations[i] - utilisations[i - 1]);
        return Math.exp(logs[i - 1] + t * (logs[i] - logs[i - 1]));
    }

    @Override
    public double highestUtilisation(double sloP95Seconds) {
        double slo = Math.log(sloP95Seconds);
        if (logP95s[0] > slo) {
            return 0;
        }
        for (int i = 1; i < utilisations.length; i++) {
            if (logP95s[i] > slo) {
                return logP95s[i] == logP95s[i - 1] ? utilisations[i - 1] : utilisations[i - 1]
                        + (utilisations[i] - utilisations[i - 1]) * (slo - logP95s[i - 1]) / (logP95s[i] - logP95s[i - 1]);
            }
        }
        return 1;
    }

    @Override
    public LatencyModel scaled(double factor) {
        return new MeasuredLatency(points.stream()
                .map(p -> new Point(p.utilisation(), p.meanSeconds() * factor, p.p95Seconds() * factor)).toList(),
                Math.max(timeoutSeconds, points.getLast().p95Seconds() * factor));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MeasuredLatency m && m.points.equals(points) && m.timeoutSeconds == timeoutSeconds;
    }

    @Override
    public int hashCode() {
        return 31 * points.hashCode() + Double.hashCode(timeoutSeconds);
    }

    @Override
    public String toString() {
        return "MeasuredLatency[points=" + points + ", timeoutSeconds=" + timeoutSeconds + "]";
    }
}
