package org.rlautoscaler.autoscaler.prometheus;

/**
 * The PromQL that reads a live replay back from the stack's Prometheus, one control period at a
 * time: each query is evaluated at the period's end over a window of one period. They read the
 * stack's scrape jobs ({@code application}, {@code simulate-users}, {@code load-balancer}) and the
 * replayed path.
 *
 * @param start   when the load generator's profile started (its second 0), Unix seconds
 * @param sent    the load generator's own count of requests sent: read at each end of a period,
 *                a scrape missed under load moves requests into the next period but loses none,
 *                where a rate over the period needs two samples inside it and gives nothing
 * @param served  requests per second the application answered on the path
 * @param errors  requests per second the load generator saw fail
 * @param desired the replicas the autoscaler asked for
 * @param running the application's replicas scraped
 * @param serving the application's replicas that answered requests on the path
 * @param p95     the path's 95th percentile latency, seconds
 */
public record ReplayQueries(String start, String sent, String served, String errors, String desired, String running,
                            String serving, String p95) {

    /** The queries for the application's route {@code path} over windows of {@code window} (for example {@code 15s}). */
    public static ReplayQueries of(String path, String window) {
        String w = "[" + window + "]";
        String app = "job=\"application\",path=\"" + path + "\"";
        return new ReplayQueries(
                "max(max_over_time(simulate_users_start_time_seconds{job=\"simulate-users\"}[1d]))",
                "sum(last_over_time(simulate_users_sent_total{job=\"simulate-users\"}[1m]))",
                "sum(rate(http_server_requests_total{" + app + "}" + w + "))",
                "sum(rate(simulate_users_errors_total{job=\"simulate-users\"}" + w + "))",
                "max(last_over_time(autoscaler_desired_replicas{job=\"load-balancer\"}" + w + "))",
                "count(up{job=\"application\"})",
                "count(sum by (instance) (rate(http_server_requests_total{" + app + "}" + w + ")) > 0)",
                "histogram_quantile(0.95, sum by (le) (rate(http_server_request_duration_seconds_bucket{" + app + "}"
                        + w + ")))");
    }
}
