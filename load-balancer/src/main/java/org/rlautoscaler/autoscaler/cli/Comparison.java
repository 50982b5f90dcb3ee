package org.rlautoscaler.autoscaler.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.rlautoscaler.autoscaler.agent.TabularAgent;
import org.rlautoscaler.autoscaler.eval.ElasticityMetrics;
import org.rlautoscaler.autoscaler.eval.Result;
import org.rlautoscaler.autoscaler.eval.ResultsCsv;
import org.rlautoscaler.autoscaler.eval.Run;
import org.rlautoscaler.autoscaler.eval.RunPlots;
import org.rlautoscaler.autoscaler.eval.SummaryTable;
import org.rlautoscaler.autoscaler.offline.AgentSpec;
import org.rlautoscaler.autoscaler.offline.Evaluator;
import org.rlautoscaler.autoscaler.offline.Setup;
import org.rlautoscaler.autoscaler.offline.Trainer;
import org.rlautoscaler.autoscaler.sim.Workload;

/**
 * Evaluates policies on the same load, seed by seed: learning agents first train on their own
 * workload (never the evaluation one), then every policy runs greedily over the evaluation
 * workload. Writes {@code results.csv}, one plot per policy, and returns the console table.
 */
final class Comparison {
    private Comparison() {}

    static List<Run> run(SimulationOptions options, Setup setup, Workload training, Workload evaluation,
                         List<String> policies, int seeds, Integer episodes) {
        Trainer trainer = new Trainer(setup);
        Evaluator evaluator = new Evaluator(setup);
        long trainingSteps = policies.stream().filter(Agents.LEARNING::contains)
                .mapToLong(name -> (long) episodes(name, episodes) * setup.episodeSteps()).sum();
        long total = seeds * (trainingSteps + policies.size() * (long) evaluation.steps());
        // Every (policy, seed) run is independent and owns its objects: they run in parallel,
        // one per core, and are collected in order, so the results do not depend on the timing.
        ExecutorService pool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
        try (Progress progress = Progress.start("evaluate", total, "steps")) {
            List<Future<Run>> futures = new ArrayList<>();
            for (String name : policies) {
                for (int seed = 1; seed <= seeds; seed++) {
                    long runSeed = seed;
                    futures.add(pool.submit(() -> {
                        AgentSpec spec;
                        if (Agents.LEARNING.contains(name)) {
                            int n = episodes(name, episodes);
                            TabularAgent agent = Agents.learning(name, options, setup, n, runSeed);
                            long[] reported = {0};
                            trainer.train(agent, Agents.reward(name, setup), training, n, runSeed, done -> {
                                progress.stepBy(done - reported[0]);
                                reported[0] = done;
                            });
                            spec = new AgentSpec(name, Agents.reward(name, setup), (s, cluster) -> agent);
                        } else {
                            spec = Agents.baseline(name, options, setup);
                        }
                        Run run = evaluator.evaluate(spec, evaluation, runSeed);
                        progress.stepBy(evaluation.steps());
                        return run;
                    }));
                }
            }
            List<Run> runs = new ArrayList<>();
            for (Future<Run> future : futures) {
                runs.add(future.get());
            }
            return runs;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** The episodes a learning policy trains for: as given, or its default. */
    static int episodes(String name, Integer given) {
        return given != null ? given : Agents.defaultEpisodes(name);
    }

    /** Writes results.csv and a plot per policy (its first seed); returns the results. */
    static List<Result> write(Path out, List<Run> runs) throws IOException {
        Files.createDirectories(out);
        List<Result> results = runs.stream().map(ElasticityMetrics::of).toList();
        ResultsCsv.write(out.resolve("results.csv"), results);
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

    static void print(PrintWriter out, List<Result> results) {
        out.println(SummaryTable.format(results));
        out.flush();
    }
}
