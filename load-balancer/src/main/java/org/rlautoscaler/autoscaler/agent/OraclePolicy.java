package org.rlautoscaler.autoscaler.agent;

import org.rlautoscaler.autoscaler.env.Observation;
import org.rlautoscaler.autoscaler.sim.SimulatedCluster;

/**
 * {@code oracle}: knows the load of the coming periods (only a simulation can) and asks for the
 * fewest replicas that meet the latency objective at the higher load of this period and the next
 * one, since a replica asked for now serves only after its start-up time: the lower bound on
 * cost, and the "demand" the elasticity metrics compare every policy with.
 */
public final class OraclePolicy implements Policy {
    public static final String NAME = "oracle";
    private final SimulatedCluster cluster;

    public OraclePolicy(SimulatedCluster cluster) {
        this.cluster = cluster;
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
    public Decision decide(Observation o) {
        int needed = Math.max(cluster.replicasNeeded(cluster.upcomingRate(0)), cluster.replicasNeeded(cluster.upcomingRate(1)));
        return Decision.rule(needed, "the load of this period and the next needs it");
    }
}
