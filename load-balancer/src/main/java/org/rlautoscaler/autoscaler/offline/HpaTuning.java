package org.rlautoscaler.autoscaler.offline;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.LongConsumer;
import org.rlautoscaler.autoscaler.catalog.AgentContext;
import org.rlautoscaler.autoscaler.catalog.AgentKind;
import org.rlautoscaler.autoscaler.catalog.AgentSettings;
import org.rlautoscaler.autoscaler.env.RewardFunction;
import org.rlautoscaler.autoscaler.metrics.ElasticityMetrics;
import org.rlautoscaler.autoscaler.metrics.Result;
import org.rlautoscaler.autoscaler.sim.Workload;

/**
 * Chooses {@code hpa-tuned}'s target on the training load only, as an operator would set an HPA
 * from the traffic they have seen: the cheapest target from 0.30 to 0.95 (step 0.05) whose share
 * of steps above the latency objective, on the training workload, is at or below the budget.
 * When no target meets the budget, the one with the fewest violations (the cheaper on a tie).
 */
public final class HpaTuning {
    /** The targets tried: 0.30, 0.35 ... 0.95. */
    public static final double LOWEST = 0.30;
    public static final double HIGHEST = 0.95;
    public static final double STEP = 0.05;
    /** The seed of the tuning runs: not one of the evaluation seeds (1, 2 ...). */
    static final long SEED = 0;

    private HpaTuning() {}

    /**
     * What tuning found.
     *
     * @param target     the target chosen
     * @param metBudget  false when no target met the budget (the one with the fewest violations was taken)
     * @param candidates every target tried, with its figures on the training workload
     */
    public record Tuning(double target, boolean metBudget, List<Candidate> candidates) {
        /** One line, for the console. */
        public String describe(double budgetPct) {
            Candidate chosen = candidates.stream().filter(c -> c.target() == target).findFirst().orElseThrow();
            return String.format(Locale.ROOT, "hpa-tuned: target %.2f, %s (on the training load: %.2f %% of steps above the "
                            + "objective, %.1f replica-hours; budget %.2f %%)", target,
                    metBudget ? "the cheapest within the SLO budget" : "no target met the SLO budget: the one with the fewest violations",
                    chosen.sloViolationPct(), chosen.replicaSeconds() / 3600, budgetPct);
        }
    }

    /** A target and its figures on the training workload. */
    public record Candidate(double target, double sloViolationPct, double replicaSeconds) {}

    /** How many targets are tried. */
    public static int candidates() {
        return (int) Math.round((HIGHEST - LOWEST) / STEP) + 1;
    }

    /**
     * Runs the rule at every target over {@code training} (in parallel on {@code pool}) and picks
     * one within {@code settings}' SLO budget.
     *
     * @param progress told the steps of each finished run, for a progress bar
     */
    public static Tuning tune(Setup setup, AgentSettings settings, Workload training, ExecutorService pool,
                              LongConsumer progress) {
        Evaluator evaluator = new Evaluator(setup);
        double budgetPct = settings.sloBudgetPct();
        RewardFunction reward = setup.reward(AgentKind.HPA_TUNED);
        List<Future<Candidate>> runs = new ArrayList<>();
        for (int i = 0; i < candidates(); i++) {
            double target = Math.round((LOWEST + i * STEP) * 100) / 100.0;
            runs.add(pool.submit(() -> {
                AgentContext context = setup.agentContext(settings.withHpaTunedTarget(target)).withSeed(SEED);
                Result result = ElasticityMetrics.of(evaluator.evaluate(AgentKind.HPA_TUNED.id(),
                        future -> AgentKind.HPA_TUNED.create(context), reward, training, SEED, setup.safety()));
                progress.accept(training.steps());
                return new Candidate(target, result.sloViolationPct(), result.replicaSeconds());
            }));
        }
        List<Candidate> candidates = new ArrayList<>();
        for (Future<Candidate> run : runs) {
            try {
                candidates.add(run.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while tuning hpa-tuned", e);
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            }
        }
        Candidate best = null;
        for (Candidate c : candidates) {
            if (c.sloViolationPct() <= budgetPct && (best == null || c.replicaSeconds() < best.replicaSeconds())) {
                best = c;
            }
        }
        if (best != null) {
            return new Tuning(best.target(), true, candidates);
        }
        for (Candidate c : candidates) {
            if (best == null || c.sloViolationPct() < best.sloViolationPct()
                    || (c.sloViolationPct() == best.sloViolationPct() && c.replicaSeconds() < best.replicaSeconds())) {
                best = c;
            }
        }
        return new Tuning(best.target(), false, candidates);
    }
}
