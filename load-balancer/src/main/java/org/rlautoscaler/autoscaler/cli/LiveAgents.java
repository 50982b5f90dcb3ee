package org.rlautoscaler.autoscaler.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.rlautoscaler.autoscaler.agent.Agent;
import org.rlautoscaler.autoscaler.agent.AgentFileException;
import org.rlautoscaler.autoscaler.agent.HpaPolicy;
import org.rlautoscaler.autoscaler.env.Limits;
import org.rlautoscaler.autoscaler.offline.AgentSettings;
import org.rlautoscaler.autoscaler.offline.Agents;
import org.rlautoscaler.autoscaler.offline.HpaTuning;
import org.rlautoscaler.autoscaler.offline.Setup;
import org.rlautoscaler.autoscaler.offline.Trainer;
import org.rlautoscaler.autoscaler.sim.ClusterModel;
import org.rlautoscaler.autoscaler.sim.ServiceModel;
import org.rlautoscaler.autoscaler.sim.Workload;
import org.rlautoscaler.common.cli.Cli;
import org.rlautoscaler.common.trace.TraceException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The agent of the live loop, built by {@link Agents} as offline. A learning agent starts from its
 * saved file when there is one; otherwise it first trains in the simulated cluster
 * ({@code --pretrain-episodes} on {@code --pretrain-trace}, with the service model and the
 * loop's own period, objective, limits, episode length and safety chain), saves what it learnt,
 * and starts from that, so that it does not act at random on a real service. Online it explores
 * with a constant {@code --epsilon}. {@code hpa-tuned} is tuned on the same trace in simulation.
 */
final class LiveAgents {
    private static final Logger log = LoggerFactory.getLogger(LiveAgents.class);

    private LiveAgents() {}

    static Agent create(CommandSpec spec, LiveOptions options, Limits limits, Path weightsDir, ServiceModel model) {
        if (!Agents.LIVE.contains(options.agent)) {
            throw Cli.invalid(spec, "--agent", options.agent, String.join(", ", Agents.LIVE));
        }
        Setup setup = setup(options, limits, model);
        AgentSettings settings = options.agents.settings(limits, options.epsilon);
        String name = options.agent;
        if (name.equals(HpaPolicy.TUNED)) {
            Workload training = pretrainWorkload(spec, options, setup);
            ExecutorService pool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
            try {
                HpaTuning.Tuning tuning = HpaTuning.tune(setup, Agents.reward(name, setup), training, settings.sloBudgetPct(),
                        pool, steps -> {});
                log.info("Tuned in the simulated cluster on {}: {}", training.description(),
                        tuning.describe(settings.sloBudgetPct()));
                return Agents.create(name, setup, settings, null, tuning.target(), 1, null);
            } finally {
                pool.shutdownNow();
            }
        }
        if (!Agents.LEARNING.contains(name)) {
            return Agents.create(name, setup, settings, null, Double.NaN, 1, null);
        }
        Agent agent = Agents.create(name, setup, settings, Agents.hyperparameters(name, settings, false, 0), Double.NaN, 1, null);
        Path file = weightsDir.resolve(agent.fileName());
        if (Files.isDirectory(file)) {
            throw Cli.invalid(spec, "--weights-dir", weightsDir, "a directory whose " + agent.fileName()
                    + " is a file or absent (" + file + " is a directory)");
        }
        if (Files.exists(file)) {
            load(spec, agent, file, weightsDir);
            log.info("Starting from the saved {} ({} of {} entries visited)", file, agent.status().visitedParameters(),
                    agent.status().parameters());
            return agent;
        }
        if (options.pretrainEpisodes == 0) {
            log.info("No saved agent at {}: starting from nothing", file);
            return agent;
        }
        Workload training = pretrainWorkload(spec, options, setup);
        Agent trained = Agents.create(name, setup, settings,
                Agents.hyperparameters(name, settings, true, options.pretrainEpisodes), Double.NaN, 1, null);
        log.info("No saved agent at {}: training {} for {} episodes in the simulated cluster first, on {} with the model {}",
                file, name, options.pretrainEpisodes, training.description(),
                options.modelFile == null ? "bundled" : options.modelFile);
        new Trainer(setup).train(trained, Agents.reward(name, setup), training, options.pretrainEpisodes, 1, done -> {});
        try {
            trained.save(file);
        } catch (IOException e) {
            throw Cli.invalid(spec, "--weights-dir", weightsDir, "a directory the agent can be saved in (" + e.getMessage() + ")");
        }
        load(spec, agent, file, weightsDir);
        return agent;
    }

    /** The simulated cluster, period, objective, limits, episode length and safety chain the live loop's agent learns with. */
    static Setup setup(LiveOptions options, Limits limits, ServiceModel model) {
        return new Setup(ClusterModel.of(model), options.periodSeconds, options.sloP95Ms, limits,
                Math.max(1, (int) Math.round(options.maxTimeMinutes * 60 / options.periodSeconds)), options.safety(limits));
    }

    private static void load(CommandSpec spec, Agent agent, Path file, Path weightsDir) {
        try {
            agent.load(file);
        } catch (AgentFileException e) {
            throw Cli.invalid(spec, "--weights-dir", weightsDir, "a directory whose " + agent.fileName()
                    + " this agent can use (" + e.getMessage() + ")");
        }
    }

    private static Workload pretrainWorkload(CommandSpec spec, LiveOptions options, Setup setup) {
        try {
            return Workload.resample(Traces.load(options.pretrainTrace), options.periodSeconds, null)
                    .scaledToItsPeak(setup.model(), setup.limits().max());
        } catch (TraceException | IllegalArgumentException e) {
            throw Cli.invalid(spec, "--pretrain-trace", options.pretrainTrace,
                    "a readable CSV t_seconds,requests or nasa, wikipedia, teastore (here: " + e.getMessage() + ")");
        }
    }
}
