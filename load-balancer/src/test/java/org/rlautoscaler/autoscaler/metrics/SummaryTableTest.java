package org.rlautoscaler.autoscaler.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SummaryTableTest {
    private static Result result(String policy, long seed, double slo, double replicaSeconds, double p95) {
        return new Result(policy, seed, slo, replicaSeconds, 1, 2, 3, 4, 5, 6, 7, 8, p95);
    }

    private static final List<Result> RESULTS = List.of(
            result("hpa", 1, 5, 36_000, 150),
            result("qlearning", 1, 10, 3600, 100),
            result("qlearning", 2, 20, 7200, 200),
            result("qlearning", 3, 30, 10_800, 300));

    @Test
    void one_row_per_policy_in_order_of_first_appearance() {
        List<String> lines = SummaryTable.format(RESULTS).lines().toList();

        assertTrue(lines.get(0).startsWith("policy"), lines.get(0));
        assertTrue(lines.get(1).matches("-+"), lines.get(1));
        assertTrue(lines.get(2).startsWith("hpa "), lines.get(2));
        assertTrue(lines.get(3).startsWith("qlearning "), lines.get(3));
        assertEquals(1, lines.stream().filter(l -> l.startsWith("hpa")).count());
        assertEquals(1, lines.stream().filter(l -> l.startsWith("qlearning")).count());
        assertEquals(5, lines.size());
        lines.forEach(l -> assertTrue(l.length() <= 140, l));
    }

    @Test
    void three_seeds_show_the_mean_and_the_student_t_half_width() {
        String row = SummaryTable.format(RESULTS).lines().filter(l -> l.startsWith("qlearning")).findFirst().orElseThrow();

        // SLO violations 10, 20, 30 %: mean 20, s = 10, t(0.975, 2) = 4.3027,
        // half-width 4.3027 × 10 / √3 = 24.8417.
        assertTrue(row.contains("20.00 ± 24.84"), row);
        // 1, 2, 3 replica-hours: mean 2, s = 1, half-width 4.3027 / √3 = 2.4842.
        assertTrue(row.contains("2.0 ± 2.5"), row);
        // p95 100, 200, 300 ms: mean 200, s = 100, half-width 248.4165.
        assertTrue(row.contains("200.0 ± 248.4"), row);
        // Identical values across seeds: a half-width of 0.
        assertTrue(row.contains("1.00 ± 0.00"), row);
        // Three seeds.
        assertTrue(row.matches("qlearning +3 .*"), row);
    }

    @Test
    void a_single_seed_shows_just_the_mean() {
        String row = SummaryTable.format(RESULTS).lines().filter(l -> l.startsWith("hpa")).findFirst().orElseThrow();

        // 36,000 replica-seconds = 10.0 replica-hours.
        assertTrue(row.contains("10.0"), row);
        assertTrue(row.contains("5.00"), row);
        assertTrue(!row.contains("±"), row);
    }

    @Test
    void the_t_quantile_falls_to_the_normal_one_above_thirty_degrees_of_freedom() {
        assertEquals(12.7062, StudentT.quantile975(1));
        assertEquals(2.0423, StudentT.quantile975(30));
        assertEquals(1.96, StudentT.quantile975(31));
        // Values 0 and 2: mean 1, s = √2, half-width 12.7062 × √2 / √2 = 12.7062.
        Interval interval = Interval.of(new double[] {0, 2});
        assertEquals(1, interval.mean());
        assertEquals(12.7062, interval.halfWidth(), 1e-12);
    }
}
