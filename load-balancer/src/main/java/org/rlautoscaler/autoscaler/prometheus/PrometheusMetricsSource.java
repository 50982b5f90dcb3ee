package org.rlautoscaler.autoscaler.prometheus;

import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.rlautoscaler.autoscaler.env.MetricsSource;
import org.rlautoscaler.autoscaler.env.MissingMetricListener;
import org.rlautoscaler.autoscaler.env.Observation;
import org.rlautoscaler.autoscaler.env.ReplicaScaler;

/**
 * The live service's metrics, read from Prometheus: the seven {@link Queries} run together (one
 * virtual thread each, so a hung server costs one timeout, not seven), converted to the units of
 * {@link Observation}. A metric that cannot be read is NaN, never zero, and the
 * {@link MissingMetricListener} hears why.
 */
public final class PrometheusMetricsSource implements MetricsSource {
    private final PrometheusClient client;
    private final Queries queries;
    private final double coresPerReplica;
    private final MissingMetricListener listener;

    /**
     * @param coresPerReplica the CPU cores one replica may use (its limit), to turn cores used
     *                        into a fraction; positive
     */
    public PrometheusMetricsSource(PrometheusClient client, Queries queries, double coresPerReplica,
                                   MissingMetricListener listener) {
        if (!(coresPerReplica > 0) || Double.isInfinite(coresPerReplica)) {
            throw new IllegalArgumentException("coresPerReplica must be positive and finite, got " + coresPerReplica);
        }
        this.client = Objects.requireNonNull(client, "client");
        this.queries = Objects.requireNonNull(queries, "queries");
        this.coresPerReplica = coresPerReplica;
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /**
     * Reads the replica counts from {@code scaler} (a {@code ScalingException} propagates, before
     * any query), then the seven metrics.
     */
    @Override
    public Observation observe(ReplicaScaler scaler) {
        int desired = scaler.desiredReplicas();
        int running = scaler.runningReplicas();
        Future<QueryResult> cpu;
        Future<QueryResult> ram;
        Future<QueryResult> replicaCpu;
        Future<QueryResult> rate;
        Future<QueryResult> mean;
        Future<QueryResult> p95;
        Future<QueryResult> runningTime;
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            cpu = executor.submit(() -> client.query(queries.cpuUsage()));
            ram = executor.submit(() -> client.query(queries.ramUsage()));
            replicaCpu = executor.submit(() -> client.query(queries.replicaCpuUtilisation()));
            rate = executor.submit(() -> client.query(queries.requestRate()));
            mean = executor.submit(() -> client.query(queries.meanLatency()));
            p95 = executor.submit(() -> client.query(queries.p95Latency()));
            runningTime = executor.submit(() -> client.query(queries.runningTime()));
        } // waits for all seven: each is bounded by the client's call timeout
        Readings readings = new Readings(answer("cpuUsage", cpu), answer("ramUsage", ram),
                answer("replicaCpuUtilisation", replicaCpu), answer("requestRate", rate), answer("meanLatencyMs", mean),
                answer("p95LatencyMs", p95), answer("runningTime", runningTime));
        return readings.observation(desired, running, queries, coresPerReplica, listener);
    }

    /** The answer of a query that ran. */
    private static QueryResult answer(String field, Future<QueryResult> answer) {
        if (answer.state() != Future.State.SUCCESS) {
            // query() answers every failure it knows: only an interrupt (cancelled) or a bug gets here
            throw new IllegalStateException("The query for " + field + " ended " + answer.state(),
                    answer.state() == Future.State.FAILED ? answer.exceptionNow() : null);
        }
        return answer.resultNow();
    }
}
