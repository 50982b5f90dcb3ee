package org.rlautoscaler.autoscaler.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.rlautoscaler.autoscaler.agent.Agent;
import org.rlautoscaler.autoscaler.agent.AgentFileException;
import org.rlautoscaler.autoscaler.agent.original.HistoryCsv;
import org.rlautoscaler.autoscaler.agent.original.LatencyTableAgent;
import org.rlautoscaler.autoscaler.catalog.AgentKind;
import org.rlautoscaler.autoscaler.catalog.AgentSettings;
import org.rlautoscaler.autoscaler.offline.Setup;
import org.rlautoscaler.autoscaler.offline.Trainer;
import org.rlautoscaler.autoscaler.plots.LearningPlots;
import org.rlautoscaler.autoscaler.sim.Workload;
import org.rlautoscaler.common.cli.Cli;
import org.rlautoscaler.common.cli.Range;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code train}: trains a learning agent in the simulated cluster, saves its Q-table (resuming
 * from the one already there), draws its learning curves, and runs the original's validation
 * phase (the learnt policy, greedy, without learning).
 */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Trains a learning agent (${bundle:agents.learning.list}) on a trace in the simulated cluster.")
public final class TrainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--agent", paramLabel = "NAME", defaultValue = "qlearning",
            description = "${bundle:agents.learning}. Default: ${DEFAULT-VALUE}.")
    String agent;

    @Option(names = "--trace", paramLabel = "FILE", defaultValue = "nasa",
            description = "CSV t_seconds,requests, or a bundled trace: nasa, wikipedia, teastore. Default: ${DEFAULT-VALUE}.")
    String trace;

    @Range(min = 1, max = 10_000_000)
    @Option(names = "--episodes", paramLabel = "N",
            description = "Training episodes of --max-time-minutes each. Default: ${bundle:agents.episodes}.")
    Integer episodes;

    @Range(min = 0, max = Long.MAX_VALUE)
    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Seed: the same seed trains the same table. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "QSavedWeights",
            description = "Where the Q-table (AGENT-qtable.json), the plots and history.csv go. Default: ${DEFAULT-VALUE}.")
    Path out;

    @Range(min = 0, max = 10_000_000)
    @Option(names = "--checkpoint-every", paramLabel = "N", defaultValue = "1000",
            description = "Save the agent every N episodes, so that a run killed midway loses at most N episodes of "
                    + "learning (a new run resumes from the file); 0: only at the end. Default: ${DEFAULT-VALUE}.")
    int checkpointEvery;

    @Option(names = "--fresh", description = "Start from an empty table even if DIR has one (default: resume from it).")
    boolean fresh;

    @Mixin
    SimulationOptions options;

    @Override
    public Integer call() throws IOException {
        AgentKind kind = AgentKind.parse("--agent", agent, AgentKind.learning());
        int episodes = this.episodes != null ? this.episodes : kind.defaultEpisodes();
        Setup setup = options.setup();
        Workload workload = options.workload("--trace", trace).scaledToItsPeak(setup.model(), options.peakReplicas());
        PrintWriter console = spec.commandLine().getOut();
        AgentSettings settings = options.agentSettings(setup);
        Agent learner = kind.create(setup.agentContext(settings).withSeed(seed).training(episodes));
        Path file = out.resolve(learner.fileName());
        if (!fresh && Files.isRegularFile(file)) {
            try {
                learner.load(file);
                console.printf("Resuming from %s (%d entries visited)%n", file, learner.status().visitedParameters());
            } catch (AgentFileException e) {
                throw Cli.invalid(spec, "--out", out, "a directory without a Q-table, or with one this agent can resume ("
                        + e.getMessage() + "; --fresh ignores it)");
            }
        }
        console.println("Training " + agent + " on " + workload.description());
        if (learner instanceof LatencyTableAgent) {
            console.println(settings.describeLatencyTable());
        }
        console.printf(Locale.ROOT, "%d episodes of %d steps (%.0f s each), seed %d%n", episodes, setup.episodeSteps(),
                setup.periodSeconds(), seed);
        console.flush();

        Trainer trainer = new Trainer(setup);
        Trainer.Curve curve;
        Files.createDirectories(out);
        try (Progress progress = Progress.start("train " + agent, (long) episodes * setup.episodeSteps(), "steps")) {
            curve = trainer.train(learner, setup.reward(kind), workload, episodes, seed, progress::stepTo,
                    checkpointEvery, done -> learner.save(file));
        }
        learner.save(file);
        LearningPlots.writeInto(out, agent, curve.rewardPerEpisode(), curve.msePerIteration());
        if (learner instanceof LatencyTableAgent latency) {
            try {
                HistoryCsv.append(out.resolve("history.csv"), latency.history());
            } catch (HistoryCsv.OtherColumnsException e) {
                throw Cli.invalid(spec, "--out", out, "a directory whose history.csv has the columns " + HistoryCsv.HEADER
                        + ", or none (" + e.getMessage() + ")");
            }
        }
        double validation = trainer.validate(learner, setup.reward(kind), workload, seed + 1);
        double[] rewards = curve.rewardPerEpisode();
        console.printf(Locale.ROOT, "Saved %s (%d of %d entries visited), %s, %s%n", file,
                learner.status().visitedParameters(), learner.status().parameters(),
                LearningPlots.rewardFile(out, agent), LearningPlots.mseFile(out, agent));
        console.printf(Locale.ROOT, "Reward per episode: first %.1f, last %.1f; validation episode (greedy, no learning): %.1f%n",
                rewards[0], rewards[rewards.length - 1], validation);
        console.flush();
        return 0;
    }
}
