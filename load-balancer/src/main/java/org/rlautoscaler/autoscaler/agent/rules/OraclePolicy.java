package org.rlautoscaler.autoscaler.agent.rules;

import org.rlautoscaler.autoscaler.agent.Agent;
import org.rlautoscaler.autoscaler.agent.Decision;
import org.rlautoscaler.autoscaler.agent.FutureLoad;
import org.rlautoscaler.autoscaler.env.Observation;

/**
 * {@code oracle}: knows the load of the coming periods (only a simulation can) and asks for the
 * fewest replicas that meet the latency objective, at the model's steady state, at the higher
 * load of this period and the next one, since a replica asked for now serves only after its
 * start-up time: the "demand" the elasticity metrics compare every agent with. It is no bound on
 * cost at a given share of misses: sized just under the objective, it misses whenever a period's
 * arrivals run above their rate; {@code bound} ({@code offline.LowerBound}) is one.
 */
public final class OraclePolicy implements Agent {
    public static final String NAME = "oracle";
    private final FutureLoad future;

    public OraclePolicy(FutureLoad future) {
        this.future = future;
    }

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
        int needed = Math.max(future.replicasNeeded(future.upcomingRate(0)), future.replicasNeeded(future.upcomingRate(1)));
        return Decision.rule(needed, "the load of this period and the next needs it");
    }
}
