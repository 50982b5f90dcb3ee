package org.rlautoscaler.autoscaler.cli;

import java.nio.file.Path;
import org.rlautoscaler.autoscaler.agent.HpaPolicy;
import org.rlautoscaler.autoscaler.agent.LatencyTableAgent;
import org.rlautoscaler.autoscaler.agent.Policy;
import org.rlautoscaler.autoscaler.agent.QLearningAgent;
import org.rlautoscaler.autoscaler.agent.StaticPolicy;
import org.rlautoscaler.autoscaler.agent.SwarmCpuRamAgent;
import org.rlautoscaler.autoscaler.agent.TabularAgent;
import org.rlautoscaler.autoscaler.agent.ThresholdPolicy;
import org.rlautoscaler.autoscaler.env.Limits;
import org.rlautoscaler.autoscaler.offline.Setup;
import org.rlautoscaler.autoscaler.offline.Trainer;
import org.rlautoscaler.autoscaler.qtable.Hyperparameters;
import org.rlautoscaler.autoscaler.qtable.QTableException;
import org.rlautoscaler.autoscaler.qtable.QTableStore;
import org.rlautoscaler.autoscaler.sim.ClusterModel;
import org.rlautoscaler.autoscaler.sim.ServiceModel;
import org.rlautoscaler.autoscaler.sim.Workload;
import org.rlautoscaler.common.cli.Cli;
import org.rlautoscaler.common.trace.TraceException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The policy of the live loop. A learning agent starts from its saved Q-table when there is one;
 * otherwise it first trains in the simulated cluster ({@code --pretrain-episodes}), so that it
 * does not act at random on a real service. Online it explores with a constant {@code --epsilon}.
 */
final class LiveAgents {
    private static final Logger log = LoggerFactory.getLogger(LiveAgents.class);

    private LiveAgents() {}

    static Policy create(CommandSpec spec, LiveOptions options, Limits limits, Path weightsDir, ServiceModel model) {
        return switch (options.agent) {
            case HpaPolicy.NAME -> new HpaPolicy(0.7, options.periodSeconds, 300);
            case ThresholdPolicy.NAME -> new ThresholdWithRam(options.cpuThreshold / 100, 0.25, options.ramThreshold);
            case StaticPolicy.NAME -> new StaticPolicy((limits.min() + limits.max() + 1) / 2);
            case QLearningAgent.NAME, SwarmCpuRamAgent.NAME, LatencyTableAgent.NAME -> learning(spec, options, limits, weightsDir, model);
            default -> throw Cli.invalid(spec, "--agent", options.agent,
                    "qlearning, swarm-cpu-ram, latency-table, hpa, threshold, static");
        };
    }

    private static TabularAgent learning(CommandSpec spec, LiveOptions options, Limits limits, Path weightsDir,
                                         ServiceModel model) {
        Hyperparameters online = switch (options.agent) {
            case SwarmCpuRamAgent.NAME -> Hyperparameters.constant(0.1, 0.9, options.epsilon);
            case LatencyTableAgent.NAME -> Hyperparameters.constant(0.1, 0.6, options.epsilon);
            default -> Hyperparameters.constant(0.2, 0.9, options.epsilon);
        };
        TabularAgent agent = make(options.agent, options, limits, online, 1);
        Path table = weightsDir.resolve(options.agent + "-qtable.json");
        if (QTableStore.exists(table)) {
            try {
                QTableStore.load(table, agent.learner().table());
                log.info("Starting from the saved Q-table {} ({} of {} entries visited)", table,
                        agent.learner().table().visitedEntries(), agent.learner().table().size());
                return agent;
            } catch (QTableException e) {
                throw Cli.invalid(spec, "--weights-dir", weightsDir, "a directory whose " + options.agent
                        + "-qtable.json this agent can use (" + e.getMessage() + ")");
            }
        }
        if (options.pretrainEpisodes == 0) {
            log.info("No saved Q-table at {}: starting from an empty one", table);
            return agent;
        }
        Setup setup = new Setup(ClusterModel.of(model), options.periodSeconds, options.sloP95Ms, limits,
                Math.max(1, (int) Math.round(options.maxTimeMinutes * 60 / options.periodSeconds)));
        Workload workload;
        try {
            workload = Workload.fromTrace(Traces.load(options.pretrainTrace), setup.model(), limits.max(), 1);
        } catch (TraceException | IllegalArgumentException e) {
            throw Cli.invalid(spec, "--pretrain-trace", options.pretrainTrace,
                    "a readable CSV t_seconds,requests or nasa, wikipedia, teastore (here: " + e.getMessage() + ")");
        }
        TabularAgent trained = make(options.agent, options, limits, options.agent.equals(QLearningAgent.NAME)
                ? QLearningAgent.defaults(options.pretrainEpisodes) : online, 1);
        log.info("No saved Q-table at {}: training {} for {} episodes in the simulated cluster first, on {} with the "
                        + "model {}", table, options.agent, options.pretrainEpisodes, workload.description(),
                options.modelFile == null ? "bundled" : options.modelFile);
        new Trainer(setup).train(trained, Agents.reward(options.agent, setup), workload, options.pretrainEpisodes, 1, done -> {});
        agent.learner().table().copyFrom(trained.learner().table());
        return agent;
    }

    private static TabularAgent make(String name, LiveOptions options, Limits limits, Hyperparameters parameters, long seed) {
        return switch (name) {
            case SwarmCpuRamAgent.NAME -> new SwarmCpuRamAgent(options.numStates, limits, parameters, seed);
            case LatencyTableAgent.NAME -> LatencyTableAgent.original(limits, parameters, seed);
            default -> new QLearningAgent(limits, options.sloP95Ms, parameters, seed);
        };
    }
}
