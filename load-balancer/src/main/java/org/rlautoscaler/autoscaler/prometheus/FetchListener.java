package org.rlautoscaler.autoscaler.prometheus;

/**
 * Hears each metric that {@link PrometheusMetricsSource} could not read, so that the control
 * loop counts and logs it by {@link QueryResult.Missing.Kind}.
 */
@FunctionalInterface
public interface FetchListener {

    /**
     * One metric of one observation is missing (it is NaN in the observation).
     *
     * @param field   the {@link org.rlautoscaler.autoscaler.env.Observation} component:
     *                {@code cpuUsage}, {@code ramUsage}, {@code replicaCpuUtilisation},
     *                {@code requestRate}, {@code meanLatencyMs} or {@code p95LatencyMs}
     * @param query   the PromQL that was asked
     * @param missing why
     */
    void missing(String field, String query, QueryResult.Missing missing);

    /** A listener that ignores everything. */
    static FetchListener ignoring() {
        return (field, query, missing) -> {};
    }
}
