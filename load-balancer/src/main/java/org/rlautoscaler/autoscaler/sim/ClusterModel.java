package org.rlautoscaler.autoscaler.sim;

/**
 * The simulated cluster's physics. Defaults resemble the web application's {@code /test}
 * endpoint (5 ms of CPU per request) with one core per replica, on one 12-core, 16 GiB host.
 *
 * @param cpuSecondsPerRequest  CPU time one request costs, in seconds
 * @param coresPerReplica       CPU a replica may use, in cores
 * @param hostCores             cores of the host all replicas share (for {@code cpu_usage})
 * @param hostMemoryMiB         memory of the host (for {@code ram_usage}), MiB
 * @param baseMemoryMiB         memory in use with no replica at all (OS, other services), MiB
 * @param replicaMemoryMiB      memory of one idle replica, MiB
 * @param requestMemoryMiB      memory of one request in flight, MiB
 * @param idleCpuFraction       CPU a replica uses with no load, fraction of its cores
 * @param startupSeconds        time from asking for a replica to its serving requests, seconds
 * @param rateWindowSeconds     window of the rates the metrics report (PromQL {@code [30s]}), seconds
 * @param noise                 relative standard deviation of measurement noise (0.03 = 3 %), uniform
 * @param timeoutSeconds        requests waiting longer than this are dropped from the backlog, seconds
 */
public record ClusterModel(double cpuSecondsPerRequest, double coresPerReplica, double hostCores,
                           double hostMemoryMiB, double baseMemoryMiB, double replicaMemoryMiB,
                           double requestMemoryMiB, double idleCpuFraction, double startupSeconds,
                           double rateWindowSeconds, double noise, double timeoutSeconds) {

    public static ClusterModel defaults() {
        return new ClusterModel(0.005, 1.0, 12, 16_384, 1_536, 256, 0.5, 0.02, 10, 30, 0.03, 10);
    }

    /** Requests a second one replica serves at full CPU. */
    public double replicaCapacity() {
        return coresPerReplica / cpuSecondsPerRequest;
    }

    /** Mean latency of an M/M/1 queue at utilisation {@code rho}, in seconds, capped at the timeout. */
    public double meanLatencySeconds(double rho) {
        double service = cpuSecondsPerRequest / coresPerReplica;
        return rho >= 1 ? timeoutSeconds : Math.min(timeoutSeconds, service / (1 - rho));
    }

    /**
     * The fewest replicas whose steady-state p95 latency at {@code rate} requests a second stays
     * at or below {@code sloP95Seconds} (p95 = 3 x mean, as for exponential response times):
     * {@code 3 s / (1 - rho) <= slo} holds while {@code rho <= 1 - 3 s / slo}, so the answer is
     * {@code ceil(rate / (capacity x (1 - 3 s / slo)))}, at least 1, at most {@code max}.
     */
    public int replicasNeeded(double rate, double sloP95Seconds, int max) {
        double service = cpuSecondsPerRequest / coresPerReplica;
        double highestUtilisation = 1 - 3 * service / sloP95Seconds;
        if (highestUtilisation <= 0) {
            return max; // even an idle replica misses the objective
        }
        double needed = Math.ceil(rate / (replicaCapacity() * highestUtilisation) - 1e-9);
        return (int) Math.max(1, Math.min(max, needed));
    }
}
