package org.rlautoscaler.autoscaler.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import org.rlautoscaler.autoscaler.catalog.AgentKind;
import org.rlautoscaler.autoscaler.offline.Comparison;
import org.rlautoscaler.autoscaler.offline.EvaluationLoads;
import org.rlautoscaler.autoscaler.offline.Setup;
import org.rlautoscaler.autoscaler.sim.Workload;
import org.rlautoscaler.common.cli.Cli;
import org.rlautoscaler.common.cli.Range;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code evaluate}: every agent on the same load and the same seeds; results.csv, a plot per
 * agent, a table of means with 95 % intervals, and each agent paired with {@code hpa-tuned}.
 * Learning agents train, and {@code hpa-tuned} is tuned, on {@code --train-trace} if given (the
 * evaluated trace is then sized on its first part, which is not evaluated), else on the first
 * half of {@code --trace} while everything is evaluated on its second half.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Compares agents on the same load in the simulated cluster.")
public final class EvaluateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--trace", paramLabel = "FILE", defaultValue = "nasa",
            description = "The load: CSV t_seconds,requests, or nasa, wikipedia, teastore. Default: ${DEFAULT-VALUE}.")
    String trace;

    @Option(names = "--train-trace", paramLabel = "FILE",
            description = "Where learning agents train and hpa-tuned is tuned. Default: the first half of --trace "
                    + "(evaluation then uses the second half).")
    String trainTrace;

    @Range(min = 0.01, max = 0.9)
    @Option(names = "--sizing-fraction", paramLabel = "FRACTION", defaultValue = "0.25",
            description = "With --train-trace: the share of --trace, from its start, whose busiest step sets its scale "
                    + "(needing about --peak-replicas); that part is not evaluated. Default: ${DEFAULT-VALUE}.")
    double sizingFraction;

    @Option(names = "--policies", paramLabel = "LIST", split = ",",
            defaultValue = "${bundle:agents.all.csv}",
            description = "Comma-separated: ${bundle:agents.all.list}. Default: all.")
    List<String> policies;

    @Range(min = 1, max = 1000)
    @Option(names = "--seeds", paramLabel = "K", defaultValue = "5",
            description = "Runs per agent, seeds 1 to K (noise, and the learners' training). Default: ${DEFAULT-VALUE}.")
    int seeds;

    @Range(min = 1, max = 10_000_000)
    @Option(names = "--episodes", paramLabel = "N",
            description = "Training episodes of each learning agent, per seed. Default: ${bundle:agents.episodes}.")
    Integer episodes;

    @Option(names = "--frozen",
            description = "Learning agents stop learning when their training ends. By default they go on learning from "
                    + "the evaluated load as it unfolds (never from steps to come), as they do live.")
    boolean frozen;

    @Option(names = "--no-forecast",
            description = "qlearning does not forecast the load: to measure what its forecast buys. By default, learning "
                    + "online, it forecasts from the days before the evaluated part, as live from Prometheus.")
    boolean noForecast;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "results",
            description = "Where results.csv and the plots go. Default: ${DEFAULT-VALUE}.")
    Path out;

    @Mixin
    SimulationOptions options;

    @Override
    public Integer call() throws IOException {
        List<AgentKind> kinds = policies.stream().map(policy -> AgentKind.parse("--policies", policy, AgentKind.all())).toList();
        Setup setup = options.setup();
        Workload evaluated = options.workload("--trace", trace);
        EvaluationLoads loads;
        try {
            loads = trainTrace == null
                    ? EvaluationLoads.halves(evaluated, setup.model(), options.peakReplicas())
                    : EvaluationLoads.separate(options.workload("--train-trace", trainTrace), evaluated, sizingFraction,
                    setup.model(), options.peakReplicas());
        } catch (IllegalArgumentException e) {
            throw Cli.invalid(spec, "--trace", trace, "a longer trace (" + e.getMessage() + ")");
        }
        Comparison.compare(spec.commandLine().getOut(), new Comparison.Plan(setup, options.agentSettings(setup), loads, kinds,
                seeds, episodes == null ? OptionalInt.empty() : OptionalInt.of(episodes), frozen, !noForecast), out,
                Progress.CONSOLE);
        return 0;
    }
}
