package org.rlautoscaler.autoscaler.offline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.rlautoscaler.autoscaler.agent.original.LatencyTableDesign;
import org.rlautoscaler.autoscaler.catalog.AgentSettings;
import org.rlautoscaler.autoscaler.env.Limits;
import org.rlautoscaler.autoscaler.safety.SafetyConfig;
import org.rlautoscaler.autoscaler.sim.ClusterModel;
import org.rlautoscaler.autoscaler.sim.Workload;

/** hpa-tuned's target is found on the training load alone, by the SLO budget. */
class HpaTuningTest {
    private static final Limits LIMITS = new Limits(1, 10);
    private static final Setup SETUP = new Setup(ClusterModel.defaults(), 15, 100, LIMITS, 40,
            new SafetyConfig(LIMITS, Duration.ofSeconds(30), 2, Duration.ofSeconds(60)));

    /** A day-like wave compressed into 400 periods (100 minutes), twice, peaking at 70 % of 10 replicas. */
    private static Workload wave() {
        double[] rates = new double[800];
        for (int i = 0; i < rates.length; i++) {
            rates[i] = 0.5 - 0.45 * Math.cos(2 * Math.PI * i / 400); // from its trough: no overload at the start
        }
        Workload wave = new Workload("wave", rates, "wave");
        return wave.scaled(0.7 * 10 * SETUP.model().replicaCapacity() / wave.peak(), "peak at 70 % of 10 replicas");
    }

    private static HpaTuning.Tuning tune(double budget, AtomicLong steps) {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            return HpaTuning.tune(SETUP, new AgentSettings(2, 0.7, budget, 5, 0.7, 80, 0, LatencyTableDesign.ORIGINAL, ""), wave(), pool,
                    steps::addAndGet);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void the_cheapest_target_within_the_budget_wins() {
        AtomicLong steps = new AtomicLong();
        HpaTuning.Tuning tuning = tune(1.0, steps);
        assertEquals(14, tuning.candidates().size(), "0.30, 0.35 ... 0.95");
        assertEquals(14 * 800, steps.get(), "every candidate ran the whole training load");
        assertTrue(tuning.metBudget(), tuning.candidates().toString());
        HpaTuning.Candidate chosen = tuning.candidates().stream().filter(c -> c.target() == tuning.target()).findFirst()
                .orElseThrow();
        assertTrue(chosen.sloViolationPct() <= 1.0);
        for (HpaTuning.Candidate c : tuning.candidates()) {
            if (c.sloViolationPct() <= 1.0) {
                assertTrue(chosen.replicaSeconds() <= c.replicaSeconds(), "no cheaper target within the budget: " + c);
            }
        }
        assertTrue(tuning.describe(1.0).startsWith("hpa-tuned: target " + String.format(java.util.Locale.ROOT, "%.2f",
                tuning.target()) + ", the cheapest within the SLO budget (on the training load: "), tuning.describe(1.0));
    }

    @Test
    void a_budget_no_target_meets_takes_the_fewest_violations_and_says_so() {
        HpaTuning.Tuning tuning = tune(-1, new AtomicLong());
        assertFalse(tuning.metBudget());
        double fewest = tuning.candidates().stream().mapToDouble(HpaTuning.Candidate::sloViolationPct).min().orElseThrow();
        HpaTuning.Candidate chosen = tuning.candidates().stream().filter(c -> c.target() == tuning.target()).findFirst()
                .orElseThrow();
        assertEquals(fewest, chosen.sloViolationPct());
        assertTrue(tuning.describe(-1).contains("no target met the SLO budget: the one with the fewest violations"));
    }
}
