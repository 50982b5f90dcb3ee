package org.rlautoscaler.autoscaler.offline;

import java.util.function.Function;
import org.rlautoscaler.autoscaler.agent.Policy;
import org.rlautoscaler.autoscaler.env.RewardFunction;
import org.rlautoscaler.autoscaler.sim.SimulatedCluster;

/**
 * How to make one policy for a run: its name, the reward it learns from (or that judges it), and
 * a factory given the run's seed and simulated cluster (the oracle reads the cluster; the others
 * ignore it).
 */
public record AgentSpec(String name, RewardFunction reward, Factory factory) {

    @FunctionalInterface
    public interface Factory {
        Policy create(long seed, SimulatedCluster cluster);
    }

    public static AgentSpec rule(String name, RewardFunction reward, Function<SimulatedCluster, Policy> factory) {
        return new AgentSpec(name, reward, (seed, cluster) -> factory.apply(cluster));
    }
}
