package org.rlautoscaler.autoscaler.cli;

import java.util.List;
import org.rlautoscaler.autoscaler.agent.HpaPolicy;
import org.rlautoscaler.autoscaler.agent.LatencyTableAgent;
import org.rlautoscaler.autoscaler.agent.OraclePolicy;
import org.rlautoscaler.autoscaler.agent.QLearningAgent;
import org.rlautoscaler.autoscaler.agent.StaticPolicy;
import org.rlautoscaler.autoscaler.agent.SwarmCpuRamAgent;
import org.rlautoscaler.autoscaler.agent.TabularAgent;
import org.rlautoscaler.autoscaler.agent.ThresholdPolicy;
import org.rlautoscaler.autoscaler.env.RewardFunction;
import org.rlautoscaler.autoscaler.offline.AgentSpec;
import org.rlautoscaler.autoscaler.offline.Setup;
import org.rlautoscaler.autoscaler.reward.LatencyReward;
import org.rlautoscaler.autoscaler.reward.SloCostReward;
import org.rlautoscaler.autoscaler.reward.SwarmReward;

/** The one place that knows every agent and baseline, by name. */
final class Agents {
    static final List<String> LEARNING = List.of(QLearningAgent.NAME, SwarmCpuRamAgent.NAME, LatencyTableAgent.NAME);
    static final List<String> ALL = List.of(QLearningAgent.NAME, SwarmCpuRamAgent.NAME, LatencyTableAgent.NAME,
            HpaPolicy.NAME, ThresholdPolicy.NAME, StaticPolicy.NAME, OraclePolicy.NAME);

    private Agents() {}

    /**
     * Training episodes when none are given: the originals' small tables (8 and 108 entries)
     * settle within 3,000 episodes; qlearning's 4,500 entries need 30,000.
     */
    static int defaultEpisodes(String name) {
        return QLearningAgent.NAME.equals(name) ? 30_000 : 3_000;
    }

    /** A new, untrained learning agent. */
    static TabularAgent learning(String name, SimulationOptions options, Setup setup, int episodes, long seed) {
        return switch (name) {
            case SwarmCpuRamAgent.NAME -> new SwarmCpuRamAgent(options.numStates, setup.limits(), SwarmCpuRamAgent.defaults(), seed);
            case LatencyTableAgent.NAME -> LatencyTableAgent.original(setup.limits(), LatencyTableAgent.defaults(), seed);
            case QLearningAgent.NAME -> new QLearningAgent(setup.limits(), setup.sloP95Ms(), QLearningAgent.defaults(episodes), seed);
            default -> throw new IllegalArgumentException(unknown(name, LEARNING));
        };
    }

    /** The reward a policy learns from (learning agents) or is judged with (the others). */
    static RewardFunction reward(String name, Setup setup) {
        return reward(name, setup.sloP95Ms(), setup.limits().max());
    }

    static RewardFunction reward(String name, double sloP95Ms, int maxReplicas) {
        return switch (name) {
            case SwarmCpuRamAgent.NAME -> new SwarmReward();
            case LatencyTableAgent.NAME -> new LatencyReward(500);
            default -> SloCostReward.defaults(sloP95Ms, maxReplicas);
        };
    }

    /** How to make a baseline for a run. */
    static AgentSpec baseline(String name, SimulationOptions options, Setup setup) {
        RewardFunction reward = reward(name, setup);
        return switch (name) {
            case HpaPolicy.NAME -> AgentSpec.rule(name, reward, cluster -> new HpaPolicy(options.hpaTarget, setup.periodSeconds(), 300));
            case ThresholdPolicy.NAME -> AgentSpec.rule(name, reward, cluster -> ThresholdPolicy.defaults());
            case StaticPolicy.NAME -> AgentSpec.rule(name, reward, cluster -> new StaticPolicy(options.staticReplicas()));
            case OraclePolicy.NAME -> AgentSpec.rule(name, reward, OraclePolicy::new);
            default -> throw new IllegalArgumentException(unknown(name, ALL));
        };
    }

    static String unknown(String name, List<String> accepted) {
        return "'" + name + "' is not an agent or policy; accepted: " + String.join(", ", accepted);
    }
}
