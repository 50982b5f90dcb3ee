package org.rlautoscaler.autoscaler.agent.rules;

import org.rlautoscaler.autoscaler.agent.Agent;
import org.rlautoscaler.autoscaler.agent.Decision;
import org.rlautoscaler.autoscaler.env.Observation;

/**
 * {@code threshold}: the rule of the common Docker Swarm autoscalers: CPU per replica above
 * {@code upper} (the original's {@code cpu_threshold}, 70 %) or {@code ram_usage} above
 * {@code ramThresholdPercent} (80 %) adds one replica, CPU below {@code lower} (25 %) removes one.
 *
 * @param upper               CPU per replica above which it adds a replica, a fraction
 * @param lower               CPU per replica below which it removes one, a fraction
 * @param ramThresholdPercent {@code ram_usage} above which it adds a replica, percent
 */
public record ThresholdPolicy(double upper, double lower, double ramThresholdPercent) implements Agent {
    public static final String NAME = "threshold";
    public static final double UPPER = 0.70;
    public static final double LOWER = 0.25;
    public static final double RAM_PERCENT = 80;

    public static ThresholdPolicy defaults() {
        return new ThresholdPolicy(UPPER, LOWER, RAM_PERCENT);
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
    public Decision act(Observation o) {
        double utilisation = o.replicaCpuUtilisation();
        if (Double.isNaN(utilisation)) {
            return Decision.rule(o.desiredReplicas(), "hold: CPU is missing");
        }
        if (!Double.isNaN(o.ramUsage()) && o.ramUsage() > ramThresholdPercent) {
            return Decision.rule(o.desiredReplicas() + 1, "RAM above RAM_THRESHOLD");
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
