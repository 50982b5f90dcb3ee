package org.rlautoscaler.autoscaler.math;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class StatsTest {
    @Test
    void the_median_of_an_odd_count_is_the_middle_one_of_an_even_count_the_mean_of_the_two() {
        assertEquals(15.0, Stats.median(new double[] {30, 15, 1}));
        assertEquals(22.5, Stats.median(new double[] {30, 15, 45, 15}));
        assertEquals(Double.NaN, Stats.median(new double[0]));
    }

    @Test
    void the_values_are_left_as_they_were() {
        double[] values = {3, 1, 2};
        Stats.median(values);
        assertArrayEquals(new double[] {3, 1, 2}, values);
    }
}
