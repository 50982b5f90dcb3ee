package org.rlautoscaler.autoscaler.prometheus;

/**
 * The PromQL behind each field of an {@link org.rlautoscaler.autoscaler.env.Observation} (with
 * {@link ReplayQueries}, the only PromQL the autoscaler writes). Each query must answer one
 * sample (an instant vector with one series, or a scalar), hence the aggregations over replicas.
 * The defaults fit the web application's metrics scraped under the job {@code application};
 * settings may replace any of them.
 *
 * <p>The 30 s windows follow the original latency autoscaler. {@code rate()} needs two samples
 * in the window, so the scrape interval must be well under 15 s, and it divides by the whole
 * window: a series younger than 30 s reads low.
 *
 * @param cpuUsage              CPU in use, percent (0-100): of each replica's limit in a container
 * @param ramUsage              host memory in use, percent (0-100)
 * @param replicaCpuUtilisation CPU cores used per replica process
 * @param requestRate           requests per second over every replica
 * @param meanLatency           mean request latency, in seconds
 * @param p95Latency            95th percentile request latency, in seconds
 * @param runningTime           seconds since the youngest replica started
 */
public record Queries(String cpuUsage, String ramUsage, String replicaCpuUtilisation, String requestRate,
                      String meanLatency, String p95Latency, String runningTime) {

    /**
     * Percent of CPU in use (0-100): the web application's {@code cpu_usage} gauge averaged over
     * replicas. In a container each replica reports its own CPU against its limit (cgroup), so
     * this is the replicas' mean utilisation; outside one, the host's CPU.
     */
    public static final String CPU_USAGE = "avg(cpu_usage)";

    /** Percent of the host's memory in use (0-100): the {@code ram_usage} gauge, averaged over replicas. */
    public static final String RAM_USAGE = "avg(ram_usage)";

    /**
     * CPU cores used per replica process, averaged over replicas: the process's own CPU time,
     * unlike {@code cpu_usage} which sees the whole host. The source divides it by the cores a
     * replica may use to get a fraction.
     */
    public static final String REPLICA_CPU_UTILISATION =
            "avg(rate(process_cpu_seconds_total{job=\"application\"}[30s]))";

    /**
     * Requests per second to {@code /test}, summed over replicas. The original counted requests
     * per 30 s with {@code increase(...[30s])}; a rate does not depend on the window.
     */
    public static final String REQUEST_RATE = "sum(rate(http_server_requests_total{path=\"/test\"}[30s]))";

    /**
     * Mean latency of {@code /test} in seconds: the original's query (time spent over requests
     * answered), each side summed over replicas so that it answers one series. NaN without
     * requests (0 / 0), which the source reports as missing.
     */
    public static final String MEAN_LATENCY =
            "sum(rate(http_server_request_duration_seconds_sum{path=\"/test\"}[30s]))"
                    + " / sum(rate(http_server_request_duration_seconds_count{path=\"/test\"}[30s]))";

    /**
     * 95th percentile latency of {@code /test} in seconds, interpolated in the histogram's
     * buckets (1 ms to 10 s) merged over replicas. NaN without requests.
     */
    public static final String P95_LATENCY = "histogram_quantile(0.95, "
            + "sum by (le) (rate(http_server_request_duration_seconds_bucket{path=\"/test\"}[30s])))";

    /**
     * Seconds since the youngest replica started: the web application's {@code running_time}
     * gauge (whole seconds since its start, as the Swarm original's app set it), its minimum over
     * the replicas scraped under the job {@code application}.
     */
    public static final String RUNNING_TIME = "min(running_time{job=\"application\"})";

    /** The queries with the default running-time one. */
    public Queries(String cpuUsage, String ramUsage, String replicaCpuUtilisation, String requestRate,
                   String meanLatency, String p95Latency) {
        this(cpuUsage, ramUsage, replicaCpuUtilisation, requestRate, meanLatency, p95Latency, RUNNING_TIME);
    }

    public Queries {
        requireQuery("cpuUsage", cpuUsage);
        requireQuery("ramUsage", ramUsage);
        requireQuery("replicaCpuUtilisation", replicaCpuUtilisation);
        requireQuery("requestRate", requestRate);
        requireQuery("meanLatency", meanLatency);
        requireQuery("p95Latency", p95Latency);
        requireQuery("runningTime", runningTime);
    }

    /** The queries above, for the web application scraped under the job {@code application}. */
    public static Queries defaults() {
        return new Queries(CPU_USAGE, RAM_USAGE, REPLICA_CPU_UTILISATION, REQUEST_RATE, MEAN_LATENCY, P95_LATENCY, RUNNING_TIME);
    }

    private static void requireQuery(String field, String promql) {
        if (promql == null || promql.isBlank()) {
            throw new IllegalArgumentException("The query for " + field + " must not be blank, got "
                    + (promql == null ? "null" : "'" + promql + "'"));
        }
    }
}
