package org.rlautoscaler.autoscaler.agent.headroom;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The miss curve: learnt from counts in training, moved along the utilisation axis when acting on another service. */
class MissModelTest {
    /** Periods at each utilisation from 0.30 to 0.95, missing when utilisation is at {@code threshold} or above. */
    private static void show(MissModel model, double threshold, int periodsEach) {
        for (int i = 0; i < periodsEach; i++) {
            for (double u = 0.3125; u < 0.95; u += 0.025) {
                model.observe(u, u >= threshold);
            }
        }
    }

    @Test
    void learnt_from_counts_the_curve_rises_where_the_misses_start() {
        MissModel model = new MissModel();
        show(model, 0.70, 100);
        assertEquals(1.0 / 102, model.missChance(0.60), 1e-12, "one miss and one success more than seen");
        assertEquals(101.0 / 102, model.missChance(0.75), 1e-12);
    }

    @Test
    void acting_on_a_service_that_misses_from_080_it_moves_the_curve_up_by_four_bins() {
        MissModel model = new MissModel();
        show(model, 0.70, 100);
        model.adaptFrom(100, 2_000);
        assertEquals(0, model.shift(), "nothing shown yet");
        show(model, 0.80, 10);
        assertEquals(4, model.shift(), "0.10 of utilisation: four bins of 0.025");
        // at 0.7625 the prior said 101/102; shifted it says 1/102, and the bin's 10 periods without
        // a miss bring it lower still (pooled with the bins below, where no period was shown)
        assertEquals(0.00923, model.missChance(0.7625), 1e-5);
        assertEquals(101.0 / 102, model.missChance(0.85), 0.01, "where this service misses too");
    }

    @Test
    void acting_on_a_service_that_misses_from_060_it_moves_the_curve_down() {
        MissModel model = new MissModel();
        show(model, 0.70, 100);
        model.adaptFrom(100, 2_000);
        show(model, 0.60, 10);
        assertEquals(-4, model.shift());
    }
}
