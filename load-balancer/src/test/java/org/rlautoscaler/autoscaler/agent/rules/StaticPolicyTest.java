package org.rlautoscaler.autoscaler.agent.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.rlautoscaler.autoscaler.agent.Decision;
import org.rlautoscaler.autoscaler.env.Observation;

class StaticPolicyTest {

    @Test
    void a_static_policy_of_4_asks_for_4_whatever_it_sees() {
        StaticPolicy policy = new StaticPolicy(4);
        assertEquals(4, policy.act(new Observation(1, 1, 99, 99, 5.0, 1000, 5000, 15000)).replicas());
        assertEquals(4, policy.act(new Observation(10, 10, 0, 0, 0, 0, 1, 3)).replicas());
        assertEquals(4, policy.act(new Observation(4, 4, Double.NaN, Double.NaN, Double.NaN,
                Double.NaN, Double.NaN, Double.NaN)).replicas());
    }

    @Test
    void it_has_no_q_table_action_and_is_named_static() {
        Decision decision = new StaticPolicy(2).act(new Observation(3, 3, 1, 1, 0.5, 1, 1, 1));
        assertEquals(-1, decision.action());
        assertEquals(false, decision.random());
        assertEquals("static", new StaticPolicy(2).name());
    }
}
