package org.rlautoscaler.autoscaler.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.rlautoscaler.autoscaler.agent.Agent;
import org.rlautoscaler.autoscaler.agent.AgentFileException;
import org.rlautoscaler.autoscaler.agent.FutureLoad;
import org.rlautoscaler.autoscaler.agent.HpaPolicy;
import org.rlautoscaler.autoscaler.agent.LatencyTableAgent;
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

    /**
     * Where an agent comes from.
     *
     * @param name             its name (--agent)
     * @param weightsDir       where a learning agent's file is read from, or saved to after training
     * @param pretrainTrace    the trace it trains on when there is no file (and hpa-tuned is tuned on)
     * @param pretrainEpisodes training episodes when there is no file (0: start from nothing)
     * @param modelName        the service model, in words, for the log
     */
    record Source(String name, Path weightsDir, String pretrainTrace, int pretrainEpisodes, String modelName) {}

    static Agent create(CommandSpec spec, LiveOptions options, Limits limits, Path weightsDir, ServiceModel model) {
        return create(spec, new Source(options.agent, weightsDir, options.pretrainTrace, options.pretrainEpisodes,
                        options.modelFile == null ? "bundled" : options.modelFile.toString()), Agents.LIVE,
                setup(options, limits, model), options.agents.settings(limits, options.epsilon,
                        Workload.scaledPeak(ClusterModel.of(model), limits.max())), null);
    }

    /**
     * The agent {@code source} names, one of {@code accepted}, ready to act in {@code setup}: a
     * rule as it is, hpa-tuned tuned, a learning agent from its file or trained first.
     *
     * @param future the load to come, for the oracle (null where it is not known)
     */
    static Agent create(CommandSpec spec, Source source, List<String> accepted, Setup setup, AgentSettings settings,
                        FutureLoad future) {
        String name = source.name();
        if (!accepted.contains(name)) {
            throw Cli.invalid(spec, "--agent", name, String.join(", ", accepted));
        }
        if (name.equals(HpaPolicy.TUNED)) {
            Workload training = pretrainWorkload(spec, source.pretrainTrace(), setup);
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
            return Agents.create(name, setup, settings, null, Double.NaN, 1, future);
        }
        if (name.equals(LatencyTableAgent.NAME)) {
            log.info("{}", settings.describeLatencyTable());
        }
        Path weightsDir = source.weightsDir();
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
        Path originalTable = LatencyTableAgent.tableCsv(file);
        if (agent instanceof LatencyTableAgent latency && Files.isRegularFile(originalTable)) {
            try {
                latency.loadTableCsv(originalTable);
            } catch (AgentFileException e) {
                throw Cli.invalid(spec, "--weights-dir", weightsDir, "a directory whose table.csv this agent can use ("
                        + e.getMessage() + ")");
            }
            log.info("Starting from the original's {} ({} of {} values not 0)", originalTable,
                    nonZero(latency), agent.status().parameters());
            return agent;
        }
        if (source.pretrainEpisodes() == 0) {
            log.info("No saved agent at {}: starting from nothing", file);
            return agent;
        }
        Workload training = pretrainWorkload(spec, source.pretrainTrace(), setup);
        Agent trained = Agents.create(name, setup, settings,
                Agents.hyperparameters(name, settings, true, source.pretrainEpisodes()), Double.NaN, 1, null);
        log.info("No saved agent at {}: training {} for {} episodes in the simulated cluster first, on {} with the model {}",
                file, name, source.pretrainEpisodes(), training.description(), source.modelName());
        try (Progress progress = Progress.start("pretrain " + name, (long) source.pretrainEpisodes() * setup.episodeSteps(),
                "steps")) {
            new Trainer(setup).train(trained, Agents.reward(name, setup), training, source.pretrainEpisodes(), 1,
                    progress::stepTo);
        }
        try {
            trained.save(file);
        } catch (IOException e) {
            throw Cli.invalid(spec, "--weights-dir", weightsDir, "a directory the agent can be saved in (" + e.getMessage() + ")");
        }
        load(spec, agent, file, weightsDir);
        return agent;
    }

    private static long nonZero(LatencyTableAgent agent) {
        return java.util.Arrays.stream(agent.learner().table().values()).filter(v -> v != 0).count();
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

    private static Workload pretrainWorkload(CommandSpec spec, String trace, Setup setup) {
        try {
            return Workload.resample(Traces.load(trace), setup.periodSeconds(), null)
                    .scaledToItsPeak(setup.model(), setup.limits().max());
        } catch (TraceException | IllegalArgumentException e) {
            throw Cli.invalid(spec, "--pretrain-trace", trace,
                    "a readable CSV t_seconds,requests or nasa, wikipedia, teastore (here: " + e.getMessage() + ")");
        }
    }
}
