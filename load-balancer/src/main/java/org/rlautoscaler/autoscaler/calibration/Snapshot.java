package org.rlautoscaler.autoscaler.calibration;

import java.util.Map;
import java.util.TreeMap;

/**
 * The service's counters at one moment: its CPU time and its latency histogram for one path.
 *
 * @param nanos      when it was read ({@code System.nanoTime()})
 * @param cpuSeconds {@code process_cpu_seconds_total}, summed over replicas
 * @param count      requests answered on the path
 * @param sum        their total latency, seconds
 * @param buckets    cumulative request counts by upper bound, seconds
 */
record Snapshot(long nanos, double cpuSeconds, double count, double sum, TreeMap<Double, Double> buckets) {
    static final String CPU = "process_cpu_seconds_total";
    static final String LATENCY = "http_server_request_duration_seconds";

    static Snapshot of(long nanos, Exposition exposition, String path) {
        Map<String, String> match = Map.of("path", path);
        return new Snapshot(nanos, exposition.sum(CPU, Map.of()), orZero(exposition.sum(LATENCY + "_count", match)),
                orZero(exposition.sum(LATENCY + "_sum", match)), exposition.buckets(LATENCY, match));
    }

    /** This snapshot and {@code other} (another replica's) added up. */
    Snapshot plus(Snapshot other) {
        TreeMap<Double, Double> merged = new TreeMap<>(buckets);
        other.buckets.forEach((bound, count) -> merged.merge(bound, count, Double::sum));
        return new Snapshot(nanos, cpuSeconds + other.cpuSeconds, count + other.count, sum + other.sum, merged);
    }

    private static double orZero(double value) {
        return Double.isNaN(value) ? 0 : value;
    }

    /**
     * What happened between {@code earlier} and this snapshot: requests answered a second, CPU
     * cores used, and the mean and 95th percentile latency (the percentile interpolated within
     * its bucket, as PromQL's {@code histogram_quantile} does).
     */
    Window since(Snapshot earlier) {
        double seconds = (nanos - earlier.nanos) / 1e9;
        double requests = count - earlier.count;
        double cores = (cpuSeconds - earlier.cpuSeconds) / seconds;
        double mean = requests > 0 ? (sum - earlier.sum) / requests : Double.NaN;
        return new Window(seconds, requests / seconds, cores, mean, quantile(0.95, earlier));
    }

    private double quantile(double q, Snapshot earlier) {
        double total = 0;
        for (Map.Entry<Double, Double> e : buckets.entrySet()) {
            if (Double.isInfinite(e.getKey())) {
                total = e.getValue() - earlier.buckets.getOrDefault(e.getKey(), 0.0);
            }
        }
        if (!(total > 0)) {
            return Double.NaN;
        }
        double rank = q * total;
        double lowerBound = 0;
        double lowerCount = 0;
        for (Map.Entry<Double, Double> e : buckets.entrySet()) {
            double cumulative = e.getValue() - earlier.buckets.getOrDefault(e.getKey(), 0.0);
            if (cumulative >= rank) {
                if (Double.isInfinite(e.getKey())) {
                    return lowerBound; // beyond the highest bound: the highest bound, as PromQL says
                }
                double inBucket = cumulative - lowerCount;
                return inBucket > 0 ? lowerBound + (e.getKey() - lowerBound) * (rank - lowerCount) / inBucket : e.getKey();
            }
            lowerBound = e.getKey();
            lowerCount = cumulative;
        }
        return lowerBound;
    }

    /**
     * @param seconds     length, seconds
     * @param servedRate  requests answered a second
     * @param cpuCores    CPU used, cores
     * @param meanSeconds mean latency, seconds (NaN with no request)
     * @param p95Seconds  95th percentile latency, seconds (NaN with no request)
     */
    record Window(double seconds, double servedRate, double cpuCores, double meanSeconds, double p95Seconds) {}
}
