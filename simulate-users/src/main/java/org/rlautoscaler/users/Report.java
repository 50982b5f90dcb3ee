package org.rlautoscaler.users;

import java.util.Locale;
import java.util.Map;

/**
 * The summary of a run.
 *
 * @param seconds      how long it ran
 * @param requests     requests finished, failed ones included
 * @param errors       failed requests
 * @param errorsByKind failed requests by kind (connect, timeout, io, http_4xx, http_5xx, dropped)
 * @param p50Millis    median latency of the answered requests, in milliseconds
 * @param p95Millis    95th percentile, in milliseconds
 * @param p99Millis    99th percentile, in milliseconds
 * @param maxMillis    the slowest answer, in milliseconds
 * @param restarts     how many times all users were restarted
 */
public record Report(double seconds, long requests, long errors, Map<String, Long> errorsByKind,
                     double p50Millis, double p95Millis, double p99Millis, double maxMillis, long restarts) {

    public double rate() {
        return seconds > 0 ? requests / seconds : 0;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT,
                "Summary: %.1f s, %d requests (%.1f/s), %d errors (%.2f%%)%s, latency p50 %.1f ms, p95 %.1f ms, "
                        + "p99 %.1f ms, max %.1f ms, %d restarts",
                seconds, requests, rate(), errors, requests == 0 ? 0 : 100.0 * errors / requests,
                errorsByKind.isEmpty() ? "" : " " + errorsByKind, p50Millis, p95Millis, p99Millis, maxMillis, restarts);
    }
}
