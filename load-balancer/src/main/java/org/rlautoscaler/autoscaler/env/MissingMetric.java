package org.rlautoscaler.autoscaler.env;

/**
 * A metric of an observation that could not be read (it is NaN in the observation), and why.
 *
 * @param field  the {@link Observation} component: {@code cpuUsage}, {@code ramUsage},
 *               {@code replicaCpuUtilisation}, {@code requestRate}, {@code meanLatencyMs} or
 *               {@code p95LatencyMs}
 * @param query  what the metrics source was asked (for Prometheus, the PromQL)
 * @param kind   what went wrong, one word, as a label for logs and metrics ({@code empty},
 *               {@code timeout}, {@code unreachable} ...)
 * @param reason what went wrong, for a person
 */
public record MissingMetric(String field, String query, String kind, String reason) {
    @Override
    public String toString() {
        return field + " (" + kind + ": " + reason + "; query " + query + ")";
    }
}
