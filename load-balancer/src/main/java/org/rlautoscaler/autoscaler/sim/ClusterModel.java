package org.rlautoscaler.autoscaler.sim;

/**
 * The simulated cluster: the service's physics, and what the cluster around it adds (the host's
 * memory, how the metrics lag and how noisy they are). {@link #defaults()} runs the model
 * calibrated on the web application's {@code /test} endpoint (bundled {@code models/web-application.json}).
 *
 * @param service           what a replica can do and what it costs
 * @param hostCores         cores of the host, for reference: {@code cpu_usage} is each replica's
 *                          CPU against its own limit (as the web application reports it in a
 *                          container), not the host's
 * @param hostMemoryMiB     memory of the host (for {@code ram_usage}), MiB
 * @param baseMemoryMiB     memory in use with no replica at all (OS, other services), MiB
 * @param replicaMemoryMiB  memory of one idle replica, MiB
 * @param requestMemoryMiB  memory of one request in flight, MiB
 * @param rateWindowSeconds window of the rates the metrics report (PromQL {@code [30s]}), seconds
 * @param noise             relative standard deviation of measurement noise (0.03 = 3 %), uniform
 */
public record ClusterModel(ServiceModel service, double hostCores, double hostMemoryMiB, double baseMemoryMiB,
                           double replicaMemoryMiB, double requestMemoryMiB, double rateWindowSeconds, double noise) {

    /** The bundled calibrated service on a 12-core, 16 GiB host, metrics over 30 s with 3 % noise. */
    public static ClusterModel defaults() {
        return of(ModelFile.bundled().service());
    }

    /** {@code service} with the default host, metrics window and noise. */
    public static ClusterModel of(ServiceModel service) {
        return new ClusterModel(service, 12, 16_384, 1_536, 256, 0.5, 30, 0.03);
    }

    public ClusterModel withNoise(double other) {
        return new ClusterModel(service, hostCores, hostMemoryMiB, baseMemoryMiB, replicaMemoryMiB, requestMemoryMiB,
                rateWindowSeconds, other);
    }

    /** Requests a second one warm replica serves at full CPU. */
    public double replicaCapacity() {
        return service.capacity(1);
    }

    /** See {@link ServiceModel#replicasNeeded}. */
    public int replicasNeeded(double rate, double sloP95Seconds, int max) {
        return service.replicasNeeded(rate, sloP95Seconds, max);
    }
}
