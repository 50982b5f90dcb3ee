package org.rlautoscaler.autoscaler.offline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.rlautoscaler.autoscaler.agent.original.LatencyTableDesign;
import org.rlautoscaler.autoscaler.catalog.AgentKind;
import org.rlautoscaler.autoscaler.catalog.AgentSettings;
import org.rlautoscaler.autoscaler.env.Limits;
import org.rlautoscaler.autoscaler.metrics.ElasticityMetrics;
import org.rlautoscaler.autoscaler.metrics.Result;
import org.rlautoscaler.autoscaler.metrics.Run;
import org.rlautoscaler.autoscaler.safety.SafetyConfig;
import org.rlautoscaler.autoscaler.sim.ClusterModel;
import org.rlautoscaler.autoscaler.sim.Workload;

/** The bound of a simulated evaluation: below what the policies pay, at their share of misses. */
class BoundsTest {
    private static final Limits LIMITS = new Limits(1, 10);
    private static final Setup SETUP = new Setup(ClusterModel.defaults(), 15, 100, LIMITS, 40,
            new SafetyConfig(LIMITS, Duration.ofSeconds(30), 2, Duration.ofSeconds(60)));
    private static final AgentSettings SETTINGS = new AgentSettings(2, 0.7, 1.0, 5, 0.7, 80, 0, LatencyTableDesign.ORIGINAL, "");

    /** Two waves in 800 periods, peaking at 80 % of 10 replicas, with a burst at the second crest. */
    private static Workload wave() {
        double[] rates = new double[800];
        for (int i = 0; i < rates.length; i++) {
            rates[i] = 0.5 - 0.45 * Math.cos(2 * Math.PI * i / 400) + (i >= 590 && i < 610 ? 0.4 : 0);
        }
        Workload wave = new Workload("wave", rates, "wave");
        return wave.scaled(0.8 * 10 * SETUP.model().replicaCapacity() / wave.peak(), "peak at 80 % of 10 replicas");
    }

    /** The same cluster controlled every 5 s: a start-up spans two periods. */
    private static final Setup FAST = new Setup(ClusterModel.defaults(), 5, 100, LIMITS, 40,
            new SafetyConfig(LIMITS, Duration.ofSeconds(30), 2, Duration.ofSeconds(60)));

    private static Run run(AgentKind kind, long seed) {
        return run(SETUP, kind, seed);
    }

    private static Run run(Setup setup, AgentKind kind, long seed) {
        SafetyConfig safety = kind.knowsFuture() ? SafetyConfig.limitsOnly(LIMITS) : setup.safety();
        return new Evaluator(setup).evaluate(kind.id(), future -> kind.create(setup.agentContext(SETTINGS).withFuture(future)),
                setup.reward(kind), wave(), seed, safety);
    }

    private static int misses(Run run) {
        return ElasticityMetrics.violations(run);
    }

    @Test
    void a_seeds_arrivals_are_the_same_whatever_the_policy() {
        double[] atMinimum = Bounds.arrivals(SETUP, wave(), 3);
        double[] underHpa = Bounds.arrivals(SETUP, wave(), 3, AgentKind.HPA.create(SETUP.agentContext(SETTINGS)));
        assertArrayEquals(atMinimum, underHpa);
        assertTrue(atMinimum[300] != Bounds.arrivals(SETUP, wave(), 4)[300], "another seed, other arrivals");
    }

    @Test
    void the_model_pays_as_the_cluster_does_and_never_misses_more() {
        LowerBound.Problem slow = Bounds.problem(SETUP, wave(), 1);
        assertEquals(0, slow.paidAfter(), "10 s of start-up in 15 s periods: paid from the first period's end");
        assertEquals(0, slow.servesAfter(), "and serving a third of it");
        LowerBound.Problem fast = Bounds.problem(FAST, wave(), 1);
        assertEquals(1, fast.paidAfter(), "10 s of start-up in 5 s periods: paid from the second period's end");
        assertEquals(2, fast.servesAfter(), "and serving from the third");
        for (long seed = 1; seed <= 3; seed++) {
            for (Setup setup : new Setup[] {SETUP, FAST}) {
                LowerBound.Problem problem = Bounds.problem(setup, wave(), seed);
                for (AgentKind kind : new AgentKind[] {AgentKind.HPA, AgentKind.THRESHOLD}) {
                    Run run = run(setup, kind, seed);
                    double[] relaxed = LowerBound.evaluate(problem, run.desired());
                    String which = kind + ", " + setup.periodSeconds() + " s periods, seed " + seed;
                    assertEquals(ElasticityMetrics.of(run).replicaSeconds(), relaxed[0], 1e-6, which);
                    assertTrue(relaxed[1] <= misses(run), which + ": " + relaxed[1] + " > " + misses(run));
                }
            }
        }
    }

    @Test
    void below_every_policy_within_the_same_misses() {
        for (long seed = 1; seed <= 3; seed++) {
            Run hpa = run(AgentKind.HPA, seed);
            LowerBound.Result bound = LowerBound.solve(Bounds.problem(SETUP, wave(), seed), misses(hpa));
            Result hpaResult = ElasticityMetrics.of(hpa);
            assertTrue(bound.bound() <= hpaResult.replicaSeconds(), "seed " + seed);
            assertTrue(bound.bound() > 0.5 * hpaResult.replicaSeconds(), "not trivially low: " + bound.bound() + " against "
                    + hpaResult.replicaSeconds());
            Run oracle = run(AgentKind.ORACLE, seed);
            if (misses(oracle) <= misses(hpa)) {
                assertTrue(bound.bound() <= ElasticityMetrics.of(oracle).replicaSeconds(), "seed " + seed);
            }
        }
    }
}
