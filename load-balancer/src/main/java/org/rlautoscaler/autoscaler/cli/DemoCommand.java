package org.rlautoscaler.autoscaler.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.rlautoscaler.autoscaler.offline.Setup;
import org.rlautoscaler.autoscaler.sim.Workload;
import org.rlautoscaler.common.cli.Range;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code demo}: the main job on the embedded defaults. The learning agents train on the NASA
 * trace (July 1995, one-minute bins) and every policy is then evaluated on another trace it never
 * saw, the Wikipedia one (hourly bins, two months): a table, results.csv and plots under ./plots.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Trains the learning agents on the bundled NASA trace and compares every policy on the "
                + "bundled Wikipedia trace; writes plots and results.csv under --out.")
public final class DemoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Range(min = 1, max = 1000)
    @Option(names = "--seeds", paramLabel = "K", defaultValue = "3", description = "Runs per policy. Default: ${DEFAULT-VALUE}.")
    int seeds;

    @Range(min = 1, max = 10_000_000)
    @Option(names = "--episodes", paramLabel = "N",
            description = "Training episodes per learning policy and seed. Default: 30000 for qlearning, 3000 for swarm-cpu-ram and latency-table.")
    Integer episodes;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "plots", description = "Default: ${DEFAULT-VALUE}.")
    Path out;

    @Mixin
    SimulationOptions options;

    @Override
    public Integer call() throws IOException {
        Setup setup = options.setup();
        Workload training = options.workload(spec, "--bins-per-step", "nasa", setup);
        Workload evaluation = options.workload(spec, "--bins-per-step", "wikipedia", setup);
        EvaluateCommand.compare(spec.commandLine().getOut(), options, setup, training, evaluation, Agents.ALL, seeds,
                episodes, out);
        return 0;
    }
}
