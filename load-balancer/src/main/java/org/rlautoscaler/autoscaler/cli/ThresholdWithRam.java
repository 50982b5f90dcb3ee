package org.rlautoscaler.autoscaler.cli;

import org.rlautoscaler.autoscaler.agent.Decision;
import org.rlautoscaler.autoscaler.agent.Policy;
import org.rlautoscaler.autoscaler.agent.ThresholdPolicy;
import org.rlautoscaler.autoscaler.env.Observation;

/** The threshold rule live: CPU per replica as {@link ThresholdPolicy}, and RAM above RAM_THRESHOLD adds a replica too. */
record ThresholdWithRam(double upper, double lower, double ramThresholdPercent) implements Policy {
    @Override
    public boolean canDecide(Observation observation) {
        return !Double.isNaN(observation.replicaCpuUtilisation());
    }

    @Override
    public String name() {
        return ThresholdPolicy.NAME;
    }

    @Override
    public Decision decide(Observation o) {
        if (!Double.isNaN(o.ramUsage()) && o.ramUsage() > ramThresholdPercent) {
            return Decision.rule(o.desiredReplicas() + 1, "RAM above RAM_THRESHOLD");
        }
        return new ThresholdPolicy(upper, lower).decide(o);
    }
}
