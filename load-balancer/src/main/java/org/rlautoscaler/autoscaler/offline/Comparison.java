package org.rlautoscaler.autoscaler.offline;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.rlautoscaler.autoscaler.agent.Agent;
import org.rlautoscaler.autoscaler.catalog.AgentContext;
import org.rlautoscaler.autoscaler.catalog.AgentKind;
import org.rlautoscaler.autoscaler.catalog.AgentSettings;
import org.rlautoscaler.autoscaler.files.OutputDirectory;
import org.rlautoscaler.autoscaler.metrics.ElasticityMetrics;
import org.rlautoscaler.autoscaler.metrics.PairedTable;
import org.rlautoscaler.autoscaler.metrics.Result;
import org.rlautoscaler.autoscaler.metrics.ResultsCsv;
import org.rlautoscaler.autoscaler.metrics.Run;
import org.rlautoscaler.autoscaler.metrics.SummaryTable;
import org.rlautoscaler.autoscaler.plots.ComparisonPlot;
import org.rlautoscaler.autoscaler.plots.RunPlots;
import org.rlautoscaler.autoscaler.progress.ProgressListener;
import org.rlautoscaler.autoscaler.safety.SafetyConfig;

/**
 * Compares agents on the same load, seed by seed: {@code hpa-tuned} is tuned and the learning
 * agents train on the training load alone (never the evaluated one), then every agent runs
 * greedily over the evaluated load, through the live safety chain (the oracle, a bound rather
 * than a policy, only within the limits). Writes {@code results.csv} and one plot per agent, and
 * prints the tables.
 */
public final class Comparison {
    private static final String RESULTS = "results.csv";
    private static final String PLOT = "comparison.png";

    private Comparison() {}

    /**
     * What is compared.
     *
     * @param setup    the simulated cluster, period, objective, limits and safety chain
     * @param settings the agents' own settings
     * @param loads    the training and the evaluated load
     * @param agents   the agents, in the order of the tables
     * @param seeds    runs per agent, seeds 1 to this
     * @param episodes training episodes of every learning agent; empty: each its default
     */
    public record Plan(Setup setup, AgentSettings settings, EvaluationLoads loads, List<AgentKind> agents, int seeds,
                       OptionalInt episodes) {
        /** The episodes {@code kind} trains for: as given, or its default. */
        public int episodes(AgentKind kind) {
            return episodes.orElse(kind.defaultEpisodes());
        }
    }

    /** What a comparison found: every run, and hpa-tuned's tuning when it ran (else null). */
    public record Outcome(List<Run> runs, HpaTuning.Tuning tuning) {}

    /** Says what is compared, runs the comparison, writes its files under {@code out} and prints its tables. */
    public static List<Result> compare(PrintWriter console, Plan plan, Path out, ProgressListener progress)
            throws IOException {
        List<String> files = new ArrayList<>(List.of(RESULTS, PLOT));
        plan.agents().forEach(kind -> files.add(kind.id() + ".png"));
        try (OutputDirectory claimed = OutputDirectory.claim("--out", out, files)) { // checked before the work
            describe(console, plan);
            long start = System.nanoTime();
            Outcome outcome = run(plan, progress);
            if (outcome.tuning() != null) {
                console.println(outcome.tuning().describe(plan.settings().sloBudgetPct()));
            }
            List<Result> results = write(out, outcome.runs());
            print(console, results);
            console.printf(Locale.ROOT, "Wrote %s and %d plots in %.1f s%n", out.resolve(RESULTS), plan.agents().size(),
                    (System.nanoTime() - start) / 1e9);
            console.flush();
            return results;
        }
    }

    /** Tunes, trains and evaluates every agent of {@code plan}, in parallel, one run per core. */
    public static Outcome run(Plan plan, ProgressListener progressListener) {
        Setup setup = plan.setup();
        EvaluationLoads loads = plan.loads();
        Trainer trainer = new Trainer(setup);
        Evaluator evaluator = new Evaluator(setup);
        long trainingSteps = plan.agents().stream().filter(AgentKind::learns)
                .mapToLong(kind -> (long) plan.episodes(kind) * setup.episodeSteps()).sum();
        boolean tuned = plan.agents().stream().anyMatch(AgentKind::tuned);
        long tuningSteps = tuned ? HpaTuning.candidates() * (long) loads.training().steps() : 0;
        long total = tuningSteps + plan.seeds() * (trainingSteps + plan.agents().size() * (long) loads.evaluation().steps());
        // Every (agent, seed) run is independent and owns its objects: they run in parallel,
        // one per core, and are collected in order, so the results do not depend on the timing.
        ExecutorService pool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
        try (ProgressListener.Task progress = progressListener.start("evaluate", total, "steps")) {
            HpaTuning.Tuning tuning = tuned
                    ? HpaTuning.tune(setup, plan.settings(), loads.training(), pool, progress::stepBy)
                    : null;
            AgentSettings settings = tuning == null ? plan.settings() : plan.settings().withHpaTunedTarget(tuning.target());
            List<Future<Run>> futures = new ArrayList<>();
            for (AgentKind kind : plan.agents()) {
                for (int seed = 1; seed <= plan.seeds(); seed++) {
                    AgentContext context = setup.agentContext(settings).withSeed(seed);
                    futures.add(pool.submit(() -> {
                        Agent trained = null;
                        if (kind.learns()) {
                            int n = plan.episodes(kind);
                            trained = kind.create(context.training(n));
                            long[] reported = {0};
                            trainer.train(trained, setup.reward(kind), loads.training(), n, context.seed(), done -> {
                                progress.stepBy(done - reported[0]);
                                reported[0] = done;
                            });
                        }
                        Agent ready = trained;
                        SafetyConfig safety = kind.knowsFuture() ? SafetyConfig.limitsOnly(setup.limits()) : setup.safety();
                        Run run = evaluator.evaluate(kind.id(), future -> ready != null ? ready
                                        : kind.create(context.withFuture(future)),
                                setup.reward(kind), loads.evaluation(), context.seed(), safety);
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

    /** Writes results.csv, comparison.png and a plot per agent (its first seed); returns the results. */
    static List<Result> write(Path out, List<Run> runs) throws IOException {
        Files.createDirectories(out);
        List<Result> results = runs.stream().map(ElasticityMetrics::of).toList();
        ResultsCsv.write(out.resolve(RESULTS), results);
        ComparisonPlot.write(results, out.resolve(PLOT));
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
        String paired = PairedTable.format(results, AgentKind.HPA_TUNED.id());
        if (!paired.isEmpty()) {
            out.println(paired);
        }
        out.flush();
    }

    /** The lines that say what was compared, before the tables. */
    static void describe(PrintWriter console, Plan plan) {
        Setup setup = plan.setup();
        console.println("Learning agents train on " + plan.loads().training().description());
        console.println("Every agent is evaluated on " + plan.loads().evaluation().description());
        console.printf(Locale.ROOT, "Control period %.0f s, objective p95 <= %.0f ms, replicas %d to %d, %d seeds; safety chain: "
                        + "cooldown %d s, at most %d replicas at once, scale-down window %d s; training episodes: %s%n",
                setup.periodSeconds(), setup.sloP95Ms(), setup.limits().min(), setup.limits().max(), plan.seeds(),
                setup.safety().cooldown().toSeconds(), setup.safety().maxStep(), setup.safety().stabilization().toSeconds(),
                String.join(", ", plan.agents().stream().filter(AgentKind::learns)
                        .map(kind -> kind.id() + " " + plan.episodes(kind)).toList()));
        if (plan.agents().contains(AgentKind.LATENCY_TABLE)) {
            console.println(plan.settings().describeLatencyTable());
        }
        console.flush();
    }
}
