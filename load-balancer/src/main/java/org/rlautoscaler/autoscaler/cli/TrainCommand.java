package org.rlautoscaler.autoscaler.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.rlautoscaler.autoscaler.catalog.AgentKind;
import org.rlautoscaler.autoscaler.offline.Setup;
import org.rlautoscaler.autoscaler.offline.Training;
import org.rlautoscaler.autoscaler.sim.Workload;
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
        Training.train(spec.commandLine().getOut(), new Training.Plan(kind, setup, options.agentSettings(setup), workload,
                episodes, seed, out, checkpointEvery, fresh), Progress.CONSOLE);
        return 0;
    }
}
