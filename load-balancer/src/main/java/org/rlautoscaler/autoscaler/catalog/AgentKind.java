package org.rlautoscaler.autoscaler.catalog;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.rlautoscaler.autoscaler.agent.Agent;
import org.rlautoscaler.autoscaler.agent.Hyperparameters;
import org.rlautoscaler.autoscaler.agent.headroom.QLearningAgent;
import org.rlautoscaler.autoscaler.agent.original.LatencyTableAgent;
import org.rlautoscaler.autoscaler.agent.original.SwarmCpuRamAgent;
import org.rlautoscaler.autoscaler.agent.rules.HpaPolicy;
import org.rlautoscaler.autoscaler.agent.rules.OraclePolicy;
import org.rlautoscaler.autoscaler.agent.rules.StaticPolicy;
import org.rlautoscaler.autoscaler.agent.rules.ThresholdPolicy;
import org.rlautoscaler.autoscaler.env.RewardFunction;
import org.rlautoscaler.autoscaler.reward.LatencyReward;
import org.rlautoscaler.autoscaler.reward.SloCostReward;
import org.rlautoscaler.autoscaler.reward.SwarmReward;
import org.rlautoscaler.common.config.InvalidSettingException;

/**
 * Every kind of agent, in the order of the tables: its name on the command line, whether it
 * learns, the reward it learns from or is judged by, its learning settings and default training
 * episodes, and how it is built from an {@link AgentContext}. The one place that knows the agents:
 * adding one is a constant here, its class and its test.
 */
public enum AgentKind {
    QLEARNING(QLearningAgent.NAME, 60_000,
            "learns how much headroom each load regime needs, from a cost per replica and a price per missed objective") {
        @Override
        public Agent create(AgentContext c) {
            SloCostReward reward = SloCostReward.defaults(c.sloP95Ms(), c.limits().max());
            return c.trainingEpisodes().isPresent() ? new QLearningAgent(c.limits(), reward, hyperparameters(c), c.seed())
                    : QLearningAgent.acting(c.limits(), reward, c.settings().onlineEpsilon(), c.seed());
        }

        @Override
        Hyperparameters hyperparameters(AgentContext c) {
            return c.trainingEpisodes().isPresent() ? QLearningAgent.defaults(c.trainingEpisodes().getAsInt())
                    : QLearningAgent.online(c.settings().onlineEpsilon());
        }
    },
    SWARM_CPU_RAM(SwarmCpuRamAgent.NAME, 3_000, "the original Swarm design: a Q-table of CPU and RAM buckets") {
        @Override
        public Agent create(AgentContext c) {
            return new SwarmCpuRamAgent(c.settings().numStates(), c.limits(), hyperparameters(c), c.seed());
        }

        @Override
        Hyperparameters hyperparameters(AgentContext c) {
            return Hyperparameters.constant(0.1, 0.9, c.trainingEpisodes().isPresent() ? 0.1 : c.settings().onlineEpsilon());
        }

        @Override
        public RewardFunction reward(double sloP95Ms, int maxReplicas) {
            return new SwarmReward();
        }
    },
    LATENCY_TABLE(LatencyTableAgent.NAME, 3_000,
            "the original latency design: a Q-table of replicas, latency and request intervals") {
        @Override
        public Agent create(AgentContext c) {
            return new LatencyTableAgent(c.limits(), c.settings().latencyTable(), hyperparameters(c), c.seed());
        }

        @Override
        Hyperparameters hyperparameters(AgentContext c) {
            return Hyperparameters.constant(0.1, 0.6, c.trainingEpisodes().isPresent() ? 0.1 : c.settings().onlineEpsilon());
        }

        @Override
        public RewardFunction reward(double sloP95Ms, int maxReplicas) {
            return new LatencyReward(500);
        }
    },
    HPA(HpaPolicy.NAME, 0, "the Kubernetes HPA's rule at --hpa-target") {
        @Override
        public Agent create(AgentContext c) {
            return HpaPolicy.of(c.settings().hpaTarget(), c.limits(), c.periodSeconds());
        }
    },
    HPA_TUNED(HpaPolicy.TUNED, 0, "the HPA's rule at the cheapest target within --slo-budget-pct on the training load") {
        @Override
        public Agent create(AgentContext c) {
            double target = c.settings().hpaTunedTarget().orElseThrow(() -> new IllegalStateException(
                    "hpa-tuned is built once its target is tuned (AgentSettings.withHpaTunedTarget)"));
            return new HpaPolicy(HpaPolicy.TUNED, target, c.limits(), c.periodSeconds(),
                    HpaPolicy.DOWNSCALE_STABILISATION_SECONDS);
        }

        @Override
        public boolean tuned() {
            return true;
        }
    },
    THRESHOLD(ThresholdPolicy.NAME, 0, "a replica more above --cpu-threshold or --ram-threshold, one less below 25 % CPU") {
        @Override
        public Agent create(AgentContext c) {
            return new ThresholdPolicy(c.settings().cpuThreshold(), ThresholdPolicy.LOWER, c.settings().ramThresholdPercent());
        }
    },
    STATIC(StaticPolicy.NAME, 0, "--static-replicas, always") {
        @Override
        public Agent create(AgentContext c) {
            return new StaticPolicy(c.limits().clamp(c.settings().staticReplicas()));
        }
    },
    ORACLE(OraclePolicy.NAME, 0, "knows the load to come and sizes for it: only in simulation, within the limits alone") {
        @Override
        public Agent create(AgentContext c) {
            return new OraclePolicy(c.future().orElseThrow(() -> new IllegalArgumentException(
                    "the oracle needs the load to come, which only a simulation knows")));
        }

        @Override
        public boolean knowsFuture() {
            return true;
        }
    };

    private final String id;
    private final int defaultEpisodes;
    private final String description;

    AgentKind(String id, int defaultEpisodes, String description) {
        this.id = id;
        this.defaultEpisodes = defaultEpisodes;
        this.description = description;
    }

    /** An agent of this kind, ready to act (a learning one untrained). */
    public abstract Agent create(AgentContext context);

    /**
     * A learning agent's settings: for training when {@code context} trains, else online with
     * its constant epsilon.
     *
     * @throws UnsupportedOperationException for a rule
     */
    Hyperparameters hyperparameters(AgentContext context) {
        throw new UnsupportedOperationException(id + " learns nothing");
    }

    /** Its name on the command line and in files, tables and metrics. */
    public String id() {
        return id;
    }

    /** One line: what it does. */
    public String description() {
        return description;
    }

    /** True for an agent that learns (trains in the simulated cluster, saves what it learnt). */
    public boolean learns() {
        return defaultEpisodes > 0;
    }

    /**
     * Training episodes when none are given (0 for a rule): the originals' small tables (8 and
     * 108 entries) settle within 3,000 episodes; qlearning's 240 (regime, rung) pairs, each learnt
     * once an option of 16 periods ends, need 60,000.
     */
    public int defaultEpisodes() {
        return defaultEpisodes;
    }

    /** True for a rule whose setting is tuned on the training load first (see {@code offline.HpaTuning}). */
    public boolean tuned() {
        return false;
    }

    /** True for the oracle: it needs the load to come, so runs only in simulation and only within the limits. */
    public boolean knowsFuture() {
        return false;
    }

    /** True for a kind that can scale a real service: all but the oracle. */
    public boolean live() {
        return !knowsFuture();
    }

    /** The reward it learns from (learning agents) or is judged with (the others). */
    public RewardFunction reward(double sloP95Ms, int maxReplicas) {
        return SloCostReward.defaults(sloP95Ms, maxReplicas);
    }

    /** Every kind, in the order of the tables. */
    public static List<AgentKind> all() {
        return List.of(values());
    }

    /** The kinds that learn. */
    public static List<AgentKind> learning() {
        return Arrays.stream(values()).filter(AgentKind::learns).toList();
    }

    /** The kinds that can scale a real service. */
    public static List<AgentKind> liveKinds() {
        return Arrays.stream(values()).filter(AgentKind::live).toList();
    }

    /** The kind named {@code id}, if there is one. */
    public static Optional<AgentKind> find(String id) {
        return Arrays.stream(values()).filter(kind -> kind.id.equals(id)).findFirst();
    }

    /**
     * The kind named {@code id}, one of {@code accepted}.
     *
     * @throws InvalidSettingException naming {@code setting} and the accepted names otherwise
     */
    public static AgentKind parse(String setting, String id, List<AgentKind> accepted) {
        return find(id).filter(accepted::contains)
                .orElseThrow(() -> new InvalidSettingException(setting, id, names(accepted)));
    }

    /** The names of {@code kinds}, comma-separated, for help texts and errors. */
    public static String names(List<AgentKind> kinds) {
        return String.join(", ", kinds.stream().map(AgentKind::id).toList());
    }

    /** The names of {@code kinds}, comma-separated, with "or" before the last: "a, b or c". */
    public static String alternatives(List<AgentKind> kinds) {
        return inWords(kinds, "or");
    }

    /** The learning kinds' default episodes, for help texts: "60000 for qlearning, 3000 for swarm-cpu-ram and latency-table". */
    public static String defaultEpisodesInWords() {
        return String.join(", ", learning().stream().map(AgentKind::defaultEpisodes).distinct()
                .map(count -> count + " for " + inWords(learning().stream().filter(k -> k.defaultEpisodes == count).toList(),
                        "and")).toList());
    }

    /** "a", "a and b", "a, b and c" (with {@code last} for "and"). */
    private static String inWords(List<AgentKind> kinds, String last) {
        List<String> ids = kinds.stream().map(AgentKind::id).toList();
        return ids.size() == 1 ? ids.getFirst()
                : String.join(", ", ids.subList(0, ids.size() - 1)) + " " + last + " " + ids.getLast();
    }

    @Override
    public String toString() {
        return id;
    }
}
