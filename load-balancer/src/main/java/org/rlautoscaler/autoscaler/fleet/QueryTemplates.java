package org.rlautoscaler.autoscaler.fleet;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.rlautoscaler.autoscaler.prometheus.Queries;

/**
 * The queries of many services, as templates. Three placeholders are filled in:
 * <ul>
 *   <li>{@code {service}}: a regular expression matching the services the query is sent for,
 *       for a matcher {@code service=~"{service}"}; the answer must carry the label
 *       {@code service} ({@code sum by (service) (...)}), so that one query serves them all;
 *   <li>{@code {requests}}: the service's {@code rl-autoscaler.request-selector}, with a comma
 *       before it, or nothing, to append to a selector's matchers;
 *   <li>{@code {cores}}: the CPU cores one replica may use.
 * </ul>
 * Services whose template reads the same once {@code {requests}} and {@code {cores}} are filled
 * in share one query; a template without {@code {service}} is sent for each service on its own
 * and must answer one series.
 *
 * <p>The defaults follow conventions that services already meet: CPU from
 * {@code process_cpu_seconds_total}, which the official Prometheus client of every language
 * exports, and requests from the histogram of OpenTelemetry's HTTP server convention,
 * {@code http.server.request.duration} ({@code http_server_request_duration_seconds} in
 * Prometheus), whose {@code _count} gives the rate. Prometheus must give every replica's series
 * the label {@code service} (the stack's configuration does, from Swarm's service name).
 */
public final class QueryTemplates {
    public static final String SERVICE = "{service}";
    public static final String REQUESTS = "{requests}";
    public static final String CORES = "{cores}";
    private static final Set<String> PLACEHOLDERS = Set.of(SERVICE, REQUESTS, CORES);
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{[a-z_]+}");

    private static final String SELECT = "{service=~\"" + SERVICE + "\"" + REQUESTS + "}";
    private static final String CPU_CORES = "avg by (service) (rate(process_cpu_seconds_total{service=~\"" + SERVICE
            + "\"}[30s]))";

    /** Percent of a replica's CPU limit in use, averaged over the replicas. */
    public static final String CPU_USAGE = "100 * " + CPU_CORES + " / " + CORES;
    /**
     * Percent of memory in use. No convention exists: this reads the demo application's
     * {@code ram_usage} gauge; only the swarm-cpu-ram and threshold agents decide from it.
     */
    public static final String RAM_USAGE = "avg by (service) (ram_usage{service=~\"" + SERVICE + "\"})";
    /** CPU cores used per replica process. */
    public static final String REPLICA_CPU = CPU_CORES;
    /** Requests per second over every replica. */
    public static final String REQUEST_RATE = "sum by (service) (rate(http_server_request_duration_seconds_count"
            + SELECT + "[30s]))";
    /** Mean latency in seconds. */
    public static final String MEAN_LATENCY = "sum by (service) (rate(http_server_request_duration_seconds_sum"
            + SELECT + "[30s])) / sum by (service) (rate(http_server_request_duration_seconds_count" + SELECT + "[30s]))";
    /** 95th percentile latency in seconds, from the histogram's buckets merged over replicas. */
    public static final String P95_LATENCY = "histogram_quantile(0.95, sum by (service, le) "
            + "(rate(http_server_request_duration_seconds_bucket" + SELECT + "[30s])))";
    /** Seconds since the youngest replica started. */
    public static final String RUNNING_TIME = "min by (service) (time() - process_start_time_seconds{service=~\""
            + SERVICE + "\"})";

    private QueryTemplates() {}

    /** The conventional templates above. */
    public static Queries conventions() {
        return new Queries(CPU_USAGE, RAM_USAGE, REPLICA_CPU, REQUEST_RATE, MEAN_LATENCY, P95_LATENCY, RUNNING_TIME);
    }

    /** Why {@code template} cannot be used (blank, an unknown placeholder), if it cannot. */
    public static Optional<String> problem(String template) {
        if (template == null || template.isBlank()) {
            return Optional.of("a PromQL expression, not blank");
        }
        Matcher matcher = PLACEHOLDER.matcher(template);
        while (matcher.find()) {
            if (!PLACEHOLDERS.contains(matcher.group())) {
                return Optional.of("PromQL whose placeholders are " + SERVICE + ", " + REQUESTS + " and " + CORES
                        + ", not " + matcher.group());
            }
        }
        return Optional.empty();
    }

    /** True when the template is shared: it selects its services through {@code {service}}. */
    public static boolean shared(String template) {
        return template.contains(SERVICE);
    }

    /** The template with the per-service placeholders filled in: services with equal results share a query. */
    public static String forService(String template, String requestSelector, double cores) {
        return template.replace(REQUESTS, requestSelector.isBlank() ? "" : "," + requestSelector.strip())
                .replace(CORES, String.format(Locale.ROOT, "%s", cores == Math.rint(cores)
                        ? Long.toString((long) cores) : Double.toString(cores)));
    }

    /** The query sent for {@code services}: {@code {service}} replaced by a regular expression matching exactly them. */
    public static String forServices(String template, Collection<String> services) {
        return template.replace(SERVICE, services.stream().sorted().map(QueryTemplates::quote)
                .collect(Collectors.joining("|")));
    }

    /**
     * {@code name} as a regular expression that matches only it, written inside a PromQL string:
     * each character special to a regular expression is escaped, with the backslash doubled for
     * the string.
     */
    static String quote(String name) {
        StringBuilder quoted = new StringBuilder(name.length() + 8);
        for (char c : name.toCharArray()) {
            if (".+*?()|[]{}^$\\".indexOf(c) >= 0) {
                quoted.append("\\\\");
            }
            if (c == '"') {
                quoted.append('\\');
            }
            quoted.append(c);
        }
        return quoted.toString();
    }
}
