package org.rlautoscaler.autoscaler.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.rlautoscaler.autoscaler.eval.Result;
import org.rlautoscaler.autoscaler.eval.Run;
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
 * {@code evaluate}: every policy on the same load and the same seeds; results.csv, a plot per
 * policy, and a table of means with 95 % intervals. Learning policies train first, on
 * {@code --train-trace} if given, else on the first half of {@code --trace} while everything is
 * evaluated on its second half.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Compares policies on the same load in the simulated cluster.")
public final class EvaluateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--trace", paramLabel = "FILE", defaultValue = "nasa",
            description = "The load: CSV t_seconds,requests, or nasa, wikipedia, teastore. Default: ${DEFAULT-VALUE}.")
    String trace;

    @Option(names = "--train-trace", paramLabel = "FILE",
            description = "Where learning policies train. Default: the first half of --trace (evaluation then uses the second half).")
    String trainTrace;

    @Option(names = "--policies", paramLabel = "LIST", split = ",",
            defaultValue = "qlearning,swarm-cpu-ram,latency-table,hpa,threshold,static,oracle",
            description = "Comma-separated: " + "qlearning, swarm-cpu-ram, latency-table, hpa, threshold, static, oracle. Default: all.")
    List<String> policies;

    @Range(min = 1, max = 1000)
    @Option(names = "--seeds", paramLabel = "K", defaultValue = "3",
            description = "Runs per policy, seeds 1 to K (noise, and the learners' exploration). Default: ${DEFAULT-VALUE}.")
    int seeds;

    @Range(min = 1, max = 10_000_000)
    @Option(names = "--episodes", paramLabel = "N",
            description = "Training episodes of each learning policy, per seed. Default: 30000 for qlearning, 3000 for swarm-cpu-ram and latency-table.")
    Integer episodes;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "results",
            description = "Where results.csv and the plots go. Default: ${DEFAULT-VALUE}.")
    Path out;

    @Mixin
    SimulationOptions options;

    @Override
    public Integer call() throws IOException {
        for (String policy : policies) {
            if (!Agents.ALL.contains(policy)) {
                throw Cli.invalid(spec, "--policies", policy, String.join(", ", Agents.ALL));
            }
        }
        Setup setup = options.setup();
        Workload evaluation = options.workload(spec, "--trace", trace, setup);
        Workload training;
        if (trainTrace != null) {
            training = options.workload(spec, "--train-trace", trainTrace, setup);
        } else {
            int half = evaluation.steps() / 2;
            if (half < 2) {
                throw Cli.invalid(spec, "--trace", trace, "a trace of at least 4 steps, to train on one half and evaluate on the other");
            }
            training = evaluation.slice(0, half, "first half");
            evaluation = evaluation.slice(half, evaluation.steps(), "second half");
        }
        compare(spec.commandLine().getOut(), options, setup, training, evaluation, policies, seeds, episodes, out);
        return 0;
    }

    /** Shared with {@code demo}: runs the comparison, writes its files, prints its table. */
    static List<Result> compare(PrintWriter console, SimulationOptions options, Setup setup, Workload training,
                                Workload evaluation, List<String> policies, int seeds, Integer episodes, Path out)
            throws IOException {
        console.println("Learning policies train on " + training.description());
        console.println("Every policy is evaluated on " + evaluation.description());
        console.printf(Locale.ROOT, "Control period %.0f s, objective p95 <= %.0f ms, replicas %d to %d, %d seeds; training episodes: %s%n",
                setup.periodSeconds(), setup.sloP95Ms(), setup.limits().min(), setup.limits().max(), seeds,
                String.join(", ", policies.stream().filter(Agents.LEARNING::contains)
                        .map(name -> name + " " + Comparison.episodes(name, episodes)).toList()));
        console.flush();
        long start = System.nanoTime();
        List<Run> runs = Comparison.run(options, setup, training, evaluation, policies, seeds, episodes);
        List<Result> results = Comparison.write(out, runs);
        Comparison.print(console, results);
        console.printf(Locale.ROOT, "Wrote %s and %d plots in %.1f s%n", out.resolve("results.csv"), policies.size(),
                (System.nanoTime() - start) / 1e9);
        console.flush();
        return results;
    }
}
