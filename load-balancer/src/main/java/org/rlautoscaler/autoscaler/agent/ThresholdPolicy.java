package org.rlautoscaler.autoscaler.agent;

import org.rlautoscaler.autoscaler.env.Observation;

/**
 * {@code threshold}: the rule of the common Docker Swarm autoscalers: CPU per replica above
 * {@code upper} (85 %) adds one replica, below {@code lower} (25 %) removes one.
 */
public record ThresholdPolicy(double upper, double lower) implements Policy {
    public static final String NAME = "threshold";

    public static ThresholdPolicy defaults() {
        return new ThresholdPolicy(0.85, 0.25);
    }

    @Override
    public boolean canDecide(Observation observation) {
        return !Double.isNaN(observation.replicaCpuUtilisation());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Decision decide(Observation o) {
        double utilisation = o.replicaCpuUtilisation();
        if (Double.isNaN(utilisation)) {
            return Decision.rule(o.desiredReplicas(), "hold: CPU is missing");
        }
        if (utilisation > upper) {
            return Decision.rule(o.desiredReplicas() + 1, "CPU above the upper threshold");
        }
        if (utilisation < lower) {
            return Decision.rule(o.desiredReplicas() - 1, "CPU below the lower threshold");
        }
        return Decision.rule(o.desiredReplicas(), "CPU between the thresholds");
    }
}
