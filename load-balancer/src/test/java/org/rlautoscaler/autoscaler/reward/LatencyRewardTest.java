package org.rlautoscaler.autoscaler.reward;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.rlautoscaler.autoscaler.env.Observation;

/**
 * The Kubernetes original's {@code get_reward(ideal_latency, old_pods, new_pods, old_latency,
 * new_latency)} with ideal 500 ms: {@code reward_within_ideal} when the old latency was at most
 * 500, else {@code reward_out_ideal}; "kept / increased / decreased" from {@code obtained_result}.
 * Every cell of both tables, then the steps recorded in the notebook's run.
 */
class LatencyRewardTest {
    private final LatencyReward reward = new LatencyReward(500);

    // ---- reward_within_ideal: old latency <= 500 ----

    @Test
    void within_ideal_any_action_that_takes_the_latency_above_500_earns_minus_20() {
        // new latency 600 is not ideal -> -20 whatever the pods did
        assertEquals(-20, reward.reward(2, 2, 400, 600), "pods kept");
        assertEquals(-20, reward.reward(2, 3, 400, 600), "pods increased");
        assertEquals(-20, reward.reward(2, 1, 400, 600), "pods decreased");
    }

    @Test
    void within_ideal_keeping_the_pods_and_the_ideal_latency_earns_10() {
        // pod_state 'kept' -> 10, whatever the latency did while staying ideal
        assertEquals(10, reward.reward(2, 2, 400, 400), "latency kept");
        assertEquals(10, reward.reward(2, 2, 400, 450), "latency increased");
        assertEquals(10, reward.reward(2, 2, 400, 300), "latency decreased");
    }

    @Test
    void within_ideal_adding_pods_earns_minus_10_0_or_minus_20_as_the_latency_was_kept_rose_or_fell() {
        assertEquals(-10, reward.reward(2, 3, 400, 400), "increased / kept");
        assertEquals(0, reward.reward(2, 3, 400, 450), "increased / increased");
        assertEquals(-20, reward.reward(2, 3, 400, 300), "increased / decreased: pods added for nothing");
    }

    @Test
    void within_ideal_removing_pods_while_the_latency_stays_ideal_earns_20() {
        assertEquals(20, reward.reward(3, 2, 400, 400), "decreased / kept");
        assertEquals(20, reward.reward(3, 2, 400, 450), "decreased / increased");
        assertEquals(20, reward.reward(3, 2, 400, 300), "decreased / decreased");
    }

    // ---- reward_out_ideal: old latency > 500 ----

    @Test
    void out_of_ideal_any_action_that_brings_the_latency_back_to_500_or_less_earns_20() {
        assertEquals(20, reward.reward(2, 2, 800, 300), "pods kept");
        assertEquals(20, reward.reward(2, 3, 800, 300), "pods increased");
        assertEquals(20, reward.reward(2, 1, 800, 300), "pods decreased");
    }

    @Test
    void out_of_ideal_keeping_the_pods_earns_minus_20_minus_20_or_minus_10() {
        assertEquals(-20, reward.reward(2, 2, 800, 800), "kept / kept");
        assertEquals(-20, reward.reward(2, 2, 800, 900), "kept / increased");
        assertEquals(-10, reward.reward(2, 2, 800, 600), "kept / decreased");
    }

    @Test
    void out_of_ideal_adding_pods_earns_0_0_or_10() {
        assertEquals(0, reward.reward(2, 3, 800, 800), "increased / kept");
        assertEquals(0, reward.reward(2, 3, 800, 900), "increased / increased");
        assertEquals(10, reward.reward(2, 3, 800, 600), "increased / decreased");
    }

    @Test
    void out_of_ideal_removing_pods_earns_minus_10_minus_20_or_0() {
        assertEquals(-10, reward.reward(3, 2, 800, 800), "decreased / kept");
        assertEquals(-20, reward.reward(3, 2, 800, 900), "decreased / increased");
        assertEquals(0, reward.reward(3, 2, 800, 600), "decreased / decreased");
    }

    // ---- the edge: is_ideal_latency is latency <= ideal ----

    @Test
    void a_latency_of_exactly_500_counts_as_ideal() {
        // old 500 is ideal (within table), new 500 ideal, pods kept -> 10
        assertEquals(10, reward.reward(2, 2, 500, 500));
        // old 600 out of ideal, new 500 ideal -> 20
        assertEquals(20, reward.reward(2, 2, 600, 500));
        // old 500 ideal, new 501 not ideal -> -20
        assertEquals(-20, reward.reward(2, 2, 500, 501));
        // old 501 out of ideal, new 501 not ideal, kept / kept -> -20
        assertEquals(-20, reward.reward(2, 2, 501, 501));
    }

    // ---- the notebook's recorded run ----

    @Test
    void exec_0_one_pod_kept_while_latency_rose_from_1022_to_1089_earned_minus_20() {
        // out of ideal, 1089 not ideal, pods kept, latency increased -> -20
        assertEquals(-20, reward.reward(1, 1, 1022, 1089));
    }

    @Test
    void exec_1_one_pod_kept_while_latency_fell_from_1089_to_1019_earned_minus_10() {
        // out of ideal, 1019 not ideal, pods kept, latency decreased -> -10
        assertEquals(-10, reward.reward(1, 1, 1089, 1019));
    }

    @Test
    void two_pods_to_three_bringing_latency_from_559_to_310_earned_20() {
        // out of ideal, 310 ideal -> 20
        assertEquals(20, reward.reward(2, 3, 559, 310));
    }

    @Test
    void three_pods_to_two_with_latency_from_310_to_469_earned_20() {
        // within ideal, 469 ideal, pods decreased -> 20
        assertEquals(20, reward.reward(3, 2, 310, 469));
    }

    @Test
    void two_pods_to_one_with_latency_from_458_to_1002_earned_minus_20() {
        // within ideal, 1002 not ideal -> -20
        assertEquals(-20, reward.reward(2, 1, 458, 1002));
    }

    @Test
    void exec_39_one_pod_to_two_with_latency_from_1002_to_571_earned_10() {
        // out of ideal, 571 not ideal, pods increased, latency decreased -> 10
        assertEquals(10, reward.reward(1, 2, 1002, 571));
    }

    @Test
    void exec_96_three_pods_to_two_with_latency_from_538_to_611_earned_minus_20() {
        // out of ideal, 611 not ideal, pods decreased, latency increased -> -20
        assertEquals(-20, reward.reward(3, 2, 538, 611));
    }

    @Test
    void more_recorded_steps_of_the_run() {
        // exec 57: pod 3 latency 541 -> action 3, 689: out, not ideal, kept / increased -> -20
        assertEquals(-20, reward.reward(3, 3, 541, 689));
        // exec 58: pod 3 latency 689 -> action 2, 374: out, 374 ideal -> 20
        assertEquals(20, reward.reward(3, 2, 689, 374));
        // exec 76: pod 2 latency 558 -> action 3, 420: out, 420 ideal -> 20
        assertEquals(20, reward.reward(2, 3, 558, 420));
        // exec 77: pod 3 latency 420 -> action 2, 412: within, ideal, decreased -> 20
        assertEquals(20, reward.reward(3, 2, 420, 412));
        // exec 95: pod 2 latency 536 -> action 3, 538: out, not ideal, increased / increased -> 0
        assertEquals(0, reward.reward(2, 3, 536, 538));
    }

    // ---- through the RewardFunction interface ----

    private static Observation latency(int pods, double meanLatencyMs) {
        return new Observation(pods, pods, Double.NaN, Double.NaN, Double.NaN, 1, meanLatencyMs, Double.NaN);
    }

    @Test
    void as_a_reward_function_old_pods_come_from_before_and_new_pods_from_the_decision() {
        // before: 1 pod at 1002 ms; asked for 2; after 571 ms -> out / increased / decreased -> 10
        assertEquals(10.0, reward.reward(latency(1, 1002), 2, latency(2, 571)));
    }

    @Test
    void as_a_reward_function_latencies_are_rounded_to_whole_milliseconds_first() {
        // 500.4 rounds to 500 (ideal): within, kept / kept -> 10
        assertEquals(10.0, reward.reward(latency(2, 500.4), 2, latency(2, 499.6)));
        // 500.5 rounds to 501 (not ideal) after an ideal 400: -20
        assertEquals(-20.0, reward.reward(latency(2, 400), 2, latency(2, 500.5)));
    }
}
