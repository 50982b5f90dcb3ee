package org.rlautoscaler.autoscaler.prometheus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rlautoscaler.autoscaler.prometheus.CannedPrometheus.vector;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rlautoscaler.autoscaler.env.MissingMetric;
import org.rlautoscaler.autoscaler.env.MissingMetricListener;
import org.rlautoscaler.autoscaler.env.Observation;
import org.rlautoscaler.autoscaler.env.ReplicaScaler;
import org.rlautoscaler.autoscaler.env.ScalingException;
import org.rlautoscaler.autoscaler.prometheus.QueryResult.Missing;
import org.rlautoscaler.autoscaler.prometheus.QueryResult.Missing.Kind;

/** The source against a canned Prometheus: units, NaN for what is missing, replica counts. */
class PrometheusMetricsSourceConversionTest {
    private final Map<String, Missing> heard = new LinkedHashMap<>();

    @Test
    void converts_each_metric_to_the_units_of_an_observation() throws IOException {
        Map<String, String> answers = Map.of(
                Queries.CPU_USAGE, "40", Queries.RAM_USAGE, "55.5", Queries.REPLICA_CPU_UTILISATION, "0.5",
                Queries.REQUEST_RATE, "12.5", Queries.MEAN_LATENCY, "0.02", Queries.P95_LATENCY, "0.045",
                Queries.RUNNING_TIME, "312");
        try (CannedPrometheus server = new CannedPrometheus(q -> vector(answers.get(q)));
             PrometheusClient client = PrometheusClient.create(server.url())) {
            var source = new PrometheusMetricsSource(client, Queries.defaults(), 2.0, metric -> heard.put(metric.field(), asQueryResult(metric)));
            Observation observation = source.observe(new FakeScaler(3, 2));
            // running_time: seconds since the youngest replica started, as read
            assertEquals(new Observation(3, 2, 40, 55.5, 0.25, 12.5, 20, 45, 312), observation);
            assertEquals(Map.of(), heard);
            assertEquals(7, server.queries().size());
        }
    }

    @Test
    void a_missing_metric_is_nan_and_the_listener_hears_why() throws IOException {
        Map<String, CannedPrometheus.Answer> answers = Map.of(
                Queries.REQUEST_RATE, vector("3"), Queries.MEAN_LATENCY, vector("NaN"),
                Queries.P95_LATENCY, vector("NaN"), Queries.RAM_USAGE, vector("1", "2"));
        try (CannedPrometheus server = new CannedPrometheus(q -> answers.getOrDefault(q, vector()));
             PrometheusClient client = PrometheusClient.create(server.url())) {
            var source = new PrometheusMetricsSource(client, Queries.defaults(), 1.0, metric -> heard.put(metric.field(), asQueryResult(metric)));
            Observation observation = source.observe(new FakeScaler(1, 1));
            assertEquals(3.0, observation.requestRate());
            for (double missing : List.of(observation.cpuUsage(), observation.ramUsage(),
                    observation.replicaCpuUtilisation(), observation.meanLatencyMs(), observation.p95LatencyMs())) {
                assertTrue(Double.isNaN(missing), observation::toString);
            }
            assertEquals(List.of("cpuUsage", "ramUsage", "replicaCpuUtilisation", "meanLatencyMs", "p95LatencyMs"),
                    List.copyOf(heard.keySet()));
            assertEquals(new Missing(Kind.empty, "no series"), heard.get("cpuUsage"));
            assertEquals(new Missing(Kind.bad_response, "2 series; the query must return one"), heard.get("ramUsage"));
            assertEquals(new Missing(Kind.nan, "value is NaN"), heard.get("meanLatencyMs"));
        }
    }

    @Test
    void an_idle_service_has_a_latency_of_zero_not_a_missing_one() throws IOException {
        // No requests: the rate is a known 0 and the latency queries divide 0 by 0 (NaN).
        Map<String, CannedPrometheus.Answer> answers = Map.of(
                Queries.REQUEST_RATE, vector("0"), Queries.MEAN_LATENCY, vector("NaN"), Queries.P95_LATENCY, vector());
        try (CannedPrometheus server = new CannedPrometheus(q -> answers.getOrDefault(q, vector("1")));
             PrometheusClient client = PrometheusClient.create(server.url())) {
            var source = new PrometheusMetricsSource(client, Queries.defaults(), 1.0, metric -> heard.put(metric.field(), asQueryResult(metric)));
            Observation observation = source.observe(new FakeScaler(2, 2));
            assertEquals(new Observation(2, 2, 1, 1, 1, 0, 0, 0, 1), observation);
            assertEquals(Map.of(), heard);
        }
    }

    @Test
    void a_missing_rate_leaves_a_missing_latency_missing() throws IOException {
        Map<String, CannedPrometheus.Answer> answers = Map.of(
                Queries.REQUEST_RATE, vector(), Queries.MEAN_LATENCY, vector("NaN"), Queries.P95_LATENCY, vector("NaN"));
        try (CannedPrometheus server = new CannedPrometheus(q -> answers.getOrDefault(q, vector("1")));
             PrometheusClient client = PrometheusClient.create(server.url())) {
            var source = new PrometheusMetricsSource(client, Queries.defaults(), 1.0, metric -> heard.put(metric.field(), asQueryResult(metric)));
            Observation observation = source.observe(new FakeScaler(2, 2));
            assertTrue(Double.isNaN(observation.requestRate()));
            assertTrue(Double.isNaN(observation.meanLatencyMs()));
            assertTrue(Double.isNaN(observation.p95LatencyMs()));
        }
    }

    @Test
    void a_scaling_exception_propagates_before_any_query() throws IOException {
        ScalingException failure = new ScalingException(ScalingException.Kind.unreachable, "no engine");
        ReplicaScaler broken = new ReplicaScaler() {
            public int desiredReplicas() { throw failure; }
            public int runningReplicas() { return 1; }
            public void scaleTo(int replicas) {}
        };
        try (CannedPrometheus server = new CannedPrometheus(q -> vector("1"));
             PrometheusClient client = PrometheusClient.create(server.url())) {
            var source = new PrometheusMetricsSource(client, Queries.defaults(), 1.0, metric -> heard.put(metric.field(), asQueryResult(metric)));
            assertSame(failure, assertThrows(ScalingException.class, () -> source.observe(broken)));
            assertEquals(List.of(), server.queries());
        }
    }

    @Test
    void refuses_cores_per_replica_that_are_not_positive() {
        PrometheusClient client = PrometheusClient.create("http://127.0.0.1:9090");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new PrometheusMetricsSource(client, Queries.defaults(), 0, MissingMetricListener.ignoring()));
        assertEquals("coresPerReplica must be positive and finite, got 0.0", e.getMessage());
    }

    /** What the source heard, back in Prometheus' terms. */
    private static QueryResult.Missing asQueryResult(MissingMetric metric) {
        return new QueryResult.Missing(QueryResult.Missing.Kind.valueOf(metric.kind()), metric.reason());
    }
}
