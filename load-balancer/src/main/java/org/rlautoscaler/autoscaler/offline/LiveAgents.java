package org.rlautoscaler.autoscaler.offline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.rlautoscaler.autoscaler.agent.Agent;
import org.rlautoscaler.autoscaler.agent.AgentFileException;
import org.rlautoscaler.autoscaler.agent.FutureLoad;
import org.rlautoscaler.autoscaler.catalog.AgentContext;
import org.rlautoscaler.autoscaler.catalog.AgentKind;
import org.rlautoscaler.autoscaler.catalog.AgentSettings;
import org.rlautoscaler.autoscaler.progress.ProgressListener;
import org.rlautoscaler.autoscaler.sim.Traces;
import org.rlautoscaler.autoscaler.sim.Workload;
import org.rlautoscaler.common.config.InvalidSettingException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent of the live loop (and of {@code watch}), built from the catalog as offline. A learning
 * agent starts from its saved file when there is one; otherwise it first trains in the simulated
 * cluster ({@code --pretrain-episodes} on {@code --pretrain-trace}, with the service model and the
 * loop's own period, objective, limits, episode length and safety chain), saves what it learnt,
 * and starts from that, so that it does not act at random on a real service. Online it explores
 * with a constant {@code --epsilon}. {@code hpa-tuned} is tuned on the same trace in simulation.
 */
public final class LiveAgents {
    private static final Logger log = LoggerFactory.getLogger(LiveAgents.class);

    private LiveAgents() {}

    /**
     * Where an agent comes from.
     *
     * @param kind             its kind (--agent)
     * @param weightsDir       where a learning agent's file is read from, or saved to after training
     * @param pretrainTrace    the trace it trains on when there is no file (and hpa-tuned is tuned on)
     * @param pretrainEpisodes training episodes when there is no file (0: start from nothing)
     * @param modelName        the service model, in words, for the log
     */
    public record Source(AgentKind kind, Path weightsDir, String pretrainTrace, int pretrainEpisodes, String modelName) {}

    /** How the agent came to be what it is. */
    public enum Origin {
        /** A rule, as it is. */
        RULE,
        /** A rule whose setting was tuned on the pre-training trace. */
        TUNED,
        /** A learning agent loaded from its saved file, or from the original's table.csv. */
        SAVED,
        /** A learning agent with nothing saved and no pre-training: it starts from nothing. */
        EMPTY,
        /** A learning agent trained on the pre-training trace first, then saved. */
        PRETRAINED;

        /** True when the pre-training trace shaped the agent. */
        public boolean fromPretrainTrace() {
            return this == TUNED || this == PRETRAINED;
        }
    }

    /** An agent ready to act, and how it came to be. */
    public record Prepared(Agent agent, Origin origin) {}

    /**
     * The agent {@code source} names, ready to act in {@code setup}: a rule as it is, hpa-tuned
     * tuned, a learning agent from its file or trained first.
     *
     * @param future   the load to come, for the oracle (empty where it is not known)
     * @param progress hears the pre-training's steps
     * @throws InvalidSettingException for a weights directory, a saved file or a pre-training trace
     *                                 that cannot be used
     */
    public static Prepared create(Source source, Setup setup, AgentSettings settings, Optional<FutureLoad> future,
                                  ProgressListener progress) {
        AgentKind kind = source.kind();
        AgentContext context = setup.agentContext(settings);
        if (kind.tuned()) {
            Workload training = pretrainWorkload(source.pretrainTrace(), setup);
            ExecutorService pool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
            try {
                HpaTuning.Tuning tuning = HpaTuning.tune(setup, settings, training, pool, steps -> {});
                log.info("Tuned in the simulated cluster on {}: {}", training.description(),
                        tuning.describe(settings.sloBudgetPct()));
                return new Prepared(kind.create(context.withSettings(settings.withHpaTunedTarget(tuning.target()))),
                        Origin.TUNED);
            } finally {
                pool.shutdownNow();
            }
        }
        if (!kind.learns()) {
            return new Prepared(kind.create(future.map(context::withFuture).orElse(context)), Origin.RULE);
        }
        if (kind == AgentKind.LATENCY_TABLE) {
            log.info("{}", settings.describeLatencyTable());
        }
        Path weightsDir = source.weightsDir();
        Agent agent = kind.create(context);
        Path file = weightsDir.resolve(agent.fileName());
        if (Files.isDirectory(file)) {
            throw new InvalidSettingException("--weights-dir", weightsDir, "a directory whose " + agent.fileName()
                    + " is a file or absent (" + file + " is a directory)");
        }
        try {
            Optional<SavedAgent.Resumed> resumed = SavedAgent.resume(agent, file);
            if (resumed.isPresent()) {
                log.info("Starting from {}{} ({})", resumed.get().original() ? "the original's " : "the saved ",
                        resumed.get().file(), resumed.get().summary());
                return new Prepared(agent, Origin.SAVED);
            }
        } catch (SavedAgent.Unusable e) {
            throw unusable(weightsDir, e.file(), e.getMessage());
        }
        if (source.pretrainEpisodes() == 0) {
            log.info("No saved agent at {}: starting from nothing", file);
            return new Prepared(agent, Origin.EMPTY);
        }
        Workload training = pretrainWorkload(source.pretrainTrace(), setup);
        Agent trained = kind.create(context.training(source.pretrainEpisodes()));
        log.info("No saved agent at {}: training {} for {} episodes in the simulated cluster first, on {} with the model {}",
                file, kind, source.pretrainEpisodes(), training.description(), source.modelName());
        try (ProgressListener.Task task = progress.start("pretrain " + kind, (long) source.pretrainEpisodes()
                * setup.episodeSteps(), "steps")) {
            new Trainer(setup).train(trained, setup.reward(kind), training, source.pretrainEpisodes(), 1, task::stepTo);
        }
        try {
            trained.save(file);
        } catch (IOException e) {
            throw new InvalidSettingException("--weights-dir", weightsDir, "a directory the agent can be saved in ("
                    + e.getMessage() + ")");
        }
        try {
            agent.load(file);
        } catch (AgentFileException e) {
            throw unusable(weightsDir, file, e.getMessage());
        }
        return new Prepared(agent, Origin.PRETRAINED);
    }

    private static InvalidSettingException unusable(Path weightsDir, Path file, String why) {
        return new InvalidSettingException("--weights-dir", weightsDir, "a directory whose " + file.getFileName()
                + " this agent can use (" + why + ")");
    }

    private static Workload pretrainWorkload(String trace, Setup setup) {
        return Traces.workload("--pretrain-trace", trace, setup.periodSeconds(), null)
                .scaledToItsPeak(setup.model(), setup.limits().max());
    }
}
