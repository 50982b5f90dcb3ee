package org.rlautoscaler.autoscaler.livebench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.rlautoscaler.autoscaler.agent.Agent;
import org.rlautoscaler.autoscaler.catalog.AgentKind;
import org.rlautoscaler.autoscaler.metrics.Run;
import org.rlautoscaler.autoscaler.offline.Evaluator;
import org.rlautoscaler.autoscaler.offline.Setup;
import org.rlautoscaler.autoscaler.plots.LivePlots;
import org.rlautoscaler.autoscaler.sim.ServiceModel;
import org.rlautoscaler.autoscaler.sim.Workload;

/**
 * Sets one policy's live replay against the simulated cluster's prediction of it: the same load,
 * model and policy (the learning agent as it was live), {@link #PREDICTION_SEEDS} simulated runs
 * whose mean is the prediction. Draws the live run over the predicted one.
 */
public final class LiveReport {
    /** Prediction runs per policy (seeds 1 to this); the scores are their means, the plot shows seed 1. */
    public static final int PREDICTION_SEEDS = 5;

    private LiveReport() {}

    /**
     * What the simulated cluster replays for one policy.
     *
     * @param kind  the policy
     * @param agent the agent as it acted live
     * @param setup the simulated cluster, period, objective, limits and safety chain of the live loop
     */
    public record Predictor(AgentKind kind, Agent agent, Setup setup) {}

    /** A policy scored, live and predicted, and what its comparison plot needs. */
    public record Scored(LiveResult result, LivePlots.Compared compared) {}

    /**
     * Scores {@code periods}, the live run of {@code predictor}'s policy, predicts it, and draws
     * both into {@code png}.
     */
    public static Scored score(List<LivePeriod> periods, Predictor predictor, ReplayPlan plan, Replay replay,
                               ServiceModel model, Path png) throws IOException {
        String policy = predictor.kind().id();
        Setup setup = predictor.setup();
        Workload workload = afterIdlePeriod(replay.workload());
        Evaluator evaluator = new Evaluator(setup);
        Run first = null;
        Score firstScore = null;
        double sloSum = 0;
        double minutesSum = 0;
        for (int seed = 1; seed <= PREDICTION_SEEDS; seed++) {
            Run run = firstSteps(evaluator.evaluate(policy, cluster -> predictor.agent(), setup.reward(predictor.kind()),
                    workload, seed, setup.safety()), replay.periods());
            Score score = score(run, plan);
            sloSum += score.sloViolationPct();
            minutesSum += score.replicaMinutes();
            if (first == null) {
                first = run;
                firstScore = score;
            }
        }
        // the means over the seeds; the reaction and the rises are seed 1's, the run the plot shows
        Score predicted = new Score(sloSum / PREDICTION_SEEDS, minutesSum / PREDICTION_SEEDS,
                firstScore.reactionSeconds(), firstScore.rises(), firstScore.answered());
        int n = periods.size();
        double[] offered = new double[n];
        double[] p95 = new double[n];
        int[] desired = new int[n];
        int[] running = new int[n];
        int[] serving = new int[n];
        int[] demand = new int[n];
        double sent = 0;
        double failed = 0;
        for (int t = 0; t < n; t++) {
            LivePeriod p = periods.get(t);
            offered[t] = p.offeredRps();
            p95[t] = p.p95Ms();
            desired[t] = p.desired();
            running[t] = p.running();
            serving[t] = p.serving();
            double rate = Double.isFinite(p.offeredRps()) ? p.offeredRps() : 0;
            demand[t] = model.replicasNeeded(rate, plan.sloP95Ms() / 1000, plan.maxReplicas());
            sent += rate;
            failed += rate * p.errorPct() / 100;
        }
        Score liveScore = Score.of(plan.periodSeconds(), plan.sloP95Ms(), p95, running, serving, demand);
        LiveResult result = new LiveResult(policy, liveScore, sent > 0 ? 100 * failed / sent : 0, predicted);
        Run predictedRun = new Run(first.policy(), first.seed(), first.stepSeconds(), first.sloP95Ms(),
                first.arrivalRate(), first.supply(), first.desired(), withDemand(demand, first.demand()),
                first.meanLatencyMs(), first.p95LatencyMs());
        LivePlots.write(policy, plan.periodSeconds(), plan.sloP95Ms(), offered, desired, running, p95, predictedRun, png);
        return new Scored(result, new LivePlots.Compared(policy, running, liveScore.sloViolationPct(),
                liveScore.replicaMinutes(), predicted.sloViolationPct(), predicted.replicaMinutes()));
    }

    /** The table of every policy, live against predicted. */
    public static void print(PrintWriter out, Replay replay, ReplayPlan plan, List<LiveResult> results) {
        out.println("Live replay: " + replay.describe() + "; objective p95 <= " + Replay.number(plan.sloP95Ms()) + " ms");
        out.printf(Locale.ROOT, "%-12s %8s %8s %8s %10s %10s %10s %9s %9s%n", "policy", "SLO %", "rep-min", "errors %",
                "reaction s", "pred SLO %", "pred r-min", "SLO diff", "r-min err");
        for (LiveResult r : results) {
            out.printf(Locale.ROOT, "%-12s %8.2f %8.2f %8.3f %10s %10.2f %10.2f %+9.2f %+8.1f%%%n", r.policy(),
                    r.live().sloViolationPct(), r.live().replicaMinutes(), r.errorPct(),
                    Double.isNaN(r.live().reactionSeconds()) ? "-" : Replay.number(r.live().reactionSeconds()),
                    r.predicted().sloViolationPct(), r.predicted().replicaMinutes(), r.sloViolationError(),
                    100 * r.replicaMinutesError());
        }
        out.println("SLO diff: predicted minus live SLO-violation %, points; r-min err: predicted replica-minutes against "
                + "live; prediction: mean of " + PREDICTION_SEEDS + " simulated runs");
        out.flush();
    }

    /**
     * The replay's load after one period without load: the simulated cluster's reset describes
     * the period before the first decision (live: the idle period before the replay), and its
     * step k then serves the replay's period k.
     */
    static Workload afterIdlePeriod(Workload replay) {
        double[] rates = new double[replay.steps() + 1];
        System.arraycopy(replay.ratePerStep(), 0, rates, 1, replay.steps());
        return new Workload(replay.source(), rates, replay.description() + "; after one idle period");
    }

    /** The first {@code n} steps of {@code run}. */
    static Run firstSteps(Run run, int n) {
        return new Run(run.policy(), run.seed(), run.stepSeconds(), run.sloP95Ms(),
                Arrays.copyOf(run.arrivalRate(), n), Arrays.copyOf(run.supply(), n), Arrays.copyOf(run.desired(), n),
                Arrays.copyOf(run.demand(), n), Arrays.copyOf(run.meanLatencyMs(), n), Arrays.copyOf(run.p95LatencyMs(), n));
    }

    private static Score score(Run run, ReplayPlan plan) {
        return Score.of(plan.periodSeconds(), plan.sloP95Ms(), run.p95LatencyMs(), run.supply(), run.supply(), run.demand());
    }

    /** The live demand where the run is as long (the plot shows what the live load needed). */
    private static int[] withDemand(int[] live, int[] predicted) {
        return live.length == predicted.length ? live : predicted;
    }
}
