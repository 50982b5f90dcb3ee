package org.rlautoscaler.users.load;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Recorder;

/**
 * What the simulator measured, twice over: Prometheus metrics for scraping, and HdrHistogram
 * latency recordings for the log's percentiles and the final summary. Latency is measured from
 * when a request was meant to be sent (the open model's schedule, or the moment a closed-model
 * user sent it) to the end of its answer.
 */
public final class LoadStats {
    /** Latencies are recorded in microseconds, from 1 µs to 10 minutes, 3 significant digits. */
    private static final long MAX_MICROS = 600_000_000L;

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Counter requests;
    private final Counter errors;
    private final Histogram duration;
    private final Gauge activeUsers;
    private final Gauge targetRate;
    private final Counter restarts;
    private final Counter sentTotal;
    private final Gauge startTime;
    private final Recorder recorder = new Recorder(1, MAX_MICROS, 3);
    private final LongAdder intervalRequests = new LongAdder();
    private final LongAdder intervalErrors = new LongAdder();
    private final LongAdder totalRequests = new LongAdder();
    private final LongAdder sent = new LongAdder();
    private final Map<String, LongAdder> errorsByKind = new ConcurrentHashMap<>();

    public LoadStats() {
        requests = Counter.builder().name("simulate_users_requests_total")
                .help("Requests the simulated users finished, by path and HTTP status (none: no answer)")
                .labelNames("path", "status").register(registry);
        errors = Counter.builder().name("simulate_users_errors_total")
                .help("Failed requests by path and kind: connect, timeout, io, http_4xx, http_5xx, dropped")
                .labelNames("path", "kind").register(registry);
        duration = Histogram.builder().name("simulate_users_request_duration_seconds")
                .help("Latency from the intended send time to the end of the answer, in seconds, by path")
                .labelNames("path").classicOnly()
                .classicUpperBounds(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30)
                .register(registry);
        activeUsers = Gauge.builder().name("simulate_users_active_users")
                .help("Simulated users active now").register(registry);
        targetRate = Gauge.builder().name("simulate_users_target_requests_per_second")
                .help("Request rate the active users aim at: users / request interval").register(registry);
        restarts = Counter.builder().name("simulate_users_restarts_total")
                .help("Times every user was stopped and started afresh (every INTERVAL minutes)").register(registry);
        sentTotal = Counter.builder().name("simulate_users_sent_total")
                .help("Requests sent (open model: every arrival, answered, failed or dropped): the load offered").register(registry);
        startTime = Gauge.builder().name("simulate_users_start_time_seconds")
                .help("When the load profile started (its second 0), Unix time").register(registry);
        JvmMetrics.builder().register(registry);
    }

    /** Marks second 0 of the load profile, at {@code unixSeconds}. */
    public void started(double unixSeconds) {
        startTime.set(unixSeconds);
    }

    public PrometheusRegistry registry() {
        return registry;
    }

    /** Records one finished (or failed, or dropped) request. */
    public void record(RequestMix.Entry entry, Outcome outcome, long latencyNanos) {
        requests.labelValues(entry.path(), outcome.statusLabel()).inc();
        intervalRequests.increment();
        totalRequests.increment();
        if (outcome.failed()) {
            errors.labelValues(entry.path(), outcome.error()).inc();
            intervalErrors.increment();
            errorsByKind.computeIfAbsent(outcome.error(), k -> new LongAdder()).increment();
        }
        if (outcome.status() != 0) {
            duration.labelValues(entry.path()).observe(latencyNanos / 1e9);
            recorder.recordValue(Math.max(1, Math.min(MAX_MICROS, latencyNanos / 1000)));
        }
    }

    /** Counts one request sent (the open model calls it as each arrival leaves). */
    public void sent() {
        sent.increment();
        sentTotal.inc();
    }

    /** Requests sent since the previous call: the load actually offered, arrivals being random. */
    public long takeSent() {
        return sent.sumThenReset();
    }

    public void users(int active, double requestsPerSecond) {
        activeUsers.set(active);
        targetRate.set(requestsPerSecond);
    }

    public void restarted() {
        restarts.inc();
    }

    /** Requests and errors since the previous call, and their latencies, for the periodic log line. */
    public Interval takeInterval() {
        return new Interval(intervalRequests.sumThenReset(), intervalErrors.sumThenReset(),
                recorder.getIntervalHistogram());
    }

    public long totalRequests() {
        return totalRequests.sum();
    }

    /** Failures by kind since the start, sorted by kind. */
    public Map<String, Long> errorsByKind() {
        Map<String, Long> copy = new TreeMap<>();
        errorsByKind.forEach((kind, count) -> copy.put(kind, count.sum()));
        return copy;
    }

    public double restartsTotal() {
        return restarts.get();
    }

    /** One reporting interval: counts, and the latencies of the answered requests in microseconds. */
    public record Interval(long requests, long errors, org.HdrHistogram.Histogram latencyMicros) {}
}
