package org.rlautoscaler.autoscaler.env;

/**
 * What the autoscaler sees at one moment: the same fields offline (simulated cluster) and live
 * (Prometheus and Docker). A metric that could not be read is {@code NaN}, never zero: a blind
 * autoscaler must not mistake "no data" for "no load".
 *
 * @param desiredReplicas       replicas the service is asked to run
 * @param runningReplicas       replicas running now
 * @param cpuUsage              the web application's {@code cpu_usage} averaged over replicas:
 *                              percent (0-100) of each replica's CPU limit in a container, else of the host
 * @param ramUsage              the web application's {@code ram_usage}: memory in use on the
 *                              host, percent (0-100)
 * @param replicaCpuUtilisation CPU used per replica, as a fraction of the CPU a replica may use
 *                              (1.0 = saturated), averaged over replicas
 * @param requestRate           requests per second arriving at the service
 * @param meanLatencyMs         mean request latency, in milliseconds
 * @param p95LatencyMs          95th percentile request latency, in milliseconds
 * @param runningTimeSeconds    the web application's {@code running_time} of its youngest replica:
 *                              seconds since that replica started (the Swarm original's uptime);
 *                              a replica younger than a period that nobody added has restarted.
 *                              No agent decides from it; NaN where unknown (the simulated cluster)
 */
public record Observation(int desiredReplicas, int runningReplicas, double cpuUsage, double ramUsage,
                          double replicaCpuUtilisation, double requestRate, double meanLatencyMs,
                          double p95LatencyMs, double runningTimeSeconds) {

    /** An observation without the replicas' running time. */
    public Observation(int desiredReplicas, int runningReplicas, double cpuUsage, double ramUsage,
                       double replicaCpuUtilisation, double requestRate, double meanLatencyMs, double p95LatencyMs) {
        this(desiredReplicas, runningReplicas, cpuUsage, ramUsage, replicaCpuUtilisation, requestRate, meanLatencyMs,
                p95LatencyMs, Double.NaN);
    }

    /** True when no metric is missing. */
    public boolean complete() {
        return !Double.isNaN(cpuUsage) && !Double.isNaN(ramUsage) && !Double.isNaN(replicaCpuUtilisation)
                && !Double.isNaN(requestRate) && !Double.isNaN(meanLatencyMs) && !Double.isNaN(p95LatencyMs);
    }
}
