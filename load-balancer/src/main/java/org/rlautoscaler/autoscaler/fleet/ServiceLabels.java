package org.rlautoscaler.autoscaler.fleet;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.rlautoscaler.autoscaler.catalog.AgentKind;
import org.rlautoscaler.autoscaler.env.Limits;
import org.rlautoscaler.autoscaler.prometheus.Queries;

/**
 * The labels a service opts in and sets itself up with ({@code deploy.labels} in a stack file,
 * annotations {@code rl-autoscaler/...} on a Kubernetes Deployment):
 * <pre>
 * rl-autoscaler.enable: "true"            # scale this service
 * rl-autoscaler.min-replicas: "1"         # each of the following defaults to the autoscaler's own setting
 * rl-autoscaler.max-replicas: "6"
 * rl-autoscaler.agent: qlearning
 * rl-autoscaler.mode: learn               # or greedy
 * rl-autoscaler.slo-p95-ms: "100"
 * rl-autoscaler.cooldown-seconds: "30"
 * rl-autoscaler.max-step: "2"
 * rl-autoscaler.hpa-target: "0.7"
 * rl-autoscaler.dry-run: "false"
 * rl-autoscaler.request-selector: path="/test"     # count only these requests
 * rl-autoscaler.query.request-rate: ...            # a query template of its own (see QueryTemplates)
 * rl-autoscaler.metrics-port: "8000"      # where Prometheus scrapes each replica (read by Prometheus)
 * rl-autoscaler.metrics-path: /metrics
 * </pre>
 * A key that is not one of these, under the prefix, is refused too: a misspelt label would
 * otherwise be ignored without a word.
 */
public final class ServiceLabels {
    /** The prefix of every label (on Kubernetes, annotations use {@code rl-autoscaler/}). */
    public static final String PREFIX = "rl-autoscaler.";
    public static final String ENABLE = PREFIX + "enable";
    public static final String MIN_REPLICAS = PREFIX + "min-replicas";
    public static final String MAX_REPLICAS = PREFIX + "max-replicas";
    public static final String AGENT = PREFIX + "agent";
    public static final String MODE = PREFIX + "mode";
    public static final String SLO_P95_MS = PREFIX + "slo-p95-ms";
    public static final String COOLDOWN_SECONDS = PREFIX + "cooldown-seconds";
    public static final String MAX_STEP = PREFIX + "max-step";
    public static final String HPA_TARGET = PREFIX + "hpa-target";
    public static final String DRY_RUN = PREFIX + "dry-run";
    public static final String REQUEST_SELECTOR = PREFIX + "request-selector";
    public static final String METRICS_PORT = PREFIX + "metrics-port";
    public static final String METRICS_PATH = PREFIX + "metrics-path";
    /** The prefix of the query templates: {@code rl-autoscaler.query.request-rate} and so on. */
    public static final String QUERY = PREFIX + "query.";

    /** The largest replica count a label may ask for. */
    public static final int MOST_REPLICAS = 1000;

    /** One label matcher of PromQL: {@code name="value"}, {@code name=~"regex"}, with != and !~. */
    private static final String MATCHER = "\\s*[a-zA-Z_][a-zA-Z0-9_]*\\s*(=|!=|=~|!~)\\s*\"(?:[^\"\\\\]|\\\\.)*\"\\s*";
    private static final Pattern SELECTOR = Pattern.compile(MATCHER + "(," + MATCHER + ")*");
    private static final Pattern PATH = Pattern.compile("/[A-Za-z0-9._~!$&'()*+,;=:@%/-]*");

    private ServiceLabels() {}

    /** The result of reading a service's labels. */
    public sealed interface Parsed {
        /** Every label could be used: the service's settings. */
        record Valid(ServiceSettings settings) implements Parsed {}

        /** A label could not: the first one found, in the order of the keys above. */
        record Invalid(InvalidLabel label) implements Parsed {}
    }

    /** The query keys, each with the field of {@link Queries} it replaces. */
    public static final Map<String, String> QUERY_KEYS = queryKeys();

    private static Map<String, String> queryKeys() {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put(QUERY + "cpu", "cpuUsage");
        keys.put(QUERY + "ram", "ramUsage");
        keys.put(QUERY + "replica-cpu", "replicaCpuUtilisation");
        keys.put(QUERY + "request-rate", "requestRate");
        keys.put(QUERY + "mean-latency", "meanLatency");
        keys.put(QUERY + "p95-latency", "p95Latency");
        keys.put(QUERY + "running-time", "runningTime");
        return Map.copyOf(keys);
    }

    /** Every key a service may carry, in the order they are read. */
    public static List<String> keys() {
        List<String> keys = new ArrayList<>(List.of(ENABLE, MIN_REPLICAS, MAX_REPLICAS, AGENT, MODE, SLO_P95_MS,
                COOLDOWN_SECONDS, MAX_STEP, HPA_TARGET, DRY_RUN, REQUEST_SELECTOR, METRICS_PORT, METRICS_PATH));
        List<String> queries = new ArrayList<>(QUERY_KEYS.keySet());
        queries.sort(null);
        keys.addAll(queries);
        return keys;
    }

    /** True when the labels opt the service in: {@code rl-autoscaler.enable} is {@code true}. */
    public static boolean enabled(Map<String, String> labels) {
        String value = labels.get(ENABLE);
        return value != null && value.strip().equalsIgnoreCase("true");
    }

    /**
     * The settings of a service with these labels, each label replacing the matching setting of
     * {@code defaults}; labels without the prefix are not read.
     */
    public static Parsed parse(Map<String, String> labels, ServiceSettings defaults) {
        try {
            return new Parsed.Valid(read(labels, defaults));
        } catch (Refused refused) {
            return new Parsed.Invalid(refused.label);
        }
    }

    private static ServiceSettings read(Map<String, String> labels, ServiceSettings defaults) {
        List<String> known = keys();
        labels.keySet().stream().filter(key -> key.startsWith(PREFIX)).sorted()
                .filter(key -> !known.contains(key)).findFirst()
                .ifPresent(key -> refuse(key, labels.get(key), "a known key instead of " + key + ": "
                        + String.join(", ", known.stream().map(k -> k.substring(PREFIX.length())).toList())
                        + " (after " + PREFIX + ")"));
        String enable = labels.get(ENABLE);
        if (enable != null && !enable.strip().equalsIgnoreCase("true") && !enable.strip().equalsIgnoreCase("false")) {
            refuse(ENABLE, enable, "true or false");
        }
        int min = integer(labels, MIN_REPLICAS, defaults.limits().min(), 1, MOST_REPLICAS);
        int max = integer(labels, MAX_REPLICAS, defaults.limits().max(), 1, MOST_REPLICAS);
        if (max < min) {
            String key = labels.containsKey(MAX_REPLICAS) ? MAX_REPLICAS : MIN_REPLICAS;
            refuse(key, labels.get(key), key.equals(MAX_REPLICAS)
                    ? "a whole number from " + min + " (the min-replicas) to " + MOST_REPLICAS
                    : "a whole number from 1 to " + max + " (the max-replicas)");
        }
        AgentKind agent = defaults.agent();
        String agentLabel = labels.get(AGENT);
        if (agentLabel != null) {
            Optional<AgentKind> found = AgentKind.find(agentLabel.strip()).filter(AgentKind.liveKinds()::contains);
            agent = found.orElseThrow(() -> new Refused(new InvalidLabel(AGENT, agentLabel,
                    AgentKind.names(AgentKind.liveKinds()))));
        }
        boolean learn = defaults.learn();
        String mode = labels.get(MODE);
        if (mode != null) {
            switch (mode.strip().toLowerCase(Locale.ROOT)) {
                case "learn" -> learn = true;
                case "greedy" -> learn = false;
                default -> refuse(MODE, mode, "learn or greedy");
            }
        }
        double slo = number(labels, SLO_P95_MS, defaults.sloP95Ms(), 0, false, 600_000, "a number of milliseconds above 0, up to 600000");
        double cooldown = number(labels, COOLDOWN_SECONDS, defaults.cooldownSeconds(), 0, true, 3600,
                "a number of seconds from 0 to 3600");
        int maxStep = integer(labels, MAX_STEP, defaults.maxStep(), 1, MOST_REPLICAS);
        double hpaTarget = number(labels, HPA_TARGET, defaults.hpaTarget(), 0, false, 1, "a fraction above 0, up to 1");
        boolean dryRun = defaults.dryRun();
        String dry = labels.get(DRY_RUN);
        if (dry != null) {
            switch (dry.strip().toLowerCase(Locale.ROOT)) {
                case "true" -> dryRun = true;
                case "false" -> dryRun = false;
                default -> refuse(DRY_RUN, dry, "true or false");
            }
        }
        String selector = defaults.requestSelector();
        String selectorLabel = labels.get(REQUEST_SELECTOR);
        if (selectorLabel != null) {
            if (!selectorLabel.isBlank() && !SELECTOR.matcher(selectorLabel).matches()) {
                refuse(REQUEST_SELECTOR, selectorLabel, "PromQL label matchers separated by commas, such as "
                        + "path=\"/test\" or path=~\"/api/.*\",method=\"GET\"");
            }
            selector = selectorLabel.strip();
        }
        integer(labels, METRICS_PORT, 0, 1, 65_535);
        String path = labels.get(METRICS_PATH);
        if (path != null && !PATH.matcher(path).matches()) {
            refuse(METRICS_PATH, path, "a URL path starting with /, such as /metrics");
        }
        return new ServiceSettings(new Limits(min, max), agent, learn, slo, cooldown, maxStep, hpaTarget, dryRun,
                queries(labels, defaults.queries()), selector);
    }

    private static Queries queries(Map<String, String> labels, Queries defaults) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("cpuUsage", defaults.cpuUsage());
        fields.put("ramUsage", defaults.ramUsage());
        fields.put("replicaCpuUtilisation", defaults.replicaCpuUtilisation());
        fields.put("requestRate", defaults.requestRate());
        fields.put("meanLatency", defaults.meanLatency());
        fields.put("p95Latency", defaults.p95Latency());
        fields.put("runningTime", defaults.runningTime());
        for (String key : keys()) {
            String field = QUERY_KEYS.get(key);
            String value = labels.get(key);
            if (field == null || value == null) {
                continue;
            }
            Optional<String> problem = QueryTemplates.problem(value);
            if (problem.isPresent()) {
                refuse(key, value, problem.get());
            }
            fields.put(field, value.strip());
        }
        return new Queries(fields.get("cpuUsage"), fields.get("ramUsage"), fields.get("replicaCpuUtilisation"),
                fields.get("requestRate"), fields.get("meanLatency"), fields.get("p95Latency"), fields.get("runningTime"));
    }

    private static int integer(Map<String, String> labels, String key, int otherwise, int least, int most) {
        String value = labels.get(key);
        if (value == null) {
            return otherwise;
        }
        try {
            int parsed = Integer.parseInt(value.strip());
            if (parsed >= least && parsed <= most) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new Refused(new InvalidLabel(key, value, "a whole number from " + least + " to " + most));
    }

    private static double number(Map<String, String> labels, String key, double otherwise, double least,
                                 boolean leastIncluded, double most, String accepted) {
        String value = labels.get(key);
        if (value == null) {
            return otherwise;
        }
        try {
            double parsed = Double.parseDouble(value.strip());
            if ((leastIncluded ? parsed >= least : parsed > least) && parsed <= most) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new Refused(new InvalidLabel(key, value, accepted));
    }

    private static void refuse(String key, String value, String accepted) {
        throw new Refused(new InvalidLabel(key, value, accepted));
    }

    /** Ends the reading at the first label that cannot be used. */
    private static final class Refused extends RuntimeException {
        final InvalidLabel label;

        Refused(InvalidLabel label) {
            super(label.message(), null, false, false);
            this.label = label;
        }
    }
}
