package org.rlautoscaler.autoscaler.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.rlautoscaler.autoscaler.env.MetricsSource;
import org.rlautoscaler.autoscaler.env.MissingMetric;
import org.rlautoscaler.autoscaler.env.Observation;
import org.rlautoscaler.autoscaler.env.ReplicaScaler;
import org.rlautoscaler.autoscaler.prometheus.GroupedResult;
import org.rlautoscaler.autoscaler.prometheus.Queries;
import org.rlautoscaler.autoscaler.prometheus.QueryResult;

/** One round of queries serves every service; each reads its own series. */
class SharedQueriesTest {
    private static final Pattern SELECTED = Pattern.compile("service=~\"([^\"]*)\"");

    /** Answers each query with one series per service it selects: the service's number, times the field's. */
    private final List<String> sent = new ArrayList<>();
    private final Map<String, Double> rate = new HashMap<>();
    private final AtomicLong now = new AtomicLong();

    private GroupedResult answer(String promql, String label) {
        synchronized (sent) {
            sent.add(promql);
        }
        Matcher matcher = SELECTED.matcher(promql);
        if (!matcher.find()) {
            return new GroupedResult.Groups(Map.of("", new QueryResult.Value(7)));
        }
        Map<String, QueryResult> byService = new HashMap<>();
        for (String service : matcher.group(1).split("\\|")) {
            String name = service.replace("\\\\.", ".");
            if (rate.containsKey(name)) {
                byService.put(name, new QueryResult.Value(promql.contains("_count") && !promql.contains("_sum")
                        ? rate.get(name) : 0.05));
            }
        }
        return new GroupedResult.Groups(byService);
    }

    private static ReplicaScaler replicas(int count) {
        return new ReplicaScaler() {
            @Override
            public int desiredReplicas() {
                return count;
            }

            @Override
            public int runningReplicas() {
                return count;
            }

            @Override
            public void scaleTo(int replicas) {}
        };
    }

    @Test
    void a_thousand_services_send_seven_queries_a_round_and_each_reads_its_own_rate() {
        SharedQueries queries = new SharedQueries(this::answer, Duration.ofSeconds(2), now::get);
        List<MetricsSource> sources = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            rate.put("shop_s" + i, (double) i);
            sources.add(queries.register("shop_s" + i, ServiceLabelsTest.DEFAULTS, 1, metric -> {}));
        }
        for (int i = 0; i < 1000; i++) {
            Observation o = sources.get(i).observe(replicas(2));
            assertEquals(i, o.requestRate(), "service " + i);
            assertEquals(50, o.p95LatencyMs(), 1e-9);
        }
        assertEquals(7, sent.size(), "one query per field for all: " + sent.size());
        assertEquals(7, queries.queriesSent());
        now.addAndGet(Duration.ofSeconds(3).toNanos());
        sources.get(5).observe(replicas(2));
        assertEquals(14, queries.queriesSent(), "the next round asks again");
    }

    @Test
    void a_service_with_a_query_of_its_own_gets_a_query_of_its_own_and_the_others_share() {
        SharedQueries queries = new SharedQueries(this::answer, Duration.ofSeconds(2), now::get);
        rate.put("a", 3.0);
        rate.put("b", 4.0);
        Queries own = new Queries(QueryTemplates.CPU_USAGE, QueryTemplates.RAM_USAGE, QueryTemplates.REPLICA_CPU,
                "sum(rate(my_requests_total[1m]))", QueryTemplates.MEAN_LATENCY, QueryTemplates.P95_LATENCY,
                QueryTemplates.RUNNING_TIME);
        ServiceSettings d = ServiceLabelsTest.DEFAULTS;
        MetricsSource a = queries.register("a", d, 1, metric -> {});
        MetricsSource b = queries.register("b", new ServiceSettings(d.limits(), d.agent(), d.learn(), d.sloP95Ms(),
                d.cooldownSeconds(), d.maxStep(), d.hpaTarget(), d.dryRun(), own, ""), 1, metric -> {});
        assertEquals(3, a.observe(replicas(1)).requestRate());
        assertEquals(7, b.observe(replicas(1)).requestRate(), "its own query's one series");
        assertEquals(8, sent.size(), "7 shared and b's own: " + sent);
        assertTrue(sent.contains("sum(rate(my_requests_total[1m]))"), sent.toString());
    }

    @Test
    void a_service_without_series_misses_its_metrics_and_says_which() {
        SharedQueries queries = new SharedQueries(this::answer, Duration.ofSeconds(2), now::get);
        rate.put("up", 5.0);
        List<MissingMetric> missing = new ArrayList<>();
        queries.register("up", ServiceLabelsTest.DEFAULTS, 1, metric -> {});
        MetricsSource silent = queries.register("silent", ServiceLabelsTest.DEFAULTS, 1, missing::add);
        Observation o = silent.observe(replicas(1));
        assertTrue(Double.isNaN(o.requestRate()) && Double.isNaN(o.replicaCpuUtilisation()), o.toString());
        assertEquals(List.of("cpuUsage", "ramUsage", "replicaCpuUtilisation", "requestRate", "meanLatencyMs", "p95LatencyMs"),
                missing.stream().map(MissingMetric::field).toList());
        assertEquals("empty", missing.get(3).kind());
        assertTrue(missing.get(3).query().contains("service=~\"silent\""), missing.get(3).query());
    }

    @Test
    void a_failed_query_is_missing_for_every_service_it_was_for() {
        SharedQueries queries = new SharedQueries((promql, label) -> new GroupedResult.Failed(
                new QueryResult.Missing(QueryResult.Missing.Kind.timeout, "no answer after 5000 ms")), Duration.ofSeconds(2),
                now::get);
        List<MissingMetric> missing = new ArrayList<>();
        MetricsSource a = queries.register("a", ServiceLabelsTest.DEFAULTS, 1, missing::add);
        a.observe(replicas(1));
        assertEquals("timeout", missing.getFirst().kind());
        assertEquals("no answer after 5000 ms", missing.getFirst().reason());
    }
}
