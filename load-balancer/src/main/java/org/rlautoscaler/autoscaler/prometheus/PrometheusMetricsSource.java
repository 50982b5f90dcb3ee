package org.rlautoscaler.autoscaler.prometheus;

import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.rlautoscaler.autoscaler.env.MetricsSource;
import org.rlautoscaler.autoscaler.env.MissingMetric;
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
        // In field order, so that the listener hears the missing ones in that order.
        double cpuUsage = value("cpuUsage", queries.cpuUsage(), cpu, 1);
        double ramUsage = value("ramUsage", queries.ramUsage(), ram, 1);
        double replicaCpuUtilisation = value("replicaCpuUtilisation", queries.replicaCpuUtilisation(), replicaCpu,
                1 / coresPerReplica);
        double requestRate = value("requestRate", queries.requestRate(), rate, 1);
        boolean idle = requestRate == 0;
        return new Observation(desired, running, cpuUsage, ramUsage, replicaCpuUtilisation, requestRate,
                idle ? latencyWhenIdle(mean) : value("meanLatencyMs", queries.meanLatency(), mean, 1000),
                idle ? latencyWhenIdle(p95) : value("p95LatencyMs", queries.p95Latency(), p95, 1000),
                valueOr(runningTime, Double.NaN)); // no agent decides from it: missing is not a word to the listener
    }

    /**
     * With no requests at all (a known rate of 0, not a missing one), the latency queries divide
     * 0 by 0: nobody waited, so the latency is 0 ms. Without this, an idle service would look
     * blind forever and never be scaled in.
     */
    private static double latencyWhenIdle(Future<QueryResult> answer) {
        return valueOr(answer, 0.0) * 1000;
    }

    /** The value read, or {@code otherwise} when there is none; the listener hears nothing. */
    private static double valueOr(Future<QueryResult> answer, double otherwise) {
        return answer.state() == Future.State.SUCCESS && answer.resultNow() instanceof QueryResult.Value value
                ? value.value() : otherwise;
    }

    /** The result times {@code scale}, or NaN after telling the listener why. */
    private double value(String field, String query, Future<QueryResult> answer, double scale) {
        if (answer.state() != Future.State.SUCCESS) {
            // query() answers every failure it knows: only an interrupt (cancelled) or a bug gets here
            throw new IllegalStateException("The query for " + field + " ended " + answer.state(),
                    answer.state() == Future.State.FAILED ? answer.exceptionNow() : null);
        }
        return switch (answer.resultNow()) {
            case QueryResult.Value value -> value.value() * scale;
            case QueryResult.Missing missing -> {
                listener.missing(new MissingMetric(field, query, missing.kind().name(), missing.reason()));
                yield Double.NaN;
            }
        };
    }
}
