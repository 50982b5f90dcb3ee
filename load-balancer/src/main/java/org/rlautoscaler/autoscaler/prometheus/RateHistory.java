package org.rlautoscaler.autoscaler.prometheus;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

/**
 * A service's request rate of the last days, read from Prometheus at one point a period, so that
 * a forecasting agent that starts (a restart, a new autoscaler) does not begin blind. Read in
 * parts of at most {@value #POINTS_PER_QUERY} points, as Prometheus answers at most 11,000 a
 * query; a part that fails ends the reading with what was read.
 *
 * @param rates   one rate a period, oldest first, the last at the end asked for; NaN where
 *                Prometheus had no point
 * @param found   the points found
 * @param problem why the reading stopped early, or empty
 */
public record RateHistory(double[] rates, int found, String problem) {
    static final int POINTS_PER_QUERY = 10_000;

    /** The rates of the {@code periods} periods up to {@code end}, {@code period} apart, by {@code promql}. */
    public static RateHistory read(PrometheusClient prometheus, String promql, Instant end, Duration period, int periods) {
        double[] rates = new double[periods];
        Arrays.fill(rates, Double.NaN);
        double step = period.toMillis() / 1000.0;
        Instant first = end.minusMillis(period.toMillis() * (periods - 1L));
        int found = 0;
        for (int from = 0; from < periods; from += POINTS_PER_QUERY) {
            int to = Math.min(periods, from + POINTS_PER_QUERY) - 1;
            Instant start = first.plusMillis(period.toMillis() * from);
            RangeResult answer = prometheus.queryRange(promql, start, first.plusMillis(period.toMillis() * to), period);
            if (answer instanceof RangeResult.Failed failed) {
                return new RateHistory(rates, found, failed.missing().kind() + ": " + failed.missing().reason());
            }
            RangeResult.Points points = (RangeResult.Points) answer;
            double startSeconds = start.toEpochMilli() / 1000.0;
            for (int i = 0; i < points.values().length; i++) {
                int index = from + (int) Math.round((points.epochSeconds()[i] - startSeconds) / step);
                if (index >= from && index <= to && Double.isNaN(rates[index])) {
                    rates[index] = points.values()[i];
                    found++;
                }
            }
        }
        return new RateHistory(rates, found, "");
    }
}
