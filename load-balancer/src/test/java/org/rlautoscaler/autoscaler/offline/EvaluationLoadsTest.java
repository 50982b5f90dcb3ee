package org.rlautoscaler.autoscaler.offline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.rlautoscaler.autoscaler.sim.ClusterModel;
import org.rlautoscaler.autoscaler.sim.ServiceModel;
import org.rlautoscaler.autoscaler.sim.Workload;

/** The evaluated load takes its scale from data one may look at, never from its own busiest step. */
class EvaluationLoadsTest {
    /** 200 req/s a replica: 4 replicas at 85 % serve 680 req/s. */
    private static final ClusterModel MODEL = ClusterModel.of(ServiceModel.queueing(0.005, 1, 10, 10));

    private static Workload load(double... rates) {
        return new Workload("w", rates, "w");
    }

    @Test
    void halves_scale_both_by_the_first_halfs_busiest_step() {
        // first half peaks at 2, second at 4: factor 680 / 2 = 340; the second half's 4 becomes 1360,
        // twice what 4 replicas serve at 85 %: it was never seen when the service was sized
        EvaluationLoads loads = EvaluationLoads.halves(load(1, 2, 4, 3), MODEL, 4);
        assertArrayEquals(new double[] {340, 680}, loads.training().ratePerStep(), 1e-9);
        assertArrayEquals(new double[] {1360, 1020}, loads.evaluation().ratePerStep(), 1e-9);
        assertArrayEquals(new double[] {340, 680}, loads.history().ratePerStep(), 1e-9, "what came before: the first half");
        assertEquals("w; first half = steps 0 to 2; the first half's busiest step, 2.000/s, scaled to 680.0 req/s "
                + "(4 replicas at 85%)", loads.training().description());
    }

    @Test
    void a_separate_trace_is_sized_on_its_first_part_which_is_not_evaluated() {
        // training scaled by its own peak (5 -> 680); evaluated: its first quarter (1 of 4 steps, peak 2)
        // sets the factor 340; steps 1 to 3 are evaluated
        EvaluationLoads loads = EvaluationLoads.separate(load(5, 1), load(2, 3, 1, 4), 0.25, MODEL, 4);
        assertArrayEquals(new double[] {680, 136}, loads.training().ratePerStep(), 1e-9);
        assertArrayEquals(new double[] {1020, 340, 1360}, loads.evaluation().ratePerStep(), 1e-9);
        assertArrayEquals(new double[] {680}, loads.history().ratePerStep(), 1e-9, "what came before: the sizing part, scaled");
        assertEquals("w; evaluated part = steps 1 to 4; the busiest step of its first 25 % (not evaluated), 2.000/s, "
                + "scaled to 680.0 req/s (4 replicas at 85%)", loads.evaluation().description());
    }

    @Test
    void too_short_a_trace_to_split_is_refused_with_its_length() {
        assertEquals("a trace of at least 4 steps is needed to train on one half and evaluate on the other; this one has 3",
                assertThrows(IllegalArgumentException.class, () -> EvaluationLoads.halves(load(1, 2, 3), MODEL, 4))
                        .getMessage());
        assertEquals("the evaluated trace has 1 step: too few to size it on its first 25 % and evaluate the rest",
                assertThrows(IllegalArgumentException.class,
                        () -> EvaluationLoads.separate(load(1), load(2), 0.25, MODEL, 4)).getMessage());
    }
}
