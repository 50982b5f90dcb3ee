package org.rlautoscaler.web.metrics;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * The application's metrics, in one registry of their own (one per application instance, so
 * that tests can run several).
 *
 * <ul>
 *   <li>{@code cpu_usage}, {@code ram_usage}, {@code running_time}: the original gauges, set by
 *       {@link SystemSampler} every second; {@code cpu_usage} is absent until the second sample,
 *       since CPU use needs an interval (absent, not 0, so that {@code avg(cpu_usage)} over the
 *       replicas does not count a new one as idle);</li>
 *   <li>{@code http_server_requests_total} and {@code http_server_request_duration_seconds}:
 *       every request, labelled by route pattern ({@code path}), {@code method} and
 *       {@code status};</li>
 *   <li>the JVM and process metrics of the Prometheus Java client
 *       ({@code process_cpu_seconds_total}, memory, GC, threads).</li>
 * </ul>
 */
public final class AppMetrics {
    /**
     * Latency buckets in seconds, from 1 ms to 10 s, about 1.5 times apart: a p95 interpolated
     * within its bucket is then within about 20 % of the true one, fine enough for the
     * autoscaler's objective and for calibrating its model of the service.
     */
    static final double[] LATENCY_BUCKETS = {
        0.001, 0.0025, 0.005, 0.0075, 0.01, 0.015, 0.02, 0.025, 0.035, 0.05, 0.075, 0.1, 0.15, 0.2, 0.25, 0.35,
        0.5, 0.75, 1, 1.5, 2, 2.5, 5, 10
    };

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Counter requests;
    private final Histogram duration;
    private volatile double cpuPercent = Double.NaN;
    final Gauge ramUsage;
    final Gauge runningTime;

    public AppMetrics() {
        requests = Counter.builder()
                .name("http_server_requests_total")
                .help("HTTP requests answered, by route path, method and status")
                .labelNames("path", "method", "status")
                .register(registry);
        duration = Histogram.builder()
                .name("http_server_request_duration_seconds")
                .help("Time to answer an HTTP request, in seconds, by route path, method and status")
                .labelNames("path", "method", "status")
                .classicOnly()
                .classicUpperBounds(LATENCY_BUCKETS)
                .register(registry);
        GaugeWithCallback.builder()
                .name("cpu_usage")
                .help("CPU used over the last second, in percent (0-100) of the cores this instance may use: "
                        + "its container's CPU limit, or all cores of the host outside a container")
                .callback(callback -> {
                    double percent = cpuPercent;
                    if (!Double.isNaN(percent)) {
                        callback.call(percent);
                    }
                })
                .register(registry);
        ramUsage = Gauge.builder()
                .name("ram_usage")
                .help("Memory in use, in percent of total memory (0-100)")
                .register(registry);
        runningTime = Gauge.builder()
                .name("running_time")
                .help("Seconds since the application started")
                .register(registry);
        JvmMetrics.builder().register(registry);
    }

    /** Sets {@code cpu_usage}, in percent; NaN removes it from the exposition until the next figure. */
    void cpuUsage(double percent) {
        cpuPercent = percent;
    }

    public PrometheusRegistry registry() {
        return registry;
    }

    /**
     * Creates the series of successful GETs of each route at zero, so that Prometheus sees them
     * before the first request and {@code increase()} counts that request too.
     */
    public void initializeRoutes(Iterable<String> paths) {
        for (String path : paths) {
            requests.labelValues(path, "GET", "200");
            duration.labelValues(path, "GET", "200");
        }
    }

    /** Counts one answered request and its duration. */
    public void recordRequest(String path, String method, int status, double seconds) {
        String statusText = Integer.toString(status);
        requests.labelValues(path, method, statusText).inc();
        duration.labelValues(path, method, statusText).observe(seconds);
    }

    /** All requests answered so far, over every label. */
    double requestsTotal() {
        return requests.collect().getDataPoints().stream().mapToDouble(p -> p.getValue()).sum();
    }
}
