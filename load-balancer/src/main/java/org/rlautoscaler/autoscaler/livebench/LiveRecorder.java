package org.rlautoscaler.autoscaler.livebench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.rlautoscaler.autoscaler.prometheus.PrometheusClient;
import org.rlautoscaler.autoscaler.prometheus.QueryResult;

/**
 * Reads a live replay back from the stack's Prometheus, one control period after another: each
 * query is evaluated at the period's end over a window of one period. The queries are those of
 * the stack's scrape jobs ({@code application}, {@code simulate-users}, {@code load-balancer}) and
 * of the replayed path.
 */
public final class LiveRecorder {
    private final PrometheusClient prometheus;
    private final String path;

    /** Reads from {@code prometheus}, the application's route {@code path} (the one the load asks for, /test). */
    public LiveRecorder(PrometheusClient prometheus, String path) {
        this.prometheus = prometheus;
        this.path = path;
    }

    /** When the load generator's profile started (its second 0), read at {@code at}; NaN when unknown. */
    public double replayStart(Instant at) {
        return value(prometheus.query("max(max_over_time(simulate_users_start_time_seconds{job=\"simulate-users\"}[1d]))", at), Double.NaN);
    }

    /** The readings of {@code periods} periods of {@code periodSeconds} from {@code startUnixSeconds}. */
    public List<LivePeriod> read(double startUnixSeconds, int periods, double periodSeconds) {
        String w = "[" + Replay.number(periodSeconds) + "s]";
        String app = "job=\"application\",path=\"" + path + "\"";
        // The load generator's own count of requests sent, at each end of the period: a scrape missed
        // under load moves requests into the next period but loses none, where a rate over the
        // period needs two samples inside it and gives nothing.
        String sent = "sum(last_over_time(simulate_users_sent_total{job=\"simulate-users\"}[1m]))";
        String served = "sum(rate(http_server_requests_total{" + app + "}" + w + "))";
        String errors = "sum(rate(simulate_users_errors_total{job=\"simulate-users\"}" + w + "))";
        String desired = "max(last_over_time(autoscaler_desired_replicas{job=\"load-balancer\"}" + w + "))";
        String running = "count(up{job=\"application\"})";
        String serving = "count(sum by (instance) (rate(http_server_requests_total{" + app + "}" + w + ")) > 0)";
        String p95 = "histogram_quantile(0.95, sum by (le) (rate(http_server_request_duration_seconds_bucket{" + app + "}"
                + w + ")))";
        List<LivePeriod> readings = new ArrayList<>(periods);
        for (int p = 0; p < periods; p++) {
            double end = (p + 1) * periodSeconds;
            Instant at = Instant.ofEpochMilli(Math.round((startUnixSeconds + end) * 1000));
            Instant from = Instant.ofEpochMilli(Math.round((startUnixSeconds + end - periodSeconds) * 1000));
            double sentBefore = value(prometheus.query(sent, from), 0);
            double sentAfter = value(prometheus.query(sent, at), 0);
            double offeredRps = sentAfter >= sentBefore ? (sentAfter - sentBefore) / periodSeconds : Double.NaN;
            double errorRps = value(prometheus.query(errors, at), 0);
            readings.add(new LivePeriod(p, end, offeredRps, value(prometheus.query(served, at), Double.NaN),
                    count(prometheus.query(desired, at), -1), count(prometheus.query(running, at), 0),
                    count(prometheus.query(serving, at), 0), value(prometheus.query(p95, at), Double.NaN) * 1000,
                    offeredRps > 0 ? 100 * Math.min(1, errorRps / offeredRps) : errorRps > 0 ? 100 : 0));
        }
        return readings;
    }

    /** The value, {@code empty} when no series matched (a count of nothing, a counter never incremented). */
    private static double value(QueryResult result, double empty) {
        return switch (result) {
            case QueryResult.Value v -> v.value();
            case QueryResult.Missing m when m.kind() == QueryResult.Missing.Kind.empty -> empty;
            case QueryResult.Missing m when m.kind() == QueryResult.Missing.Kind.nan -> Double.NaN;
            case QueryResult.Missing m -> throw new IllegalStateException(String.format(Locale.ROOT,
                    "Prometheus gave no reading (%s): %s", m.kind(), m.reason()));
        };
    }

    private static int count(QueryResult result, int empty) {
        double v = value(result, empty);
        return Double.isFinite(v) ? (int) Math.round(v) : empty;
    }
}
