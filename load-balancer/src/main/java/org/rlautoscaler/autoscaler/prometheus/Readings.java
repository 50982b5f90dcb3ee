package org.rlautoscaler.autoscaler.prometheus;

import org.rlautoscaler.autoscaler.env.MissingMetric;
import org.rlautoscaler.autoscaler.env.MissingMetricListener;
import org.rlautoscaler.autoscaler.env.Observation;

/**
 * The answers to the seven {@link Queries} of one service, and their conversion to the units of
 * an {@link Observation}: a metric that cannot be read is NaN, never zero, and the listener hears
 * why.
 */
public record Readings(QueryResult cpuUsage, QueryResult ramUsage, QueryResult replicaCpuUtilisation,
                       QueryResult requestRate, QueryResult meanLatency, QueryResult p95Latency, QueryResult runningTime) {

    /**
     * The observation of a service that runs {@code desired} and {@code running} replicas.
     *
     * @param queries         the queries answered, named in what the listener hears
     * @param coresPerReplica the CPU cores one replica may use, to turn cores used into a fraction
     */
    public Observation observation(int desired, int running, Queries queries, double coresPerReplica,
                                   MissingMetricListener listener) {
        // In field order, so that the listener hears the missing ones in that order.
        double cpu = value("cpuUsage", queries.cpuUsage(), cpuUsage, 1, listener);
        double ram = value("ramUsage", queries.ramUsage(), ramUsage, 1, listener);
        double replicaCpu = value("replicaCpuUtilisation", queries.replicaCpuUtilisation(), replicaCpuUtilisation,
                1 / coresPerReplica, listener);
        double rate = value("requestRate", queries.requestRate(), requestRate, 1, listener);
        boolean idle = rate == 0;
        return new Observation(desired, running, cpu, ram, replicaCpu, rate,
                idle ? latencyWhenIdle(meanLatency) : value("meanLatencyMs", queries.meanLatency(), meanLatency, 1000, listener),
                idle ? latencyWhenIdle(p95Latency) : value("p95LatencyMs", queries.p95Latency(), p95Latency, 1000, listener),
                runningTime instanceof QueryResult.Value v ? v.value() : Double.NaN); // no agent decides from it: not a word
    }

    /**
     * With no requests at all (a known rate of 0, not a missing one), the latency queries divide
     * 0 by 0: nobody waited, so the latency is 0 ms. Without this, an idle service would look
     * blind forever and never be scaled in.
     */
    private static double latencyWhenIdle(QueryResult answer) {
        return answer instanceof QueryResult.Value value ? value.value() * 1000 : 0.0;
    }

    /** The result times {@code scale}, or NaN after telling the listener why. */
    private static double value(String field, String query, QueryResult answer, double scale, MissingMetricListener listener) {
        return switch (answer) {
            case QueryResult.Value value -> value.value() * scale;
            case QueryResult.Missing missing -> {
                listener.missing(new MissingMetric(field, query, missing.kind().name(), missing.reason()));
                yield Double.NaN;
            }
        };
    }
}
