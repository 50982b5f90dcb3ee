package org.rlautoscaler.autoscaler.reward;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.rlautoscaler.autoscaler.env.Observation;

/**
 * reward = - violation - replicaCost * replicas / maxReplicas - changeCost * |replicas - before|,
 * violation = 0 while p95 <= SLO, else sloPenalty * (1 + min(p95 / SLO - 1, 2)).
 * Defaults: sloPenalty 10, replicaCost 2, changeCost 0.3.
 */
class SloCostRewardTest {
    private static final double EXACT = 1e-9;
    private final SloCostReward reward = SloCostReward.defaults(200, 10);

    private static Observation p95(int replicas, double p95Ms) {
        return new Observation(replicas, replicas, Double.NaN, Double.NaN, Double.NaN, 100, p95Ms / 3, p95Ms);
    }

    @Test
    void four_replicas_held_meeting_the_objective_cost_only_their_share() {
        // p95 150 <= 200: no violation. -2 * 4/10 = -0.8; no change.
        assertEquals(-0.8, reward.reward(p95(4, 150), 4, p95(4, 150)), EXACT);
    }

    @Test
    void a_p95_exactly_at_the_objective_is_met() {
        assertEquals(-0.8, reward.reward(p95(4, 150), 4, p95(4, 200)), EXACT);
    }

    @Test
    void a_p95_of_300_against_200_costs_15_plus_the_replicas() {
        // violation = 10 * (1 + min(300/200 - 1, 2)) = 10 * 1.5 = 15; replicas 2 * 4/10 = 0.8 -> -15.8
        assertEquals(-15.8, reward.reward(p95(4, 150), 4, p95(4, 300)), EXACT);
    }

    @Test
    void a_huge_violation_is_capped_at_three_times_the_penalty() {
        // p95 2000: 2000/200 - 1 = 9, capped at 2 -> 10 * 3 = 30; replicas 0.8 -> -30.8
        assertEquals(-30.8, reward.reward(p95(4, 150), 4, p95(4, 2000)), EXACT);
        // p95 600: 600/200 - 1 = 2, exactly the cap -> 30 as well
        assertEquals(-30.8, reward.reward(p95(4, 150), 4, p95(4, 600)), EXACT);
    }

    @Test
    void moving_from_4_to_7_replicas_costs_0_3_per_replica_changed() {
        // met; replicas 2 * 7/10 = 1.4; change 0.3 * |7 - 4| = 0.9 -> -2.3
        assertEquals(-2.3, reward.reward(p95(4, 150), 7, p95(7, 100)), EXACT);
        // and back down from 7 to 5: 2 * 5/10 = 1.0; 0.3 * 2 = 0.6 -> -1.6
        assertEquals(-1.6, reward.reward(p95(7, 100), 5, p95(5, 120)), EXACT);
    }

    @Test
    void a_missing_p95_is_not_a_violation() {
        assertEquals(-0.8, reward.reward(p95(4, 150), 4, p95(4, Double.NaN)), EXACT);
    }
}
