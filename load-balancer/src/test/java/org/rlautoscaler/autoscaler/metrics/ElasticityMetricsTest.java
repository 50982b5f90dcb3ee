package org.rlautoscaler.autoscaler.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ElasticityMetricsTest {
    private static final double EXACT = 1e-9;

    /** A run with the given replica counts; latencies and load filled in so they do not matter. */
    private static Run replicas(double stepSeconds, int[] supply, int[] desired, int[] demand) {
        int n = supply.length;
        double[] ones = new double[n];
        Arrays.fill(ones, 1);
        return new Run("p", 1, stepSeconds, 100, ones, supply, desired, demand, ones.clone(), ones.clone());
    }

    @Test
    void four_steps_of_a_minute_under_then_over_provisioned() {
        // T = 4 × 60 s = 240 s, Δt = 60 s.
        Run run = new Run("qlearning", 7, 60, 200,
                new double[] {10, 30, 0, 60},       // arrival rate, req/s
                new int[] {1, 2, 2, 3},             // supply
                new int[] {2, 2, 2, 3},             // desired
                new int[] {2, 2, 1, 3},             // demand
                new double[] {50, 80, 1000, 100},   // mean latency, ms
                new double[] {100, 250, 150, 300}); // p95 latency, ms

        Result r = ElasticityMetrics.of(run);

        assertEquals("qlearning", r.policy());
        assertEquals(7, r.seed());
        // p95 above 200 ms at steps 1 and 3: 2 of 4 steps.
        assertEquals(50, r.sloViolationPct(), EXACT);
        // (1 + 2 + 2 + 3) × 60 s.
        assertEquals(480, r.replicaSeconds(), EXACT);
        // Under at step 0 only: 100/240 × (2 − 1)/2 × 60 = 12.5.
        assertEquals(12.5, r.underProvisionPct(), EXACT);
        // Over at step 2 only: 100/240 × (2 − 1)/1 × 60 = 25.
        assertEquals(25, r.overProvisionPct(), EXACT);
        // One step of four under, one over.
        assertEquals(25, r.underTimePct(), EXACT);
        assertEquals(25, r.overTimePct(), EXACT);
        // t=1: supply up, demand flat -> 1; t=2: supply flat, demand down -> 1; t=3: both up -> 0.
        // 100/(240 − 60) × 2 × 60 = 66.666...
        assertEquals(200.0 / 3, r.instabilityPct(), EXACT);
        // Supply changed at t=1 and t=3, demand at t=2 and t=3: (2 − 2) / (240/3600 h) = 0.
        assertEquals(0, r.jitter(), EXACT);
        // Desired changed at t=3 only: 100 × 1/3.
        assertEquals(100.0 / 3, r.adaptationsPct(), EXACT);
        // (10×50 + 30×80 + 0×1000 + 60×100) / 100 = 8900/100 = 89 ms.
        assertEquals(89, r.meanLatencyMs(), EXACT);
        // Sorted by p95: 100 (w 10), 150 (w 0), 250 (w 30), 300 (w 60); cumulative 10, 10, 40, 100:
        // 95 is first reached at 300 ms.
        assertEquals(300, r.p95LatencyMs(), EXACT);
    }

    @Test
    void a_policy_flapping_around_a_steady_demand_has_positive_jitter() {
        // 6 steps of 600 s: T = 3600 s = 1 h.
        Run run = replicas(600,
                new int[] {1, 2, 1, 2, 1, 2},
                new int[] {1, 2, 1, 2, 1, 2},
                new int[] {1, 1, 1, 2, 2, 2});

        Result r = ElasticityMetrics.of(run);

        // Supply changed 5 times, demand once: (5 − 1) / 1 h = 4 per hour.
        assertEquals(4, r.jitter(), EXACT);
        // sgn(Δs), sgn(Δd): (+,0) (−,0) (+,+) (−,0) (+,0): 4 of 5 transitions differ.
        // 100/(3600 − 600) × 4 × 600 = 80.
        assertEquals(80, r.instabilityPct(), EXACT);
        // Desired changed at each of the 5 transitions.
        assertEquals(100, r.adaptationsPct(), EXACT);
        // Under at step 4 only (1 < 2): 100/3600 × 1/2 × 600 = 8.333...
        // Over at step 1 only (2 > 1): 100/3600 × 1/1 × 600 = 16.666...; one step of six each way.
        assertEquals(100.0 / 12, r.underProvisionPct(), EXACT);
        assertEquals(100.0 / 6, r.overProvisionPct(), EXACT);
        assertEquals(100.0 / 6, r.underTimePct(), EXACT);
        assertEquals(100.0 / 6, r.overTimePct(), EXACT);
        // (1 + 2 + 1 + 2 + 1 + 2) × 600 s.
        assertEquals(5400, r.replicaSeconds(), EXACT);
    }

    @Test
    void a_fixed_supply_under_a_changing_demand_has_negative_jitter() {
        // 6 steps of 600 s: 1 h. Supply never changes, demand changes 5 times: (0 − 5)/1 h.
        Run run = replicas(600,
                new int[] {2, 2, 2, 2, 2, 2},
                new int[] {2, 2, 2, 2, 2, 2},
                new int[] {1, 2, 1, 2, 1, 2});

        Result r = ElasticityMetrics.of(run);

        assertEquals(-5, r.jitter(), EXACT);
        // Every transition: supply flat, demand moving.
        assertEquals(100, r.instabilityPct(), EXACT);
        assertEquals(0, r.adaptationsPct(), EXACT);
        // Over by 1 replica of a demand of 1 at steps 0, 2, 4: 100/3600 × 3 × 600 = 50.
        assertEquals(50, r.overProvisionPct(), EXACT);
        assertEquals(50, r.overTimePct(), EXACT);
        assertEquals(0, r.underProvisionPct(), EXACT);
    }

    @Test
    void a_demand_of_zero_counts_as_one_replica_in_the_relative_excess() {
        // 2 steps of 30 s: T = 60 s. Step 0: 2 replicas for none needed -> (2 − 0)/max(0, 1) = 2.
        Run run = replicas(30, new int[] {2, 0}, new int[] {2, 0}, new int[] {0, 0});

        Result r = ElasticityMetrics.of(run);

        // 100/60 × 2 × 30 = 100.
        assertEquals(100, r.overProvisionPct(), EXACT);
        assertEquals(50, r.overTimePct(), EXACT);
        // 2 × 30 + 0 × 30.
        assertEquals(60, r.replicaSeconds(), EXACT);
    }

    @Test
    void a_single_step_has_no_instability_jitter_or_adaptations() {
        Result r = ElasticityMetrics.of(replicas(60, new int[] {3}, new int[] {4}, new int[] {3}));

        assertEquals(0, r.instabilityPct());
        assertEquals(0, r.jitter());
        assertEquals(0, r.adaptationsPct());
        assertEquals(180, r.replicaSeconds(), EXACT);
    }

    @Test
    void the_weighted_p95_is_where_the_cumulative_requests_reach_95_percent() {
        // Sorted by p95 (already): weights 50, 40, 6, 4 of 100; cumulative 50, 90, 96: 300 ms.
        int[] two = {2, 2, 2, 2};
        Run run = new Run("p", 1, 60, 250, new double[] {50, 40, 6, 4}, two, two, two,
                new double[] {10, 20, 30, 40}, new double[] {100, 200, 300, 400});

        Result r = ElasticityMetrics.of(run);

        assertEquals(300, r.p95LatencyMs(), EXACT);
        // (50×10 + 40×20 + 6×30 + 4×40) / 100 = (500 + 800 + 180 + 160)/100 = 16.4 ms.
        assertEquals(16.4, r.meanLatencyMs(), EXACT);
        // 300 and 400 ms are above 250 ms: 2 of 4.
        assertEquals(50, r.sloViolationPct(), EXACT);
    }

    @Test
    void without_any_request_latencies_are_plain_mean_and_nearest_rank_percentile() {
        // 20 steps, no load, p95 = 20, 19, ..., 1 ms; mean latency = p95 / 2.
        int n = 20;
        double[] p95 = new double[n];
        double[] mean = new double[n];
        for (int t = 0; t < n; t++) {
            p95[t] = n - t;
            mean[t] = p95[t] / 2;
        }
        int[] one = new int[n];
        Arrays.fill(one, 1);
        Run run = new Run("idle", 2, 60, 100, new double[n], one, one, one, mean, p95);

        Result r = ElasticityMetrics.of(run);

        // Each step weighs 1: 95 % of 20 is reached at the 19th smallest value, 19 ms.
        assertEquals(19, r.p95LatencyMs(), EXACT);
        // (1 + 2 + ... + 20) / 2 / 20 = 210 / 40 = 5.25 ms.
        assertEquals(5.25, r.meanLatencyMs(), EXACT);
        assertEquals(0, r.sloViolationPct());
    }

    @Test
    void a_run_without_steps_or_with_a_bad_step_length_is_refused_naming_the_value() {
        Run empty = replicas(60, new int[0], new int[0], new int[0]);
        String noStep = assertThrows(IllegalArgumentException.class, () -> ElasticityMetrics.of(empty)).getMessage();
        assertTrue(noStep.contains("0 steps"), noStep);

        Run negative = replicas(-60, new int[] {1}, new int[] {1}, new int[] {1});
        String badStep = assertThrows(IllegalArgumentException.class, () -> ElasticityMetrics.of(negative)).getMessage();
        assertTrue(badStep.contains("-60.0"), badStep);

        int[] one = {1};
        Run badRate = new Run("p", 1, 60, 100, new double[] {-3}, one, one, one, new double[] {1}, new double[] {1});
        String rate = assertThrows(IllegalArgumentException.class, () -> ElasticityMetrics.of(badRate)).getMessage();
        assertTrue(rate.contains("-3.0"), rate);
    }
}
