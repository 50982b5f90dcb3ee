package org.rlautoscaler.autoscaler.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.rlautoscaler.autoscaler.env.Observation;

/**
 * Scenarios in the style of the Kubernetes HPA controller tests:
 * desired = ceil(current * utilisation / target), nothing within a tolerance of 0.1, scale-up at
 * most max(2 * current, current + 4) per period, scale-down stabilised over 300 s.
 */
class HpaPolicyTest {

    private static Observation replicasAt(int replicas, double utilisation) {
        return new Observation(replicas, replicas, Double.NaN, Double.NaN, utilisation, Double.NaN, Double.NaN, Double.NaN);
    }

    private static HpaPolicy hpa(double target) {
        return new HpaPolicy(target, 15, 300);
    }

    @Test
    void three_replicas_at_50_percent_against_30_percent_target_scale_to_5() {
        // ratio 0.50 / 0.30 = 1.667 (outside 0.1); ceil(3 * 1.667) = ceil(5.0) = 5; limit max(6, 7) = 7
        assertEquals(5, hpa(0.30).decide(replicasAt(3, 0.50)).replicas());
    }

    @Test
    void three_replicas_at_32_percent_against_30_percent_are_within_tolerance_and_stay_3() {
        // ratio 0.32 / 0.30 = 1.067; |1.067 - 1| = 0.067 <= 0.1 -> keep 3 (ceil(3.2) = 4 would be wrong)
        assertEquals(3, hpa(0.30).decide(replicasAt(3, 0.32)).replicas());
    }

    @Test
    void one_replica_at_1000_percent_is_limited_to_5() {
        // ceil(1 * 10.0 / 0.30) = 34; limit max(2 * 1, 1 + 4) = 5
        assertEquals(5, hpa(0.30).decide(replicasAt(1, 10.0)).replicas());
    }

    @Test
    void ten_replicas_at_500_percent_are_limited_to_20() {
        // ceil(10 * 5.0 / 0.30) = 167; limit max(2 * 10, 10 + 4) = 20
        assertEquals(20, hpa(0.30).decide(replicasAt(10, 5.0)).replicas());
    }

    @Test
    void four_replicas_at_90_percent_against_60_percent_scale_to_6() {
        // ratio 1.5 -> ceil(4 * 1.5) = 6; limit max(8, 8) = 8
        assertEquals(6, hpa(0.60).decide(replicasAt(4, 0.90)).replicas());
    }

    @Test
    void a_first_scale_down_without_earlier_recommendations_follows_the_rule() {
        // 8 replicas at 0.075 vs 0.30: ceil(8 * 0.25) = 2, and the window holds only this 2
        assertEquals(2, hpa(0.30).decide(replicasAt(8, 0.075)).replicas());
    }

    @Test
    void after_a_recommendation_of_8_a_drop_to_2_keeps_8_for_300_seconds_then_follows_2() {
        HpaPolicy hpa = hpa(0.30);
        // t = 15 s: 4 replicas at 0.60 -> ceil(4 * 2) = 8 (limit max(8, 8) = 8)
        assertEquals(8, hpa.decide(replicasAt(4, 0.60)).replicas());
        // t = 30 .. 300 s (19 decisions): each recommends ceil(8 * 0.075 / 0.30) = 2, but the
        // recommendation 8 of t = 15 is less than 300 s old -> 8
        for (int decision = 1; decision <= 19; decision++) {
            assertEquals(8, hpa.decide(replicasAt(8, 0.075)).replicas(), "decision " + decision + " after the 8");
        }
        // t = 315 s (the 20th decision): the 8 is 300 s old and leaves the window -> 2
        assertEquals(2, hpa.decide(replicasAt(8, 0.075)).replicas());
    }

    @Test
    void during_stabilisation_the_highest_recent_recommendation_wins() {
        HpaPolicy hpa = hpa(0.30);
        assertEquals(8, hpa.decide(replicasAt(4, 0.60)).replicas());   // t = 15: 8
        // t = 30: 8 replicas at 0.225 -> ceil(8 * 0.75) = 6 -> max(8, 6) = 8
        assertEquals(8, hpa.decide(replicasAt(8, 0.225)).replicas());
        // t = 45 .. 315: recommendations of 2; the 8 leaves at t = 315 while the 6 (t = 30) stays
        for (int decision = 2; decision <= 19; decision++) {
            assertEquals(8, hpa.decide(replicasAt(8, 0.075)).replicas(), "decision " + decision);
        }
        assertEquals(6, hpa.decide(replicasAt(8, 0.075)).replicas(), "t = 315: the 8 of t = 15 is gone, the 6 of t = 30 remains");
        assertEquals(2, hpa.decide(replicasAt(8, 0.075)).replicas(), "t = 330: the 6 is gone too");
    }

    @Test
    void a_missing_utilisation_keeps_the_current_count() {
        assertEquals(7, hpa(0.30).decide(replicasAt(7, Double.NaN)).replicas());
    }

    @Test
    void start_episode_clears_the_stabilisation_window() {
        HpaPolicy hpa = hpa(0.30);
        assertEquals(8, hpa.decide(replicasAt(4, 0.60)).replicas());
        assertEquals(8, hpa.decide(replicasAt(8, 0.075)).replicas()); // stabilised
        hpa.startEpisode();
        // the 8 is forgotten: ceil(8 * 0.25) = 2 at once
        assertEquals(2, hpa.decide(replicasAt(8, 0.075)).replicas());
    }

    @Test
    void its_decisions_are_rules_without_a_q_table_action() {
        var decision = hpa(0.30).decide(replicasAt(3, 0.50));
        assertEquals(-1, decision.action());
        assertEquals(false, decision.random());
        assertEquals("hpa", hpa(0.30).name());
    }
}
