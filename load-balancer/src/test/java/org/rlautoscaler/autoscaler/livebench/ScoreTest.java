package org.rlautoscaler.autoscaler.livebench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ScoreTest {

    @Test
    void a_run_of_six_periods_scores_its_violations_its_replica_minutes_and_its_reaction() {
        // demand rises to 2 at period 1 and to 3 at period 3; serving catches up at periods 3 and 5
        double[] p95 = {40, 150, 90, 100, 100.5, 60};
        int[] running = {1, 2, 2, 3, 3, 3};
        int[] serving = {1, 1, 1, 2, 2, 3};
        int[] demand = {1, 2, 2, 3, 3, 3};

        Score score = Score.of(15, 100, p95, running, serving, demand);

        assertEquals(100.0 * 2 / 6, score.sloViolationPct(), 1e-12, "150 and 100.5 are above 100; 100 is not");
        assertEquals(14 * 15 / 60.0, score.replicaMinutes(), 1e-12);
        assertEquals(2, score.rises());
        assertEquals(2, score.answered());
        assertEquals(30, score.reactionSeconds(), 1e-12, "30 s (period 1 to 3) and 30 s (period 3 to 5)");
    }

    @Test
    void a_period_without_a_p95_counts_as_a_violation_and_a_rise_never_answered_has_no_reaction() {
        Score score = Score.of(10, 100, new double[] {50, Double.NaN, 50}, new int[] {1, 1, 1}, new int[] {1, 1, 1},
                new int[] {1, 2, 2});

        assertEquals(100.0 / 3, score.sloViolationPct(), 1e-12);
        assertEquals(1, score.rises());
        assertEquals(0, score.answered());
        assertTrue(Double.isNaN(score.reactionSeconds()));
    }

    @Test
    void the_median_of_an_even_count_is_the_mean_of_the_middle_two() {
        assertEquals(22.5, org.rlautoscaler.autoscaler.math.Stats.median(new double[] {30.0, 15.0, 45.0, 15.0}), 1e-12);
    }

    @Test
    void readings_of_different_lengths_are_refused() {
        assertThrows(IllegalArgumentException.class,
                () -> Score.of(15, 100, new double[] {1, 2}, new int[] {1}, new int[] {1, 1}, new int[] {1, 1}));
    }
}
