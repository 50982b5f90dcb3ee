package org.rlautoscaler.autoscaler.livebench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.rlautoscaler.autoscaler.prometheus.PrometheusClient;
import org.rlautoscaler.autoscaler.prometheus.QueryResult;
import org.rlautoscaler.autoscaler.prometheus.ReplayQueries;

/**
 * Reads a live replay back from the stack's Prometheus, one control period after another, with
 * the {@link ReplayQueries}.
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
        return value(prometheus.query(ReplayQueries.of(path, "1m").start(), at), Double.NaN);
    }

    /** The readings of {@code periods} periods of {@code periodSeconds} from {@code startUnixSeconds}. */
    public List<LivePeriod> read(double startUnixSeconds, int periods, double periodSeconds) {
        ReplayQueries q = ReplayQueries.of(path, Replay.number(periodSeconds) + "s");
        List<LivePeriod> readings = new ArrayList<>(periods);
        for (int p = 0; p < periods; p++) {
            double end = (p + 1) * periodSeconds;
            Instant at = Instant.ofEpochMilli(Math.round((startUnixSeconds + end) * 1000));
            Instant from = Instant.ofEpochMilli(Math.round((startUnixSeconds + end - periodSeconds) * 1000));
            double sentBefore = value(prometheus.query(q.sent(), from), 0);
            double sentAfter = value(prometheus.query(q.sent(), at), 0);
            double offeredRps = sentAfter >= sentBefore ? (sentAfter - sentBefore) / periodSeconds : Double.NaN;
            double errorRps = value(prometheus.query(q.errors(), at), 0);
            readings.add(new LivePeriod(p, end, offeredRps, value(prometheus.query(q.served(), at), Double.NaN),
                    count(prometheus.query(q.desired(), at), -1), count(prometheus.query(q.running(), at), 0),
                    count(prometheus.query(q.serving(), at), 0), value(prometheus.query(q.p95(), at), Double.NaN) * 1000,
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
