package org.rlautoscaler.autoscaler.fleet;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.rlautoscaler.autoscaler.env.MetricsSource;
import org.rlautoscaler.autoscaler.env.MissingMetricListener;
import org.rlautoscaler.autoscaler.prometheus.GroupedResult;
import org.rlautoscaler.autoscaler.prometheus.Queries;
import org.rlautoscaler.autoscaler.prometheus.QueryResult;
import org.rlautoscaler.autoscaler.prometheus.Readings;

/**
 * The metrics of every service, read with one query per distinct template and field each period
 * (see {@link QueryTemplates}), however many services there are. The first service to look in a
 * period sends the queries, together; the others read the same answers while they are younger
 * than {@code maxAge}. Each service reads through its own {@link MetricsSource}.
 */
public final class SharedQueries {
    /** What the queries are sent through: a Prometheus client, or a simulation. */
    @FunctionalInterface
    public interface Backend {
        GroupedResult query(String promql, String label);
    }

    /** The seven fields, in the order of {@link Queries}. */
    private static final List<Function<Queries, String>> FIELDS = List.of(Queries::cpuUsage, Queries::ramUsage,
            Queries::replicaCpuUtilisation, Queries::requestRate, Queries::meanLatency, Queries::p95Latency,
            Queries::runningTime);

    /** A service's queries with its own placeholders filled in ({@code {service}} left). */
    private record Registration(String service, Queries queries) {}

    /** The answers of one round of queries. */
    private record Round(long fetchedAtNanos, Map<String, QueryResult[]> byService) {}

    private final Backend backend;
    private final long maxAgeNanos;
    private final LongSupplier nanoClock;
    private final Map<String, Registration> registered = new ConcurrentHashMap<>();
    private Round last;
    private long queriesSent;

    /**
     * @param maxAge answers younger than this are shared; older ones are asked again
     */
    public SharedQueries(Backend backend, Duration maxAge, LongSupplier nanoClock) {
        this.backend = Objects.requireNonNull(backend, "backend");
        this.maxAgeNanos = maxAge.toNanos();
        this.nanoClock = nanoClock;
    }

    /**
     * The metrics source of {@code service}, whose settings give its templates and request
     * selector and whose replicas may use {@code cores} CPU cores each; it reads from the next
     * round of queries on.
     */
    public MetricsSource register(String service, ServiceSettings settings, double cores, MissingMetricListener listener) {
        Queries q = settings.queries();
        String selector = settings.requestSelector();
        Queries filled = new Queries(QueryTemplates.forService(q.cpuUsage(), selector, cores),
                QueryTemplates.forService(q.ramUsage(), selector, cores),
                QueryTemplates.forService(q.replicaCpuUtilisation(), selector, cores),
                QueryTemplates.forService(q.requestRate(), selector, cores),
                QueryTemplates.forService(q.meanLatency(), selector, cores),
                QueryTemplates.forService(q.p95Latency(), selector, cores),
                QueryTemplates.forService(q.runningTime(), selector, cores));
        registered.put(service, new Registration(service, filled));
        Queries sent = new Queries(sent(filled.cpuUsage(), service), sent(filled.ramUsage(), service),
                sent(filled.replicaCpuUtilisation(), service), sent(filled.requestRate(), service),
                sent(filled.meanLatency(), service), sent(filled.p95Latency(), service), sent(filled.runningTime(), service));
        return scaler -> {
            int desired = scaler.desiredReplicas();
            int running = scaler.runningReplicas();
            QueryResult[] answers = answersFor(service);
            return new Readings(answers[0], answers[1], answers[2], answers[3], answers[4], answers[5], answers[6])
                    .observation(desired, running, sent, cores, listener);
        };
    }

    /** The request-rate query of a registered {@code service}, for it alone (as a range query reads its history). */
    public Optional<String> requestRateQuery(String service) {
        Registration registration = registered.get(service);
        return registration == null ? Optional.empty() : Optional.of(sent(registration.queries().requestRate(), service));
    }

    /** The service is no longer read. */
    public void unregister(String service) {
        registered.remove(service);
    }

    /** Queries sent so far (for the benchmark and the tests). */
    public synchronized long queriesSent() {
        return queriesSent;
    }

    /** The query as it would be sent for {@code service} alone, for messages. */
    private static String sent(String template, String service) {
        return QueryTemplates.forServices(template, List.of(service));
    }

    private QueryResult[] answersFor(String service) {
        Round round = round();
        QueryResult[] answers = round.byService().get(service);
        if (answers == null) { // registered after the round was sent
            synchronized (this) {
                last = null;
            }
            answers = round().byService().get(service);
        }
        if (answers == null) { // let go meanwhile
            answers = new QueryResult[FIELDS.size()];
            Arrays.fill(answers, new QueryResult.Missing(QueryResult.Missing.Kind.empty, "the service is no longer read"));
        }
        return answers;
    }

    private synchronized Round round() {
        long now = nanoClock.getAsLong();
        if (last == null || now - last.fetchedAtNanos() >= maxAgeNanos) {
            last = fetch(now);
        }
        return last;
    }

    /** One round: every group's query, sent together. */
    private Round fetch(long now) {
        // group key (field, filled template, or the service for one without {service}) -> services
        Map<String, List<String>> groups = new LinkedHashMap<>();
        Map<String, String> templateOf = new HashMap<>();
        for (Registration registration : registered.values()) {
            for (int field = 0; field < FIELDS.size(); field++) {
                String template = FIELDS.get(field).apply(registration.queries());
                String key = field + "\u0000" + template + (QueryTemplates.shared(template) ? "" : "\u0000" + registration.service());
                groups.computeIfAbsent(key, k -> new ArrayList<>()).add(registration.service());
                templateOf.put(key, template);
            }
        }
        Map<String, Future<GroupedResult>> answers = new LinkedHashMap<>();
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            groups.forEach((key, services) -> answers.put(key, executor.submit(() ->
                    backend.query(QueryTemplates.forServices(templateOf.get(key), services), "service"))));
        } // each query is bounded by the client's call timeout
        queriesSent += groups.size();
        Map<String, QueryResult[]> byService = new HashMap<>();
        groups.forEach((key, services) -> {
            int field = Integer.parseInt(key.substring(0, key.indexOf('\u0000')));
            GroupedResult answer = answer(answers.get(key));
            boolean shared = QueryTemplates.shared(templateOf.get(key));
            for (String service : services) {
                QueryResult result = switch (answer) {
                    case GroupedResult.Failed failed -> failed.missing();
                    case GroupedResult.Groups found -> shared ? found.get(service) : alone(found);
                };
                byService.computeIfAbsent(service, s -> new QueryResult[FIELDS.size()])[field] = result;
            }
        });
        return new Round(now, byService);
    }

    /** The answer of a query sent for one service: its one series, whatever its labels. */
    private static QueryResult alone(GroupedResult.Groups found) {
        return switch (found.byLabel().size()) {
            case 0 -> new QueryResult.Missing(QueryResult.Missing.Kind.empty, "no series");
            case 1 -> found.byLabel().values().iterator().next();
            default -> new QueryResult.Missing(QueryResult.Missing.Kind.bad_response, found.byLabel().size()
                    + " series; the query must return one");
        };
    }

    private static GroupedResult answer(Future<GroupedResult> answer) {
        if (answer.state() != Future.State.SUCCESS) {
            throw new IllegalStateException("a query ended " + answer.state(),
                    answer.state() == Future.State.FAILED ? answer.exceptionNow() : null);
        }
        return answer.resultNow();
    }
}
