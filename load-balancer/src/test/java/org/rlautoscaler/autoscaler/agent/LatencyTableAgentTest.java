package org.rlautoscaler.autoscaler.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rlautoscaler.autoscaler.env.Limits;
import org.rlautoscaler.autoscaler.env.Observation;
import org.rlautoscaler.autoscaler.qtable.Hyperparameters;
import org.rlautoscaler.autoscaler.qtable.StateEncoding;
import org.rlautoscaler.autoscaler.reward.LatencyReward;

/**
 * The Kubernetes original's agent with its settings: pods 1 to 3, latency intervals of 500 ms x 4,
 * request intervals of 18 x 3 (requests counted over 30 s), alpha 0.1, gamma 0.6.
 */
class LatencyTableAgentTest {
    private static final Limits ONE_TO_THREE = new Limits(1, 3);
    private static final double EXACT = 1e-12;

    /** pods, mean latency in ms, and requests over 30 s (given as a rate of requests / 30 per second). */
    private static Observation k8s(int pods, double latencyMs, double requestsPer30s) {
        return new Observation(pods, pods, Double.NaN, Double.NaN, Double.NaN, requestsPer30s / 30, latencyMs, Double.NaN);
    }

    private static LatencyTableAgent agent(double epsilon) {
        return LatencyTableAgent.original(ONE_TO_THREE, Hyperparameters.constant(0.1, 0.6, epsilon), 7);
    }

    @Test
    void its_table_has_3_pods_by_4_latency_by_3_request_intervals_and_one_column_per_pod_count() {
        StateEncoding encoding = agent(0).learner().table().encoding();
        assertEquals(List.of(new StateEncoding.Dimension("pods", 3), new StateEncoding.Dimension("latency_interval", 4),
                new StateEncoding.Dimension("request_interval", 3)), encoding.dimensions());
        assertEquals(List.of("1", "2", "3"), encoding.actions());
        // the original's table: 3 x 4 x 3 = 36 rows, 3 action columns
        assertEquals(36, encoding.states());
        assertEquals(108, agent(0).learner().table().size());
    }

    @Test
    void two_pods_at_559_ms_and_20_requests_are_state_1_1_1() {
        // pods 2 -> 2 - 1 = 1; 559 in (501, 1000) -> 1; 20 in (19, 36) -> 1: (1 * 4 + 1) * 3 + 1 = 16
        LatencyTableAgent agent = agent(0);
        assertEquals(16, agent.state(k8s(2, 559, 20)));
        assertEquals(agent.learner().table().encoding().index(1, 1, 1), agent.state(k8s(2, 559, 20)));
    }

    @Test
    void the_first_and_the_last_state() {
        LatencyTableAgent agent = agent(0);
        // 1 pod, 0 ms, 0 requests -> (0, 0, 0) = 0
        assertEquals(0, agent.state(k8s(1, 0, 0)));
        // 3 pods, 1600 ms -> (1501, 2000) = 3; 60 requests beyond (37, 54) -> the last, 2: (2 * 4 + 3) * 3 + 2 = 35
        assertEquals(35, agent.state(k8s(3, 1600, 60)));
        // beyond 2000 ms falls in the last latency interval too
        assertEquals(35, agent.state(k8s(3, 99999, 60)));
    }

    @Test
    void exec_0_of_the_notebook_1_pod_1022_ms_36_requests_is_state_0_2_1() {
        // 1022 in (1001, 1500) -> 2; 36 in (19, 36) -> 1: (0 * 4 + 2) * 3 + 1 = 7
        assertEquals(7, agent(0).state(k8s(1, 1022, 36)));
    }

    @Test
    void requests_are_the_rate_times_30_seconds_rounded() {
        LatencyTableAgent agent = agent(0);
        // 0.61 req/s * 30 = 18.3 -> 18 -> (0, 18); 0.62 * 30 = 18.6 -> 19 -> (19, 36)
        assertEquals(18, LatencyTableAgent.requestCount(k8s(1, 100, 18.3)));
        assertEquals(19, LatencyTableAgent.requestCount(k8s(1, 100, 18.6)));
        assertEquals(0, agent.state(k8s(1, 100, 18.3)));
        assertEquals(1, agent.state(k8s(1, 100, 18.6)));
    }

    @Test
    void latency_is_rounded_to_whole_milliseconds() {
        LatencyTableAgent agent = agent(0);
        // 500.4 -> 500 -> (0, 500); 500.5 -> 501 -> (501, 1000)
        assertEquals(0, agent.state(k8s(1, 500.4, 0)));
        assertEquals(3, agent.state(k8s(1, 500.5, 0)));   // (0 * 4 + 1) * 3 + 0
    }

    @Test
    void action_index_i_asks_for_min_plus_i_pods() {
        LatencyTableAgent agent = agent(0);
        Observation any = k8s(2, 300, 10);
        assertEquals(1, agent.replicas(0, any));
        assertEquals(2, agent.replicas(1, any));
        assertEquals(3, agent.replicas(2, any));
        // with limits 2 to 4, action 0 is 2 pods
        LatencyTableAgent twoToFour = LatencyTableAgent.original(new Limits(2, 4), LatencyTableAgent.defaults(), 1);
        assertEquals(2, twoToFour.replicas(0, any));
        assertEquals(4, twoToFour.replicas(2, any));
    }

    @Test
    void a_greedy_decision_asks_for_the_pods_of_the_best_column() {
        LatencyTableAgent agent = agent(0);
        agent.learner().table().set(16, 2, 5.0); // state (2 pods, 559 ms, 20 requests): column "3" best
        Decision decision = agent.act(k8s(2, 559, 20));
        assertEquals(2, decision.action());
        assertEquals(3, decision.replicas());
        Insight insight = agent.insight().orElseThrow();
        assertEquals("row 16: 2 pods, latency 501-1000 ms, requests 19-36 per 30 s", insight.state());
        assertEquals(List.of("1", "2", "3"), insight.actions().stream().map(Insight.ActionValue::action).toList());
        assertEquals(List.of(0.0, 0.0, 5.0), insight.actions().stream().map(Insight.ActionValue::value).toList());
        assertEquals("3", insight.chosenAction());
        agent.act(k8s(3, 2500, 90));
        assertEquals("row 35: 3 pods, latency 1501-2000 ms or more, requests 37-54 per 30 s or more",
                agent.insight().orElseThrow().state());
    }

    @Test
    void a_missing_latency_or_request_rate_holds() {
        LatencyTableAgent agent = agent(0);
        Observation noLatency = new Observation(2, 2, Double.NaN, Double.NaN, Double.NaN, 1, Double.NaN, Double.NaN);
        assertEquals(2, agent.act(noLatency).replicas());
        assertEquals(-1, agent.act(noLatency).action());
    }

    @Test
    void the_notebook_exec_0_and_1_replayed_give_its_rewards_q_values_and_history_rows() {
        // epsilon 0: the greedy choice the notebook logged ("choose action 1", untrained table -> column "1").
        LatencyTableAgent agent = agent(0);
        LatencyReward reward = new LatencyReward(500);

        // Exec 0: latency 1022, pods 1, requests 36 -> action 1 -> new latency 1089, new requests 40; reward -20.
        Observation s0 = k8s(1, 1022, 36);
        Decision d0 = agent.act(s0);
        assertEquals(1, d0.replicas());
        Observation s1 = k8s(1, 1089, 40);
        double r0 = reward.reward(s0, d0.replicas(), s1);
        assertEquals(-20.0, r0);
        agent.learn(new Transition(s0, d0, r0, s1, true));
        // Q = 0.9 * 0 + 0.1 * (-20 + 0.6 * 0) = -2.0 ("*** new value: -2.0 ***")
        assertEquals(-2.0, agent.lastValue(), EXACT);

        // Exec 1: latency 1089, pods 1, requests 40 -> action 1 -> 1019, 36; reward -10.
        Decision d1 = agent.act(s1);
        assertEquals(1, d1.replicas());
        Observation s2 = k8s(1, 1019, 36);
        double r1 = reward.reward(s1, d1.replicas(), s2);
        assertEquals(-10.0, r1);
        agent.learn(new Transition(s1, d1, r1, s2, true));
        // next state (1, 1019, 36) = exec 0's state, its row [-2, 0, 0], max 0:
        // Q = 0.9 * 0 + 0.1 * (-10 + 0.6 * 0) = -1.0 ("*** new value: -1.0 ***")
        assertEquals(-1.0, agent.lastValue(), EXACT);

        // Exec 2: in exec 0's state [-2, 0, 0] the best column is "2" ("choose action 2").
        assertEquals(2, agent.act(s2).replicas());

        // history.csv: epoch, pod, latency, requests, action, new_latency, new_requests, reward, q_value, random
        List<LatencyTableAgent.HistoryRow> history = agent.history();
        assertEquals(2, history.size());
        assertRow(history.get(0), 0, 1, 1022, 36, 1, 1089, 40, -20, -2.0, false);
        assertRow(history.get(1), 1, 1, 1089, 40, 1, 1019, 36, -10, -1.0, false);
    }

    @Test
    void a_history_row_records_a_move_from_2_to_3_pods() {
        LatencyTableAgent agent = agent(0);
        agent.learner().table().set(16, 2, 5.0); // at (2 pods, 559 ms, 20 requests) column "3" is best
        Observation before = k8s(2, 559, 20);
        Decision decision = agent.act(before);
        Observation after = k8s(3, 310, 4);
        double r = new LatencyReward(500).reward(before, decision.replicas(), after); // out -> ideal: 20
        agent.learn(new Transition(before, decision, r, after, true));
        // textbook: 0.9 * Q(s, "3") = 0.9 * 5 + 0.1 * (20 + 0.6 * 0) = 4.5 + 2 = 6.5
        assertRow(agent.history().get(0), 0, 2, 559, 20, 3, 310, 4, 20, 6.5, false);
    }

    private static void assertRow(LatencyTableAgent.HistoryRow row, long epoch, int pod, long latency, long requests,
                                  int action, long newLatency, long newRequests, double reward, double qValue,
                                  boolean random) {
        assertEquals(epoch, row.epoch(), "epoch");
        assertEquals(pod, row.pod(), "pod");
        assertEquals(latency, row.latency(), "latency");
        assertEquals(requests, row.requests(), "requests");
        assertEquals(action, row.action(), "action");
        assertEquals(newLatency, row.newLatency(), "new_latency");
        assertEquals(newRequests, row.newRequests(), "new_requests");
        assertEquals(reward, row.reward(), EXACT, "reward");
        assertEquals(qValue, row.qValue(), EXACT, "q_value");
        assertEquals(random, row.random(), "random");
    }
}
