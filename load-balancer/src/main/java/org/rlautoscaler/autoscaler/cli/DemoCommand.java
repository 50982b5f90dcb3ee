package org.rlautoscaler.autoscaler.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import org.rlautoscaler.autoscaler.catalog.AgentKind;
import org.rlautoscaler.autoscaler.offline.Comparison;
import org.rlautoscaler.autoscaler.offline.EvaluationLoads;
import org.rlautoscaler.autoscaler.offline.Setup;
import org.rlautoscaler.common.cli.Range;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code demo}: the main job on the embedded defaults. The learning agents train, and
 * {@code hpa-tuned} is tuned, on the NASA trace (July 1995, one-minute bins); every agent is then
 * evaluated on a trace none of them saw, the Wikipedia one (hourly bins, two months), sized on its
 * first quarter and evaluated on the rest: tables, results.csv and plots under ./plots.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Trains the learning agents on the bundled NASA trace and compares every agent on the "
                + "bundled Wikipedia trace; writes plots and results.csv under --out.")
public final class DemoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Range(min = 1, max = 1000)
    @Option(names = "--seeds", paramLabel = "K", defaultValue = "5", description = "Runs per agent. Default: ${DEFAULT-VALUE}.")
    int seeds;

    @Range(min = 1, max = 10_000_000)
    @Option(names = "--episodes", paramLabel = "N",
            description = "Training episodes per learning agent and seed. Default: ${bundle:agents.episodes}.")
    Integer episodes;

    @Option(names = "--frozen",
            description = "Learning agents stop learning when their training ends. By default they go on learning from "
                    + "the evaluated load as it unfolds (never from steps to come), as they do live.")
    boolean frozen;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "plots", description = "Default: ${DEFAULT-VALUE}.")
    Path out;

    @Mixin
    SimulationOptions options;

    @Override
    public Integer call() throws IOException {
        Setup setup = options.setup();
        EvaluationLoads loads = EvaluationLoads.separate(options.workload("--bins-per-step", "nasa"),
                options.workload("--bins-per-step", "wikipedia"), 0.25, setup.model(), options.peakReplicas());
        Comparison.compare(spec.commandLine().getOut(), new Comparison.Plan(setup, options.agentSettings(setup), loads,
                AgentKind.all(), seeds, episodes == null ? OptionalInt.empty() : OptionalInt.of(episodes), frozen, true), out,
                Progress.CONSOLE);
        return 0;
    }
}
