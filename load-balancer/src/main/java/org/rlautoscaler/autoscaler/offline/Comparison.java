package org.rlautoscaler.autoscaler.offline;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.rlautoscaler.autoscaler.agent.Agent;
import org.rlautoscaler.autoscaler.agent.AgentFileException;
import org.rlautoscaler.autoscaler.agent.Forecasting;
import org.rlautoscaler.autoscaler.catalog.AgentContext;
import org.rlautoscaler.autoscaler.catalog.AgentKind;
import org.rlautoscaler.autoscaler.catalog.AgentSettings;
import org.rlautoscaler.autoscaler.files.AtomicFiles;
import org.rlautoscaler.autoscaler.files.OutputDirectory;
import org.rlautoscaler.autoscaler.metrics.ElasticityMetrics;
import org.rlautoscaler.autoscaler.metrics.Interval;
import org.rlautoscaler.autoscaler.metrics.PairedTable;
import org.rlautoscaler.autoscaler.metrics.Result;
import org.rlautoscaler.autoscaler.metrics.ResultsCsv;
import org.rlautoscaler.autoscaler.metrics.Run;
import org.rlautoscaler.autoscaler.metrics.SummaryTable;
import org.rlautoscaler.autoscaler.plots.ComparisonPlot;
import org.rlautoscaler.autoscaler.plots.RunPlots;
import org.rlautoscaler.autoscaler.progress.ProgressListener;
import org.rlautoscaler.autoscaler.safety.SafetyConfig;
import org.rlautoscaler.autoscaler.sim.ServiceModel;
import org.rlautoscaler.autoscaler.sim.Workload;

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
    private static final String BOUND = "bound.csv";

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
     * @param forecast a forecasting agent that learns online starts forecasting from the days
     *                 before the evaluated part; otherwise it does not forecast
     * @param frozen   learning agents stop learning when their training ends; otherwise they go on
     *                 learning from the evaluated load as it unfolds, as they do live
     */
    public record Plan(Setup setup, AgentSettings settings, EvaluationLoads loads, List<AgentKind> agents, int seeds,
                       OptionalInt episodes, boolean frozen, boolean forecast) {
        /** The episodes {@code kind} trains for: as given, or its default. */
        public int episodes(AgentKind kind) {
            return episodes.orElse(kind.defaultEpisodes());
        }
    }

    /**
     * What a comparison found: every run, hpa-tuned's tuning when it ran (else null), and the
     * lower bound of each seed at hpa-tuned's misses on that seed (empty when hpa-tuned did not
     * run, or the bound's search would be too large).
     */
    public record Outcome(List<Run> runs, HpaTuning.Tuning tuning, Map<Long, LowerBound.Result> bounds) {}

    /** Says what is compared, runs the comparison, writes its files under {@code out} and prints its tables. */
    public static List<Result> compare(PrintWriter console, Plan plan, Path out, ProgressListener progress)
            throws IOException {
        List<String> files = new ArrayList<>(List.of(RESULTS, PLOT, BOUND));
        plan.agents().forEach(kind -> files.add(kind.id() + ".png"));
        try (OutputDirectory claimed = OutputDirectory.claim("--out", out, files)) { // checked before the work
            describe(console, plan);
            long start = System.nanoTime();
            Outcome outcome = run(plan, progress);
            if (outcome.tuning() != null) {
                console.println(outcome.tuning().describe(plan.settings().sloBudgetPct()));
            }
            List<Result> results = write(out, outcome.runs());
            writeBounds(out.resolve(BOUND), outcome.bounds());
            print(console, results, outcome.bounds());
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
        long boundSteps = tuned ? loads.evaluation().steps() : 0;
        long total = tuningSteps + plan.seeds() * (trainingSteps + (plan.agents().size() * (long) loads.evaluation().steps())
                + boundSteps);
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
                        boolean online = trained != null && !plan.frozen();
                        Agent ready = online ? asLive(kind, trained, context) : trained;
                        if (online && plan.forecast() && ready instanceof Forecasting forecasting) {
                            // its clock at the evaluated part's start, the trace's time since its first step
                            forecasting.foresee(setup.forecastSetup(loads.history().steps() * setup.periodSeconds()),
                                    lastDays(loads.history(), setup));
                        }
                        SafetyConfig safety = kind.knowsFuture() ? SafetyConfig.limitsOnly(setup.limits()) : setup.safety();
                        Run run = evaluator.evaluate(kind.id(), future -> ready != null ? ready
                                        : kind.create(context.withFuture(future)),
                                setup.reward(kind), loads.evaluation(), context.seed(), safety, online);
                        progress.stepBy(loads.evaluation().steps());
                        return run;
                    }));
                }
            }
            List<Run> runs = new ArrayList<>();
            for (Future<Run> future : futures) {
                runs.add(future.get());
            }
            Map<Long, Future<LowerBound.Result>> bounds = new TreeMap<>();
            for (Run run : runs) {
                if (run.policy().equals(AgentKind.HPA_TUNED.id())) {
                    bounds.put(run.seed(), pool.submit(() -> { // the problem's arrivals are a run of their own
                        LowerBound.Problem problem = Bounds.problem(setup, loads.evaluation(), run.seed());
                        LowerBound.Result bound = LowerBound.solvable(problem)
                                ? LowerBound.solve(problem, ElasticityMetrics.violations(run)) : null;
                        progress.stepBy(loads.evaluation().steps());
                        return bound;
                    }));
                }
            }
            Map<Long, LowerBound.Result> solved = new TreeMap<>();
            for (var bound : bounds.entrySet()) {
                LowerBound.Result result = bound.getValue().get();
                if (result != null) {
                    solved.put(bound.getKey(), result);
                }
            }
            return new Outcome(runs, tuning, solved);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * The last {@value Forecasting#HISTORY_DAYS} days of {@code history}, as a forecasting agent
     * reads them live from Prometheus (with time compressed, {@code --bins-per-step}, the
     * forecast's day is the simulated day, not the trace's, so it finds no daily season to act on).
     */
    static double[] lastDays(Workload history, Setup setup) {
        int steps = (int) Math.min(history.steps(), Math.round(Forecasting.HISTORY_DAYS * 86_400 / setup.periodSeconds()));
        double[] rates = history.ratePerStep();
        return Arrays.copyOfRange(rates, rates.length - steps, rates.length);
    }

    /**
     * The agent as the live loop runs {@code trained}: made for a service (exploring at the
     * settings' online epsilon, 0 by default) and loaded from what training saved.
     */
    private static Agent asLive(AgentKind kind, Agent trained, AgentContext context) throws IOException {
        Path file = Files.createTempFile("rl-autoscaler-" + kind.id() + "-", ".json");
        try {
            trained.save(file);
            Agent live = kind.create(context);
            live.load(file);
            return live;
        } catch (AgentFileException e) {
            throw new IllegalStateException("the trained " + kind.id() + " could not be read back: " + e.getMessage(), e);
        } finally {
            Files.deleteIfExists(file);
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

    /** bound.csv: the bound of each seed, and the schedule that the search found. */
    private static void writeBounds(Path file, Map<Long, LowerBound.Result> bounds) throws IOException {
        StringBuilder csv = new StringBuilder("seed,allowed_misses,bound_replica_seconds,schedule_replica_seconds,"
                + "schedule_misses,fewest_misses\n");
        bounds.forEach((seed, b) -> csv.append(String.format(Locale.ROOT, "%d,%d,%.1f,%.1f,%d,%d%n", seed, b.allowed(),
                b.bound(), b.cost(), b.misses(), b.fewestMisses())));
        AtomicFiles.write(file, csv.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** The means table, the bound, and each agent paired with hpa-tuned when it ran. */
    static void print(PrintWriter out, List<Result> results, Map<Long, LowerBound.Result> bounds) {
        out.println(SummaryTable.format(results));
        Map<Long, Double> boundBySeed = new TreeMap<>();
        bounds.forEach((seed, b) -> boundBySeed.put(seed, b.bound()));
        if (!boundBySeed.isEmpty()) {
            double[] ratios = results.stream().filter(r -> r.policy().equals(AgentKind.HPA_TUNED.id())
                    && boundBySeed.containsKey(r.seed())).mapToDouble(r -> boundBySeed.get(r.seed()) / r.replicaSeconds())
                    .toArray();
            Interval ratio = Interval.of(ratios);
            out.printf(Locale.ROOT, "bound: %.3f ± %.3f of hpa-tuned's replica-seconds: the cheapest schedule with the "
                            + "load known in advance and no more missed periods than hpa-tuned on the same seed (a lower "
                            + "bound: no cooldown, no scale-down window, no warm-up, no backlog carried over)%n",
                    ratio.mean(), ratio.n() > 1 ? ratio.halfWidth() : 0);
        }
        String paired = PairedTable.format(results, AgentKind.HPA_TUNED.id(), boundBySeed);
        if (!paired.isEmpty()) {
            out.println(paired);
        }
        out.flush();
    }

    /**
     * A warning when more than 1 % of the evaluated steps need more replicas than the limits allow
     * to meet the objective (at the model's steady state): in those steps every policy misses, and
     * a comparison of misses says little.
     */
    static Optional<String> capacityWarning(Setup setup, Workload evaluation) {
        ServiceModel service = setup.model().service();
        double highest = service.latency().highestUtilisation(setup.sloP95Ms() / 1000);
        double[] rates = evaluation.ratePerStep();
        int[] sorted = new int[rates.length];
        int over = 0;
        for (int t = 0; t < rates.length; t++) {
            sorted[t] = service.replicasNeededAt(rates[t], highest, Integer.MAX_VALUE / 2);
            over += sorted[t] > setup.limits().max() ? 1 : 0;
        }
        if (rates.length == 0 || over <= rates.length / 100.0) {
            return Optional.empty();
        }
        java.util.Arrays.sort(sorted);
        int p99 = sorted[(int) Math.ceil(0.99 * sorted.length) - 1];
        return Optional.of(String.format(Locale.ROOT, "Warning: %.1f %% of the evaluated steps (%d of %d) need more than "
                        + "--max-replicas %d replicas to meet the objective (99 %% of the steps need at most %d, the busiest "
                        + "%d): every policy misses in them, so the share of misses compares little; raise --max-replicas "
                        + "to %d, or scale the trace to fewer replicas with --peak-replicas", 100.0 * over / rates.length,
                over, rates.length, setup.limits().max(), p99, sorted[sorted.length - 1], p99));
    }

    /** The lines that say what was compared, before the tables. */
    static void describe(PrintWriter console, Plan plan) {
        Setup setup = plan.setup();
        console.println("Learning agents train on " + plan.loads().training().description());
        console.println("Every agent is evaluated on " + plan.loads().evaluation().description());
        console.printf(Locale.ROOT, "Control period %.0f s, objective p95 <= %.0f ms, replicas %d to %d, %d seeds; safety chain: "
                        + "cooldown %d s, at most %d replicas at once, scale-down window %d s; training episodes: %s; %s%n",
                setup.periodSeconds(), setup.sloP95Ms(), setup.limits().min(), setup.limits().max(), plan.seeds(),
                setup.safety().cooldown().toSeconds(), setup.safety().maxStep(), setup.safety().stabilization().toSeconds(),
                String.join(", ", plan.agents().stream().filter(AgentKind::learns)
                        .map(kind -> kind.id() + " " + plan.episodes(kind)).toList()),
                plan.frozen() ? "learning agents frozen after training (--frozen)"
                        : "learning agents go on learning from the evaluated load as it unfolds, as live (--frozen: not)"
                        + (plan.forecast() ? "; qlearning forecasts from the " + Forecasting.HISTORY_DAYS
                        + " days before the evaluated part (--no-forecast: not)" : "; qlearning without its forecast (--no-forecast)"));
        capacityWarning(setup, plan.loads().evaluation()).ifPresent(console::println);
        if (plan.agents().contains(AgentKind.LATENCY_TABLE)) {
            console.println(plan.settings().describeLatencyTable());
        }
        console.flush();
    }
}
