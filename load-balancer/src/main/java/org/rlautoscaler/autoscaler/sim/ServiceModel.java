package org.rlautoscaler.autoscaler.sim;

/**
 * What one replica of the service can do, and what it costs: the physics the simulated cluster
 * runs on. {@link #queueing} is the textbook M/M/1 replica on a core of its own; a model from
 * {@code calibrate} ({@link ModelFile}) carries the latency curves measured on the real service.
 *
 * @param cpuSecondsPerRequest CPU time one request costs on a warm replica, in seconds
 * @param coresPerReplica      CPU a replica may use (its limit), in cores
 * @param sharedCores          cores all replicas share, as on one host: capacity is
 *                             {@code min(replicas x coresPerReplica, sharedCores)};
 *                             {@code Double.POSITIVE_INFINITY} when each replica has cores of its own
 * @param idleCoresPerReplica  CPU a replica uses with no request, in cores
 * @param startupSeconds       time from asking for a replica to its serving requests, in seconds
 * @param warmupSeconds        time after it starts serving during which a replica is slower
 *                             (just-in-time compilation, cold caches), in seconds
 * @param warmupCpuFactor      how much more CPU a request costs during the warm-up (1: no warm-up)
 * @param arrivalCv            variability of arrivals: the coefficient of variation of the time
 *                             between two requests (1 for independent visitors, as a Poisson
 *                             process; 0 for perfectly even arrivals)
 * @param timeoutSeconds       longest latency; requests waiting longer are dropped, in seconds
 * @param latency              how latency grows with utilisation
 */
public record ServiceModel(double cpuSecondsPerRequest, double coresPerReplica, double sharedCores,
                           double idleCoresPerReplica, double startupSeconds, double warmupSeconds,
                           double warmupCpuFactor, double arrivalCv, double timeoutSeconds, LatencyModel latency) {

    public ServiceModel {
        positive("cpu_seconds_per_request", cpuSecondsPerRequest);
        positive("cores_per_replica", coresPerReplica);
        if (Double.isInfinite(coresPerReplica)) {
            throw new IllegalArgumentException("cores_per_replica: " + coresPerReplica + "; accepted: a finite number above 0");
        }
        if (cpuSecondsPerRequest > coresPerReplica * 3600) {
            throw new IllegalArgumentException("cpu_seconds_per_request: " + cpuSecondsPerRequest + "; accepted: at most "
                    + "cores_per_replica x 3600 = " + coresPerReplica * 3600 + " (a replica serving at least one request "
                    + "an hour)");
        }
        positive("shared_cores", sharedCores);
        atLeast("idle_cores_per_replica", idleCoresPerReplica, 0);
        if (idleCoresPerReplica >= coresPerReplica) {
            throw new IllegalArgumentException("idle_cores_per_replica: " + idleCoresPerReplica + "; accepted: less than "
                    + "cores_per_replica (" + coresPerReplica + ")");
        }
        atLeast("startup_seconds", startupSeconds, 0);
        atLeast("warmup_seconds", warmupSeconds, 0);
        atLeast("warmup_cpu_factor", warmupCpuFactor, 1);
        atLeast("arrival_cv", arrivalCv, 0);
        positive("timeout_seconds", timeoutSeconds);
        if (latency == null) {
            throw new IllegalArgumentException("latency: missing");
        }
    }

    /**
     * The textbook replica: M/M/1 latency, each replica on {@code coresPerReplica} cores of its
     * own, 2 % of them busy when idle, no warm-up, perfectly even arrivals.
     */
    public static ServiceModel queueing(double cpuSecondsPerRequest, double coresPerReplica, double startupSeconds,
                                        double timeoutSeconds) {
        return new ServiceModel(cpuSecondsPerRequest, coresPerReplica, Double.POSITIVE_INFINITY,
                0.02 * coresPerReplica, startupSeconds, 0, 1, 0, timeoutSeconds,
                new QueueingLatency(cpuSecondsPerRequest / coresPerReplica, timeoutSeconds));
    }

    /** Cores that {@code replicas} serving replicas can use (warming ones count as a share of one). */
    public double cores(double replicas) {
        return Math.min(replicas * coresPerReplica, sharedCores);
    }

    /** Requests a second that {@code replicas} warm, serving replicas answer at full CPU. */
    public double capacity(double replicas) {
        return cores(replicas) / cpuSecondsPerRequest;
    }

    /**
     * Mean latency at {@code utilisation}, {@code slowdown} times as long while replicas warm up,
     * plus the mean wait behind a backlog that takes {@code backlogSeconds} to serve; in seconds.
     */
    public double meanLatencySeconds(double utilisation, double slowdown, double backlogSeconds) {
        return Math.min(timeoutSeconds, slowdown * latency.meanSeconds(utilisation) + backlogSeconds / 2);
    }

    /** p95 latency, likewise, with the 95th percentile's wait behind the backlog; in seconds. */
    public double p95LatencySeconds(double utilisation, double slowdown, double backlogSeconds) {
        return Math.min(timeoutSeconds, slowdown * latency.p95Seconds(utilisation) + 0.95 * backlogSeconds);
    }

    /**
     * The fewest replicas whose steady-state p95 latency at {@code rate} requests a second stays at
     * or below {@code sloP95Seconds}: {@code ceil(rate x cpu / (cores x highest utilisation))}, at
     * least 1, at most {@code max}. When no count can meet it (the objective is below an idle
     * replica's latency, or the shared cores cannot carry the load), every replica up to the
     * shared cores: more would cost without helping.
     */
    public int replicasNeeded(double rate, double sloP95Seconds, int max) {
        return replicasNeededAt(rate, latency.highestUtilisation(sloP95Seconds), max);
    }

    /** The same, given the highest utilisation that meets the objective ({@link LatencyModel#highestUtilisation}). */
    public int replicasNeededAt(double rate, double highest, int max) {
        int saturating = (int) Math.min(max, Math.ceil(sharedCores / coresPerReplica - 1e-9));
        if (highest <= 0) {
            return Math.max(1, saturating);
        }
        double coresNeeded = rate * cpuSecondsPerRequest / highest;
        if (coresNeeded > sharedCores * (1 + 1e-12)) {
            return Math.max(1, saturating);
        }
        double needed = Math.ceil(coresNeeded / coresPerReplica - 1e-9);
        return (int) Math.max(1, Math.min(max, needed));
    }

    /** This model with requests costing {@code seconds} of CPU each; latency scales with it. */
    public ServiceModel withCpuSecondsPerRequest(double seconds) {
        return new ServiceModel(seconds, coresPerReplica, sharedCores, idleCoresPerReplica, startupSeconds,
                warmupSeconds, warmupCpuFactor, arrivalCv, timeoutSeconds, latency.scaled(seconds / cpuSecondsPerRequest));
    }

    public ServiceModel withStartupSeconds(double seconds) {
        return new ServiceModel(cpuSecondsPerRequest, coresPerReplica, sharedCores, idleCoresPerReplica, seconds,
                warmupSeconds, warmupCpuFactor, arrivalCv, timeoutSeconds, latency);
    }

    /** This model with replicas limited to {@code cores} each. */
    public ServiceModel withCoresPerReplica(double cores) {
        return new ServiceModel(cpuSecondsPerRequest, cores, sharedCores, idleCoresPerReplica, startupSeconds,
                warmupSeconds, warmupCpuFactor, arrivalCv, timeoutSeconds, latency);
    }

    /** This model with every replica on one host of {@code cores} cores. */
    public ServiceModel withSharedCores(double cores) {
        return new ServiceModel(cpuSecondsPerRequest, coresPerReplica, cores, idleCoresPerReplica, startupSeconds,
                warmupSeconds, warmupCpuFactor, arrivalCv, timeoutSeconds, latency);
    }

    private static void positive(String field, double value) {
        if (!(value > 0)) {
            throw new IllegalArgumentException(field + ": " + value + "; accepted: a number above 0");
        }
    }

    private static void atLeast(String field, double value, double min) {
        if (!(value >= min) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(field + ": " + value + "; accepted: a finite number of at least " + min);
        }
    }
}
