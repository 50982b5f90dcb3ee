package org.rlautoscaler.autoscaler.env;

/** Where the metrics come from: the simulated cluster, or Prometheus. */
public interface MetricsSource {
    /**
     * The service's metrics now, with the replica counts filled in from {@code scaler};
     * unreadable metrics are NaN.
     */
    Observation observe(ReplicaScaler scaler);
}
