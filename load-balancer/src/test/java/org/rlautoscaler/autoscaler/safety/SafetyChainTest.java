package org.rlautoscaler.autoscaler.safety;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.rlautoscaler.autoscaler.env.Limits;
import org.rlautoscaler.autoscaler.env.Observation;

/** Each step of the chain, with the numbers of a 1-10 replica service, 30 s cooldown, steps of 2, 60 s window. */
class SafetyChainTest {
    private static final Instant T0 = Instant.parse("2026-11-23T12:00:00Z");
    private static final Observation COMPLETE = new Observation(3, 3, 40, 30, 0.5, 100, 20, 60);

    private static SafetyChain chain() {
        return new SafetyChain(new SafetyConfig(new Limits(1, 10), Duration.ofSeconds(30), 2, Duration.ofSeconds(60)));
    }

    private static SafetyChain.Verdict verdict(int replicas, SafetyReason reason, String detail) {
        return new SafetyChain.Verdict(replicas, reason, detail);
    }

    @Test
    void a_decision_within_every_limit_passes_as_decided() {
        assertEquals(verdict(4, SafetyReason.as_decided, "wanted 4"), chain().review(3, 4, COMPLETE, false, T0));
    }

    @Test
    void above_the_maximum_is_clamped_then_rate_limited() {
        // 15 -> clamped to 10 -> from 9, one step of at most 2 gives 10
        assertEquals(verdict(10, SafetyReason.clamped_to_max, "wanted 15, limits 1 to 10"), chain().review(9, 15, COMPLETE, false, T0));
        // from 3, 10 is still 7 away: the rate limit is the last step that changed it
        assertEquals(verdict(5, SafetyReason.rate_limited, "wanted 10, at most 2 at once"), chain().review(3, 15, COMPLETE, false, T0));
    }

    @Test
    void a_service_scaled_above_the_maximum_by_hand_goes_straight_to_it_past_the_cooldown_and_the_rate_limit() {
        SafetyChain chain = chain();
        chain.applied(T0);
        Observation at14 = new Observation(14, 14, 40, 30, 0.5, 100, 20, 60);
        // 14 against a maximum of 10: not 12 (steps of 2), not held by the cooldown 5 s after a change
        assertEquals(verdict(10, SafetyReason.above_max, "the service asks for 14 replicas, limits 1 to 10; agent wanted 13"),
                chain.review(14, 13, at14, false, T0.plusSeconds(5)));
    }

    @Test
    void a_service_outside_the_limits_is_brought_back_even_while_metrics_are_missing() {
        Observation blind = new Observation(0, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        assertEquals(verdict(1, SafetyReason.below_min, "the service asks for 0 replicas, limits 1 to 10; agent wanted 0"),
                chain().review(0, 0, blind, true, T0));
    }

    @Test
    void below_the_minimum_is_clamped() {
        assertEquals(verdict(1, SafetyReason.clamped_to_min, "wanted 0, limits 1 to 10"),
                chain().review(1, 0, new Observation(1, 1, 10, 10, 0.1, 5, 10, 20), false, T0));
    }

    @Test
    void a_missing_metric_holds_and_names_it() {
        Observation blind = new Observation(3, 3, Double.NaN, 30, 0.5, Double.NaN, 20, 60);
        assertEquals(verdict(3, SafetyReason.missing_metrics, "missing cpu_usage, request_rate"), chain().review(3, 1, blind, true, T0));
    }

    @Test
    void a_change_within_the_cooldown_is_held_and_allowed_after_it() {
        SafetyChain chain = chain();
        chain.applied(T0);
        assertEquals(verdict(4, SafetyReason.cooldown, "last change 29 s ago, cooldown 30 s"),
                chain.review(4, 5, COMPLETE, false, T0.plusSeconds(29)));
        assertEquals(verdict(5, SafetyReason.as_decided, "wanted 5"), chain.review(4, 5, COMPLETE, false, T0.plusSeconds(30)));
    }

    @Test
    void holding_is_not_held_by_the_cooldown() {
        SafetyChain chain = chain();
        chain.applied(T0);
        assertEquals(SafetyReason.as_decided, chain.review(4, 4, COMPLETE, false, T0.plusSeconds(5)).reason());
    }

    @Test
    void a_scale_down_goes_no_lower_than_the_highest_recommendation_of_the_window() {
        SafetyChain chain = chain();
        chain.review(6, 8, COMPLETE, false, T0);                       // recommended 8 (not applied: say it was cut)
        assertEquals(verdict(6, SafetyReason.stabilized, "wanted 4, highest recommendation of the last 60 s is 6"),
                chain.review(6, 4, COMPLETE, false, T0.plusSeconds(15))); // 8 is above current 6, so 6 holds
        assertEquals(verdict(4, SafetyReason.as_decided, "wanted 4"),
                chain.review(6, 4, COMPLETE, false, T0.plusSeconds(76)));  // 8 and the 4s only: 4 passes after 60 s
    }

    @Test
    void stabilisation_keeps_an_intermediate_recent_recommendation() {
        SafetyChain chain = chain();
        chain.review(6, 5, COMPLETE, false, T0);
        assertEquals(verdict(5, SafetyReason.stabilized, "wanted 4, highest recommendation of the last 60 s is 5"),
                chain.review(6, 4, COMPLETE, false, T0.plusSeconds(15)));
    }
}
