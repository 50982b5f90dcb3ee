package org.rlautoscaler.autoscaler.agent.original;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * The original's generate_intervals(initial, size): (0, initial), then each next interval from the
 * previous end + 1 to the previous end + intervals[0][1].
 */
class IntervalsTest {

    @Test
    void generate_500_4_gives_the_latency_intervals_of_the_original() {
        // (0, 500); (500 + 1, 500 + 500); (1000 + 1, 1000 + 500); (1500 + 1, 1500 + 500)
        Intervals intervals = Intervals.generate(500, 4);
        assertEquals(4, intervals.size());
        assertArrayEquals(new long[] {0, 500}, intervals.bounds().get(0));
        assertArrayEquals(new long[] {501, 1000}, intervals.bounds().get(1));
        assertArrayEquals(new long[] {1001, 1500}, intervals.bounds().get(2));
        assertArrayEquals(new long[] {1501, 2000}, intervals.bounds().get(3));
    }

    @Test
    void generate_18_3_gives_the_request_intervals_of_the_original() {
        Intervals intervals = Intervals.generate(18, 3);
        assertEquals(3, intervals.size());
        assertArrayEquals(new long[] {0, 18}, intervals.bounds().get(0));
        assertArrayEquals(new long[] {19, 36}, intervals.bounds().get(1));
        assertArrayEquals(new long[] {37, 54}, intervals.bounds().get(2));
    }

    @Test
    void a_value_falls_in_the_interval_holding_it_both_ends_included() {
        Intervals latency = Intervals.generate(500, 4);
        assertEquals(0, latency.indexOf(0));
        assertEquals(0, latency.indexOf(500));
        assertEquals(1, latency.indexOf(501));
        assertEquals(1, latency.indexOf(1000));
        assertEquals(2, latency.indexOf(1001));
        assertEquals(3, latency.indexOf(2000));
    }

    @Test
    void a_value_beyond_the_last_interval_falls_in_the_last() {
        Intervals latency = Intervals.generate(500, 4);
        assertEquals(3, latency.indexOf(2001));
        assertEquals(3, latency.indexOf(99999));
    }

    @Test
    void a_negative_value_falls_in_the_first_interval() {
        assertEquals(0, Intervals.generate(500, 4).indexOf(-1));
        assertEquals(0, Intervals.generate(500, 4).indexOf(-99999));
    }

    @Test
    void the_request_intervals_place_18_19_36_37_and_54() {
        Intervals requests = Intervals.generate(18, 3);
        assertEquals(0, requests.indexOf(18));
        assertEquals(1, requests.indexOf(19));
        assertEquals(1, requests.indexOf(36));
        assertEquals(2, requests.indexOf(37));
        assertEquals(2, requests.indexOf(54));
        assertEquals(2, requests.indexOf(55));
    }

    @Test
    void a_single_interval_is_0_to_initial() {
        Intervals one = Intervals.generate(10, 1);
        assertEquals(1, one.size());
        assertArrayEquals(new long[] {0, 10}, one.bounds().get(0));
    }

    @Test
    void a_width_or_count_below_1_is_refused() {
        assertThrows(IllegalArgumentException.class, () -> Intervals.generate(0, 4));
        assertThrows(IllegalArgumentException.class, () -> Intervals.generate(500, 0));
    }
}
