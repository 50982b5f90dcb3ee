package org.rlautoscaler.autoscaler.live;

import java.util.ArrayList;
import java.util.List;
import org.rlautoscaler.autoscaler.env.MissingMetric;
import org.rlautoscaler.autoscaler.env.MissingMetricListener;

/**
 * The metrics missing from the observation being read, kept until the control loop has decided
 * on it and says, once a period, which were missing and why. Made before the metrics source and
 * the loop, and given to both: the source tells it, the loop takes from it.
 */
public final class MissingMetrics implements MissingMetricListener {
    private final List<MissingMetric> missing = new ArrayList<>();

    @Override
    public synchronized void missing(MissingMetric metric) {
        missing.add(metric);
    }

    /** The metrics missing since the last call, in the order they were heard; forgets them. */
    synchronized List<MissingMetric> take() {
        List<MissingMetric> taken = List.copyOf(missing);
        missing.clear();
        return taken;
    }
}
