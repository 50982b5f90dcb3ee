package org.rlautoscaler.users;

import java.util.Locale;
import org.HdrHistogram.Histogram;
import org.rlautoscaler.users.load.LoadStats;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The periodic log line (achieved and target rate, latency percentiles, errors) and the summary. */
final class Reporter {
    private static final Logger log = LoggerFactory.getLogger(Reporter.class);

    private final LoadStats stats;
    private final SimulationConfig config;
    private final Histogram total = new Histogram(1, 600_000_000L, 3);
    private double lastSeconds;
    private long totalErrors;

    Reporter(LoadStats stats, SimulationConfig config) {
        this.stats = stats;
        this.config = config;
    }

    void report(double seconds, int users) {
        LoadStats.Interval interval = stats.takeInterval();
        total.add(interval.latencyMicros());
        totalErrors += interval.errors();
        double span = seconds - lastSeconds;
        lastSeconds = seconds;
        Histogram h = interval.latencyMicros();
        log.info(String.format(Locale.ROOT,
                "t=%.0fs users=%d rate=%.1f/s target=%.1f/s p50=%s p95=%s p99=%s errors=%d (%.2f%%)",
                seconds, users, interval.requests() / span, config.targetRate(users),
                millis(h, 50), millis(h, 95), millis(h, 99), interval.errors(),
                interval.requests() == 0 ? 0 : 100.0 * interval.errors() / interval.requests()));
    }

    Report summary(double seconds) {
        LoadStats.Interval rest = stats.takeInterval();
        total.add(rest.latencyMicros());
        totalErrors += rest.errors();
        return new Report(seconds, stats.totalRequests(), totalErrors, stats.errorsByKind(),
                total.getValueAtPercentile(50) / 1000.0, total.getValueAtPercentile(95) / 1000.0,
                total.getValueAtPercentile(99) / 1000.0, total.getMaxValue() / 1000.0,
                (long) stats.restartsTotal());
    }

    private static String millis(Histogram h, double percentile) {
        return h.getTotalCount() == 0 ? "-" : String.format(Locale.ROOT, "%.1fms", h.getValueAtPercentile(percentile) / 1000.0);
    }
}
