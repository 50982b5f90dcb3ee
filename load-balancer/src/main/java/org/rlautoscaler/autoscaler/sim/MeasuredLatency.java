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
public record MeasuredLatency(List<Point> points, double timeoutSeconds) implements LatencyModel {
    /**
     * @param utilisation share of the CPU capacity in use by requests, 0 to 1
     * @param meanSeconds mean latency measured there, seconds
     * @param p95Seconds  95th percentile latency measured there, seconds
     */
    public record Point(double utilisation, double meanSeconds, double p95Seconds) {}

    public MeasuredLatency {
        points = List.copyOf(points);
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
    }

    @Override
    public double meanSeconds(double utilisation) {
        return interpolate(utilisation, false);
    }

    @Override
    public double p95Seconds(double utilisation) {
        return interpolate(utilisation, true);
    }

    private double interpolate(double u, boolean p95) {
        Point first = points.getFirst();
        if (u <= first.utilisation()) {
            return value(first, p95);
        }
        for (int i = 1; i < points.size(); i++) {
            Point hi = points.get(i);
            if (u <= hi.utilisation()) {
                Point lo = points.get(i - 1);
                return geometric(lo.utilisation(), value(lo, p95), hi.utilisation(), value(hi, p95), u);
            }
        }
        Point last = points.getLast();
        return u >= 1 ? timeoutSeconds : geometric(last.utilisation(), value(last, p95), 1, timeoutSeconds, u);
    }

    private static double value(Point p, boolean p95) {
        return p95 ? p.p95Seconds() : p.meanSeconds();
    }

    private static double geometric(double u0, double v0, double u1, double v1, double u) {
        double t = (u - u0) / (u1 - u0);
        return v0 * Math.pow(v1 / v0, t);
    }

    @Override
    public double highestUtilisation(double sloP95Seconds) {
        Point first = points.getFirst();
        if (first.p95Seconds() > sloP95Seconds) {
            return 0;
        }
        double u0 = first.utilisation();
        double v0 = first.p95Seconds();
        for (int i = 1; i <= points.size(); i++) {
            double u1 = i < points.size() ? points.get(i).utilisation() : 1;
            double v1 = i < points.size() ? points.get(i).p95Seconds() : timeoutSeconds;
            if (v1 > sloP95Seconds) {
                return v1 == v0 ? u0 : u0 + (u1 - u0) * Math.log(sloP95Seconds / v0) / Math.log(v1 / v0);
            }
            u0 = u1;
            v0 = v1;
        }
        return 1;
    }

    @Override
    public LatencyModel scaled(double factor) {
        return new MeasuredLatency(points.stream()
                .map(p -> new Point(p.utilisation(), p.meanSeconds() * factor, p.p95Seconds() * factor)).toList(),
                Math.max(timeoutSeconds, points.getLast().p95Seconds() * factor));
    }
}
