package org.rlautoscaler.autoscaler.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Each agent paired seed by seed with the reference. */
class PairedTableTest {
    private static Result result(String policy, long seed, double sloViolationPct, double replicaSeconds) {
        return new Result(policy, seed, sloViolationPct, replicaSeconds, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    private static final List<Result> RESULTS = List.of(
            result("qlearning", 1, 0.30, 3600 * 90), result("qlearning", 2, 0.50, 3600 * 95),
            result("hpa-tuned", 1, 0.20, 3600 * 100), result("hpa-tuned", 2, 0.30, 3600 * 100),
            result("static", 1, 0.00, 3600 * 200));

    @Test
    void differences_and_ratios_are_taken_seed_by_seed_with_their_intervals() {
        // qlearning: differences +0.10 and +0.20 (mean +0.15, sd 0.0707, t(1) 12.7062 -> 0.635);
        // ratios 0.90 and 0.95 (0.925 ± 12.7062 x 0.03536 / 1.414 = 0.318); replica-hours -10 and -5
        // (-7.5 ± 31.8); static has one pair: no interval
        assertEquals("""
                policy     pairs  slo_viol_% - hpa-tuned  replica_s / hpa-tuned  replica_h - hpa-tuned
                --------------------------------------------------------------------------------------
                qlearning      2            +0.15 ± 0.64          0.925 ± 0.318            -7.5 ± 31.8
                static         1                   -0.20                  2.000                 +100.0
                paired by seed (same load, same noise): mean ± half-width of the 95 % confidence interval (Student's t)
                """, PairedTable.format(RESULTS, "hpa-tuned"));
    }

    @Test
    void the_gap_to_the_bound_closed_seed_by_seed() {
        // bounds 80 and 90 replica-hours: qlearning closes 10/20 = 0.50 and 5/10 = 0.50 of the gap;
        // static, dearer than hpa-tuned by 100 where the gap is 20, closes -5.
        assertEquals("""
                policy     pairs  slo_viol_% - hpa-tuned  replica_s / hpa-tuned  replica_h - hpa-tuned  gap_to_bound_closed
                -----------------------------------------------------------------------------------------------------------
                qlearning      2            +0.15 ± 0.64          0.925 ± 0.318            -7.5 ± 31.8          0.50 ± 0.00
                static         1                   -0.20                  2.000                 +100.0                -5.00
                paired by seed (same load, same noise): mean ± half-width of the 95 % confidence interval (Student's t)
                """, PairedTable.format(RESULTS, "hpa-tuned", java.util.Map.of(1L, 3600.0 * 80, 2L, 3600.0 * 90)));
    }

    @Test
    void without_the_reference_there_is_no_table() {
        assertEquals("", PairedTable.format(List.of(result("hpa", 1, 0, 1)), "hpa-tuned"));
    }
}
