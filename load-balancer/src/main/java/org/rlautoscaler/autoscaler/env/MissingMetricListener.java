package org.rlautoscaler.autoscaler.env;

/** Hears each metric that a {@link MetricsSource} could not read, so that the control loop counts and logs it. */
@FunctionalInterface
public interface MissingMetricListener {
    /** One metric of one observation is missing. */
    void missing(MissingMetric metric);

    /** A listener that ignores everything. */
    static MissingMetricListener ignoring() {
        return metric -> {};
    }
}
