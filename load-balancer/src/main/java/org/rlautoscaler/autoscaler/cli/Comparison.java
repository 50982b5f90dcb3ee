package org.rlautoscaler.autoscaler.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.rlautoscaler.autoscaler.agent.Agent;
import org.rlautoscaler.autoscaler.agent.HpaPolicy;
import org.rlautoscaler.autoscaler.agent.LatencyTableAgent;
import org.rlautoscaler.autoscaler.agent.OraclePolicy;
import org.rlautoscaler.autoscaler.eval.ComparisonPlot;
import org.rlautoscaler.autoscaler.eval.ElasticityMetrics;
import org.rlautoscaler.autoscaler.eval.PairedTable;
import org.rlautoscaler.autoscaler.eval.Result;
import org.rlautoscaler.autoscaler.eval.ResultsCsv;
import org.rlautoscaler.autoscaler.eval.Run;
import org.rlautoscaler.autoscaler.eval.RunPlots;
import org.rlautoscaler.autoscaler.eval.SummaryTable;
import org.rlautoscaler.autoscaler.offline.AgentSettings;
import org.rlautoscaler.autoscaler.offline.Agents;
import org.rlautoscaler.autoscaler.offline.EvaluationLoads;
import org.rlautoscaler.autoscaler.offline.Evaluator;
import org.rlautoscaler.autoscaler.offline.HpaTuning;
import org.rlautoscaler.autoscaler.offline.Setup;
import org.rlautoscaler.autoscaler.offline.Trainer;
import org.rlautoscaler.autoscaler.safety.SafetyConfig;

/**
 * Compares agents on the same load, seed by seed: {@code hpa-tuned} is tuned and the learning
 * agents train on the training load alone (never the evaluated one), then every agent runs
 * greedily over the evaluated load, through the live safety chain (the oracle, a bound rather
 * than a policy, only within the limits). Writes {@code results.csv} and one plot per agent, and
 * prints the tables.
 */
final class Comparison {
    private Comparison() {}

    /** What a comparison found: every run, and hpa-tuned's tuning when it ran. */
    record Outcome(List<Run> runs, HpaTuning.Tuning tuning) {}

    static Outcome run(Setup setup, AgentSettings settings, EvaluationLoads loads, List<String> agents, int seeds,
                       Integer episodes) {
        Trainer trainer = new Trainer(setup);
        Evaluator evaluator = new Evaluator(setup);
        long trainingSteps = agents.stream().filter(Agents.LEARNING::contains)
                .mapToLong(name -> (long) episodes(name, episodes) * setup.episodeSteps()).sum();
        boolean tuned = agents.contains(HpaPolicy.TUNED);
        long tuningSteps = tuned ? HpaTuning.candidates() * (long) loads.training().steps() : 0;
        long total = tuningSteps + seeds * (trainingSteps + agents.size() * (long) loads.evaluation().steps());
        // Every (agent, seed) run is independent and owns its objects: they run in parallel,
        // one per core, and are collected in order, so the results do not depend on the timing.
        ExecutorService pool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
        try (Progress progress = Progress.start("evaluate", total, "steps")) {
            HpaTuning.Tuning tuning = tuned
                    ? HpaTuning.tune(setup, Agents.reward(HpaPolicy.TUNED, setup), loads.training(), settings.sloBudgetPct(),
                    pool, progress::stepBy)
                    : null;
            double tunedTarget = tuning == null ? Double.NaN : tuning.target();
            List<Future<Run>> futures = new ArrayList<>();
            for (String name : agents) {
                for (int seed = 1; seed <= seeds; seed++) {
                    long runSeed = seed;
                    futures.add(pool.submit(() -> {
                        Agent trained = null;
                        if (Agents.LEARNING.contains(name)) {
                            int n = episodes(name, episodes);
                            trained = Agents.create(name, setup, settings, Agents.hyperparameters(name, settings, true, n),
                                    tunedTarget, runSeed, null);
                            long[] reported = {0};
                            trainer.train(trained, Agents.reward(name, setup), loads.training(), n, runSeed, done -> {
                                progress.stepBy(done - reported[0]);
                                reported[0] = done;
                            });
                        }
                        Agent ready = trained;
                        SafetyConfig safety = name.equals(OraclePolicy.NAME) ? SafetyConfig.limitsOnly(setup.limits())
                                : setup.safety();
                        Run run = evaluator.evaluate(name, future -> ready != null ? ready
                                        : Agents.create(name, setup, settings, null, tunedTarget, runSeed, future),
                                Agents.reward(name, setup), loads.evaluation(), runSeed, safety);
                        progress.stepBy(loads.evaluation().steps());
                        return run;
                    }));
                }
            }
            List<Run> runs = new ArrayList<>();
            for (Future<Run> future : futures) {
                runs.add(future.get());
            }
            return new Outcome(runs, tuning);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** The episodes a learning agent trains for: as given, or its default. */
    static int episodes(String name, Integer given) {
        return given != null ? given : Agents.defaultEpisodes(name);
    }

    /** Writes results.csv, comparison.png and a plot per agent (its first seed); returns the results. */
    static List<Result> write(Path out, List<Run> runs) throws IOException {
        Files.createDirectories(out);
        List<Result> results = runs.stream().map(ElasticityMetrics::of).toList();
        ResultsCsv.write(out.resolve("results.csv"), results);
        ComparisonPlot.write(results, out.resolve("comparison.png"));
        try {
            runs.parallelStream().filter(run -> run.seed() == 1).forEach(run -> {
                try {
                    RunPlots.write(run, out.resolve(run.policy() + ".png"));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return results;
    }

    /** The means table, and each agent paired with hpa-tuned when it ran. */
    static void print(PrintWriter out, List<Result> results) {
        out.println(SummaryTable.format(results));
        String paired = PairedTable.format(results, HpaPolicy.TUNED);
        if (!paired.isEmpty()) {
            out.println(paired);
        }
        out.flush();
    }

    /** The lines that say what was compared, before the tables. */
    static void describe(PrintWriter console, Setup setup, AgentSettings settings, EvaluationLoads loads,
                         List<String> agents, int seeds, Integer episodes) {
        console.println("Learning agents train on " + loads.training().description());
        console.println("Every agent is evaluated on " + loads.evaluation().description());
        console.printf(Locale.ROOT, "Control period %.0f s, objective p95 <= %.0f ms, replicas %d to %d, %d seeds; safety chain: "
                        + "cooldown %d s, at most %d replicas at once, scale-down window %d s; training episodes: %s%n",
                setup.periodSeconds(), setup.sloP95Ms(), setup.limits().min(), setup.limits().max(), seeds,
                setup.safety().cooldown().toSeconds(), setup.safety().maxStep(), setup.safety().stabilization().toSeconds(),
                String.join(", ", agents.stream().filter(Agents.LEARNING::contains)
                        .map(name -> name + " " + episodes(name, episodes)).toList()));
        if (agents.contains(LatencyTableAgent.NAME)) {
            console.println(settings.describeLatencyTable());
        }
        console.flush();
    }
}
