package org.rlautoscaler.autoscaler.agent.rules;

import org.rlautoscaler.autoscaler.agent.Agent;
import org.rlautoscaler.autoscaler.agent.Decision;
import org.rlautoscaler.autoscaler.env.Observation;

/** {@code static}: always the same number of replicas, as a service without autoscaling. */
public record StaticPolicy(int replicas) implements Agent {
    public static final String NAME = "static";

    @Override
    public boolean canDecide(Observation observation) {
        return true;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Decision act(Observation o) {
        return Decision.rule(replicas, "static");
    }
}
