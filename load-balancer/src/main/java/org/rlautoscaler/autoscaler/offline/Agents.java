package org.rlautoscaler.autoscaler.offline;

import java.util.List;
import org.rlautoscaler.autoscaler.agent.Agent;
import org.rlautoscaler.autoscaler.agent.FutureLoad;
import org.rlautoscaler.autoscaler.agent.HpaPolicy;
import org.rlautoscaler.autoscaler.agent.LatencyTableAgent;
import org.rlautoscaler.autoscaler.agent.OraclePolicy;
import org.rlautoscaler.autoscaler.agent.QLearningAgent;
import org.rlautoscaler.autoscaler.agent.StaticPolicy;
import org.rlautoscaler.autoscaler.agent.SwarmCpuRamAgent;
import org.rlautoscaler.autoscaler.agent.ThresholdPolicy;
import org.rlautoscaler.autoscaler.env.RewardFunction;
import org.rlautoscaler.autoscaler.qtable.Hyperparameters;
import org.rlautoscaler.autoscaler.reward.LatencyReward;
import org.rlautoscaler.autoscaler.reward.SloCostReward;
import org.rlautoscaler.autoscaler.reward.SwarmReward;

/**
 * The one place that knows every agent by name and builds it, with its hyperparameters and the
 * reward it learns from or is judged by, for offline runs and for the live loop alike.
 */
public final class Agents {
    /** The agents that learn. */
    public static final List<String> LEARNING = List.of(QLearningAgent.NAME, SwarmCpuRamAgent.NAME, LatencyTableAgent.NAME);
    /** Every agent, in the order of the tables. */
    public static final List<String> ALL = List.of(QLearningAgent.NAME, SwarmCpuRamAgent.NAME, LatencyTableAgent.NAME,
            HpaPolicy.NAME, HpaPolicy.TUNED, ThresholdPolicy.NAME, StaticPolicy.NAME, OraclePolicy.NAME);
    /** Every agent that can scale a real service: all but the oracle, which needs the future. */
    public static final List<String> LIVE = ALL.stream().filter(name -> !name.equals(OraclePolicy.NAME)).toList();

    private Agents() {}

    /**
     * Training episodes when none are given: the originals' small tables (8 and 108 entries)
     * settle within 3,000 episodes; qlearning's 240 (regime, rung) pairs, each learnt once an
     * option of 16 periods ends, need 60,000.
     */
    public static int defaultEpisodes(String name) {
        return QLearningAgent.NAME.equals(name) ? 60_000 : 3_000;
    }

    /** The reward an agent learns from (learning agents) or is judged with (the others). */
    public static RewardFunction reward(String name, double sloP95Ms, int maxReplicas) {
        return switch (name) {
            case SwarmCpuRamAgent.NAME -> new SwarmReward();
            case LatencyTableAgent.NAME -> new LatencyReward(500);
            default -> SloCostReward.defaults(sloP95Ms, maxReplicas);
        };
    }

    /** The same for {@code setup}'s objective and limits. */
    public static RewardFunction reward(String name, Setup setup) {
        return reward(name, setup.sloP95Ms(), setup.limits().max());
    }

    /**
     * The learning settings of a learning agent: {@code training} for {@code episodes} episodes in
     * the simulated cluster, else live, with the constant epsilon of {@code settings}.
     */
    public static Hyperparameters hyperparameters(String name, AgentSettings settings, boolean training, int episodes) {
        return switch (name) {
            case SwarmCpuRamAgent.NAME -> Hyperparameters.constant(0.1, 0.9, training ? 0.1 : settings.onlineEpsilon());
            case LatencyTableAgent.NAME -> Hyperparameters.constant(0.1, 0.6, training ? 0.1 : settings.onlineEpsilon());
            case QLearningAgent.NAME -> training ? QLearningAgent.defaults(episodes)
                    : QLearningAgent.online(settings.onlineEpsilon());
            default -> throw new IllegalArgumentException(unknown(name, LEARNING));
        };
    }

    /**
     * A new agent, untrained: {@code hyperparameters} for a learning one (see
     * {@link #hyperparameters}), {@code hpaTunedTarget} for {@code hpa-tuned} (see
     * {@link HpaTuning}), {@code future} for the oracle alone.
     *
     * @throws IllegalArgumentException for an unknown name
     */
    public static Agent create(String name, Setup setup, AgentSettings settings, Hyperparameters hyperparameters,
                               double hpaTunedTarget, long seed, FutureLoad future) {
        return switch (name) {
            case QLearningAgent.NAME -> new QLearningAgent(setup.limits(), SloCostReward.defaults(setup.sloP95Ms(),
                    setup.limits().max()), hyperparameters, seed);
            case SwarmCpuRamAgent.NAME -> new SwarmCpuRamAgent(settings.numStates(), setup.limits(), hyperparameters, seed);
            case LatencyTableAgent.NAME -> new LatencyTableAgent(setup.limits(), settings.latencyTable(), hyperparameters, seed);
            case HpaPolicy.NAME -> HpaPolicy.of(settings.hpaTarget(), setup.limits(), setup.periodSeconds());
            case HpaPolicy.TUNED -> new HpaPolicy(HpaPolicy.TUNED, hpaTunedTarget, setup.limits(), setup.periodSeconds(),
                    HpaPolicy.DOWNSCALE_STABILISATION_SECONDS);
            case ThresholdPolicy.NAME -> new ThresholdPolicy(settings.cpuThreshold(), ThresholdPolicy.LOWER,
                    settings.ramThresholdPercent());
            case StaticPolicy.NAME -> new StaticPolicy(setup.limits().clamp(settings.staticReplicas()));
            case OraclePolicy.NAME -> {
                if (future == null) {
                    throw new IllegalArgumentException("the oracle needs the load to come, which only a simulation knows");
                }
                yield new OraclePolicy(future);
            }
            default -> throw new IllegalArgumentException(unknown(name, ALL));
        };
    }

    public static String unknown(String name, List<String> accepted) {
        return "'" + name + "' is not an agent; accepted: " + String.join(", ", accepted);
    }
}
