package org.rlautoscaler.autoscaler.reward;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.rlautoscaler.autoscaler.env.Observation;

/**
 * The Swarm original's {@code Calculate_Thresholds} and {@code get_reward}, worked by hand from the
 * Python in the original documents:
 *
 * <pre>
 * cpu_threshold = 1 + (r - 1) * 8  if r <= 10 else 100      (None: 0)
 * ram_threshold = 10 + (r - 1) * 8 if r <= 10 else 100     (None: 10)
 * cpu_merged = cpu_threshold + int(cpu * 0.20); ram_merged = ram_threshold + int(ram * 0.20)
 * cpu_diff = cpu_merged - cpu; cpu_diff_low = cpu - cpu_merged
 * too_many = cpu_diff >= 10; close = (not too_many) and cpu_diff_low <= 15
 * 20 if cpu <= cpu_merged and ram <= ram_merged; elif close: -10 if too_many else -5;
 * elif too_many: -10; else -15; missing cpu or ram: 0
 * </pre>
 */
class SwarmRewardTest {

    // ---- Calculate_Thresholds ----

    @Test
    void one_replica_has_thresholds_cpu_1_and_ram_10() {
        // 1 + 0*8 = 1, 10 + 0*8 = 10
        assertEquals(new SwarmThresholds(1, 10), SwarmThresholds.forReplicas(1));
    }

    @Test
    void two_replicas_have_thresholds_cpu_9_and_ram_18() {
        // 1 + 1*8 = 9, 10 + 1*8 = 18
        assertEquals(new SwarmThresholds(9, 18), SwarmThresholds.forReplicas(2));
    }

    @Test
    void ten_replicas_have_thresholds_cpu_73_and_ram_82() {
        // 1 + 9*8 = 73, 10 + 9*8 = 82
        assertEquals(new SwarmThresholds(73, 82), SwarmThresholds.forReplicas(10));
    }

    @Test
    void eleven_replicas_have_thresholds_of_100_and_100() {
        // r > 10: both 100
        assertEquals(new SwarmThresholds(100, 100), SwarmThresholds.forReplicas(11));
    }

    @Test
    void an_unknown_replica_count_has_thresholds_cpu_0_and_ram_10() {
        assertEquals(new SwarmThresholds(0, 10), SwarmThresholds.unknown());
    }

    // ---- get_reward, every branch ----

    @Test
    void cpu_and_ram_within_their_margins_earn_20() {
        // r = 3: thresholds cpu 17, ram 26.
        // cpu 15: merged = 17 + int(3.0) = 20; ram 20: merged = 26 + int(4.0) = 30.
        // 15 <= 20 and 20 <= 30 -> 20
        assertEquals(20, SwarmReward.reward(15, 20, SwarmThresholds.forReplicas(3)));
    }

    @Test
    void cpu_a_little_over_its_margin_is_close_to_the_reward_and_earns_minus_5() {
        // r = 3: cpu 30: merged = 17 + int(6.0) = 23; cpu_diff = -7 (< 10), cpu_diff_low = 7 (<= 15) -> close.
        // ram 20: merged 30, within. cpu 30 > 23 -> not the 20 -> close -> -5
        assertEquals(-5, SwarmReward.reward(30, 20, SwarmThresholds.forReplicas(3)));
    }

    @Test
    void cpu_within_but_ram_over_with_cpu_near_its_margin_earns_minus_5() {
        // r = 3: cpu 20: merged = 17 + int(4.0) = 21; cpu_diff = 1 (< 10) ; cpu_diff_low = -1 (<= 15) -> close.
        // ram 50: merged = 26 + int(10.0) = 36; 50 > 36 -> not the 20 -> close -> -5
        assertEquals(-5, SwarmReward.reward(20, 50, SwarmThresholds.forReplicas(3)));
    }

    @Test
    void cpu_far_under_its_margin_with_ram_over_means_too_many_containers_and_earns_minus_10() {
        // r = 5: thresholds cpu 33, ram 42.
        // cpu 10: merged = 33 + int(2.0) = 35; cpu_diff = 25 >= 10 -> too many (so not "close").
        // ram 60: merged = 42 + int(12.0) = 54; 60 > 54 -> not the 20 -> too many -> -10
        assertEquals(-10, SwarmReward.reward(10, 60, SwarmThresholds.forReplicas(5)));
    }

    @Test
    void cpu_far_over_its_margin_earns_minus_15() {
        // r = 1: thresholds cpu 1, ram 10.
        // cpu 50: merged = 1 + int(10.0) = 11; cpu_diff = -39, cpu_diff_low = 39 > 15 -> neither.
        // ram 5: merged 10 + int(1.0) = 11, within; but cpu 50 > 11 -> -15
        assertEquals(-15, SwarmReward.reward(50, 5, SwarmThresholds.forReplicas(1)));
    }

    @Test
    void cpu_exactly_15_over_its_margin_is_still_close_and_16_over_is_not() {
        // r = 1: cpu 20: merged = 1 + int(4.0) = 5; cpu_diff_low = 15 <= 15 -> close -> -5
        assertEquals(-5, SwarmReward.reward(20, 5, SwarmThresholds.forReplicas(1)));
        // cpu 21: merged = 1 + int(4.2) = 5; cpu_diff_low = 16 > 15 -> -15
        assertEquals(-15, SwarmReward.reward(21, 5, SwarmThresholds.forReplicas(1)));
    }

    @Test
    void cpu_exactly_10_under_its_margin_is_too_many_containers_and_9_under_is_close() {
        // r = 5 (cpu 33, ram 42), ram 60 always over its margin 42 + 12 = 54.
        // cpu 28: merged = 33 + int(5.6) = 38; cpu_diff = 10 >= 10 -> too many -> -10
        assertEquals(-10, SwarmReward.reward(28, 60, SwarmThresholds.forReplicas(5)));
        // cpu 29: merged = 33 + int(5.8) = 38; cpu_diff = 9 -> not too many; cpu_diff_low = -9 -> close -> -5
        assertEquals(-5, SwarmReward.reward(29, 60, SwarmThresholds.forReplicas(5)));
    }

    @Test
    void a_missing_cpu_or_ram_earns_0() {
        assertEquals(0, SwarmReward.reward(Double.NaN, 20, SwarmThresholds.forReplicas(3)));
        assertEquals(0, SwarmReward.reward(15, Double.NaN, SwarmThresholds.forReplicas(3)));
        assertEquals(0, SwarmReward.reward(Double.NaN, Double.NaN, SwarmThresholds.forReplicas(3)));
    }

    @Test
    void the_cpu_margin_is_truncated_as_python_int_so_cpu_9_9_gets_a_margin_of_1_not_2() {
        // thresholds cpu 8, ram 50. cpu 9.9: int(9.9 * 0.2) = int(1.98) = 1 -> merged 9 (rounding would give 10).
        // 9.9 > 9 -> not the 20; cpu_diff = -0.9 < 10; cpu_diff_low = 0.9 <= 15 -> close -> -5
        // ram 10: merged = 50 + int(2.0) = 52, within.
        assertEquals(-5, SwarmReward.reward(9.9, 10, new SwarmThresholds(8, 50)));
    }

    @Test
    void the_truncated_cpu_margin_decides_between_20_and_minus_5_at_two_replicas() {
        // r = 2 (cpu 9, ram 18). cpu 11: int(2.2) = 2 -> merged 11; 11 <= 11; ram 10: merged 18 + 2 = 20 -> 20
        assertEquals(20, SwarmReward.reward(11, 10, SwarmThresholds.forReplicas(2)));
        // cpu 11.2: int(2.24) = 2 -> merged 11 (the exact 20 % would be 11.24); 11.2 > 11 -> close (0.2 <= 15) -> -5
        assertEquals(-5, SwarmReward.reward(11.2, 10, SwarmThresholds.forReplicas(2)));
    }

    @Test
    void the_ram_margin_is_truncated_too() {
        // r = 5 (cpu 33, ram 42). ram 52.9: int(10.58) = 10 -> merged 52; 52.9 > 52 -> not the 20.
        // cpu 33: merged = 33 + int(6.6) = 39; cpu_diff = 6 < 10; cpu_diff_low = -6 <= 15 -> close -> -5
        assertEquals(-5, SwarmReward.reward(33, 52.9, SwarmThresholds.forReplicas(5)));
        // ram 52: int(10.4) = 10 -> merged 52; 52 <= 52 and cpu within -> 20
        assertEquals(20, SwarmReward.reward(33, 52, SwarmThresholds.forReplicas(5)));
    }

    // ---- through the RewardFunction interface ----

    private static Observation swarm(int replicas, double cpu, double ram) {
        return new Observation(replicas, replicas, cpu, ram, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }

    @Test
    void as_a_reward_function_the_thresholds_come_from_the_replicas_after_the_step() {
        // after: 3 replicas -> cpu 17, ram 26. cpu 15 -> merged 20; ram 20 -> merged 30 -> 20.
        // (Thresholds of the 1 replica before would give cpu merged 1 + 3 = 4 and -5.)
        Observation before = swarm(1, 80, 20);
        Observation after = swarm(3, 15, 20);
        assertEquals(20.0, new SwarmReward().reward(before, 3, after));
    }

    @Test
    void as_a_reward_function_a_close_step_earns_minus_5_and_a_missing_metric_0() {
        // after: 3 replicas, cpu 30 -> merged 23, cpu_diff_low 7 -> close -> -5
        assertEquals(-5.0, new SwarmReward().reward(swarm(3, 30, 20), 3, swarm(3, 30, 20)));
        assertEquals(0.0, new SwarmReward().reward(swarm(3, 30, 20), 3, swarm(3, Double.NaN, 20)));
    }

    @Test
    void as_a_reward_function_eleven_replicas_use_thresholds_of_100() {
        // after: 11 replicas -> 100/100. cpu 90: merged 100 + 18 = 118; ram 95: merged 100 + 19 = 119 -> 20
        assertEquals(20.0, new SwarmReward().reward(swarm(10, 90, 95), 11, swarm(11, 90, 95)));
    }
}
