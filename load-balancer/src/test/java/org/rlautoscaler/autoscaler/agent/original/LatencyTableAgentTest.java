package org.rlautoscaler.autoscaler.agent.original;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rlautoscaler.autoscaler.agent.Decision;
import org.rlautoscaler.autoscaler.agent.Hyperparameters;
import org.rlautoscaler.autoscaler.agent.Insight;
import org.rlautoscaler.autoscaler.agent.Transition;
import org.rlautoscaler.autoscaler.agent.original.qtable.StateEncoding;
import org.rlautoscaler.autoscaler.env.Limits;
import org.rlautoscaler.autoscaler.env.Observation;
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
        assertEquals(List.of(new StateEncoding.Dimension("pods", 3), new StateEncoding.Dimension("latency_interval_of_500_ms", 4),
                new StateEncoding.Dimension("request_interval_of_18_per_30_s", 3)), encoding.dimensions());
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
    void latency_is_rounded_to_whole_milliseconds_half_to_even_as_pythons_round() {
        LatencyTableAgent agent = agent(0);
        // round(500.5) is 500 in Python (half to even), so (0, 500); 500.6 -> 501 -> (501, 1000); 501.5 -> 502
        assertEquals(500, LatencyTableAgent.latencyMs(k8s(1, 500.5, 0)));
        assertEquals(502, LatencyTableAgent.latencyMs(k8s(1, 501.5, 0)));
        assertEquals(0, agent.state(k8s(1, 500.4, 0)));
        assertEquals(0, agent.state(k8s(1, 500.5, 0)));
        assertEquals(3, agent.state(k8s(1, 500.6, 0)));   // (0 * 4 + 1) * 3 + 0
    }

    @Test
    void requests_are_rounded_half_to_even_too() {
        // round(18.5) is 18: (0, 18); round(19.5) is 20
        assertEquals(18, LatencyTableAgent.requestCount(k8s(1, 100, 18.5)));
        assertEquals(20, LatencyTableAgent.requestCount(k8s(1, 100, 19.5)));
        assertEquals(0, agent(0).state(k8s(1, 100, 18.5)));
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

    /**
     * A step the notebook printed: the state before (pods, latency, requests), the action, the
     * state after, the reward and the printed {@code *** new value ***}; {@code old} and {@code next}
     * are the whole numbers its {@code find_best_q_value} must have returned for the printed value
     * (the notebook does not print the table between steps).
     */
    private record Printed(int pods, double latency, double requests, int action, double newLatency, double newRequests,
                           double reward, double newValue, int old, int next) {}

    /** Exec 20's 6.62 = 0.9 x 5 + 0.1 x (20 + 0.6 x 2), and the other printed updates after exec 1. */
    private static final List<Printed> NOTEBOOK = List.of(
            new Printed(2, 559, 20, 3, 310, 4, 20, 5.0, 3, 5),
            new Printed(3, 310, 4, 2, 469, 14, 20, 6.62, 5, 2),
            new Printed(2, 458, 20, 1, 1002, 36, -20, -2.72, -1, 3),
            new Printed(1, 1002, 36, 2, 571, 18, 10, 4.0, 3, 5),
            new Printed(3, 541, 16, 3, 689, 20, -20, -1.94, 0, 1),
            new Printed(3, 689, 20, 2, 374, 10, 20, 3.02, 1, 2),
            new Printed(2, 558, 18, 3, 420, 16, 20, 6.4399999999999995, 5, -1),
            new Printed(3, 420, 16, 2, 412, 18, 20, 1.1, -1, 0),
            new Printed(2, 536, 16, 3, 538, 16, 0, 4.68, 5, 3),
            new Printed(3, 538, 16, 2, 611, 14, -20, 0.94, 3, 4));

    /** A row whose maximum truncates to {@code whole}: whole + 0.6 (or - 0.6 below 0), then two lower values. */
    private static void row(LatencyTableAgent agent, int state, int whole) {
        double max = whole >= 0 ? whole + 0.6 : whole - 0.6;
        agent.learner().table().set(state, 0, max - 3);
        agent.learner().table().set(state, 1, max);
        agent.learner().table().set(state, 2, max - 5);
    }

    @Test
    void faithful_the_notebooks_printed_updates_come_out_to_the_last_digit() {
        LatencyReward reward = new LatencyReward(500);
        // Exec 0 and 1 replayed from the empty table, the rest each from rows whose maxima have fractions.
        LatencyTableAgent replay = faithful();
        Observation s0 = k8s(1, 1022, 36);
        Observation s1 = k8s(1, 1089, 40);
        Observation s2 = k8s(1, 1019, 36);
        assertEquals(-2.0, replay.learner().update(replay.state(s0), 0, reward.reward(s0, 1, s1), replay.state(s1)));
        assertEquals(-1.0, replay.learner().update(replay.state(s1), 0, reward.reward(s1, 1, s2), replay.state(s2)));
        for (Printed step : NOTEBOOK) {
            LatencyTableAgent agent = faithful();
            Observation before = k8s(step.pods(), step.latency(), step.requests());
            Observation after = k8s(step.action(), step.newLatency(), step.newRequests());
            assertEquals(step.reward(), reward.reward(before, step.action(), after), "the reward of " + step);
            row(agent, agent.state(before), step.old());
            row(agent, agent.state(after), step.next());
            double value = agent.learner().update(agent.state(before), step.action() - 1, step.reward(), agent.state(after));
            assertEquals(step.newValue(), value, 0.0, "printed " + step.newValue() + " for " + step);
            assertEquals(value, agent.learner().table().get(agent.state(before), step.action() - 1), 0.0);
        }
    }

    @Test
    void untruncated_the_same_rows_give_other_values_so_the_truncation_is_what_matches() {
        Printed exec20 = NOTEBOOK.get(1);
        LatencyTableAgent agent = faithful();
        Observation before = k8s(exec20.pods(), exec20.latency(), exec20.requests());
        Observation after = k8s(exec20.action(), exec20.newLatency(), exec20.newRequests());
        row(agent, agent.state(before), 5);   // max 5.6
        row(agent, agent.state(after), 2);    // max 2.6
        // 0.9 x 5 + 0.1 x (20 + 0.6 x 2) = 6.62, where 0.9 x 5.6 + 0.1 x (20 + 0.6 x 2.6) would be 7.196
        assertEquals(6.62, agent.learner().update(agent.state(before), 1, 20, agent.state(after)), 0.0);
    }

    @Test
    void by_default_the_old_value_is_q_of_the_action_and_the_next_maximum_is_still_truncated() {
        LatencyTableAgent agent = agent(1);
        agent.setLearning(true);
        Observation before = k8s(3, 310, 4);
        Observation after = k8s(2, 469, 14);
        row(agent, agent.state(before), 5);   // Q(s, "2") = 5.6 is the row's maximum; Q(s, "1") = 2.6
        row(agent, agent.state(after), 2);    // max 2.6 -> 2
        // textbook old value Q(s, "1") = 5.6 - 3: 0.9 x 2.6 + 0.1 x (20 + 0.6 x 2) = 2.34 + 2.12
        double q = agent.learner().table().get(agent.state(before), 0);
        assertEquals((1 - 0.1) * q + 0.1 * (20 + 0.6 * 2), agent.learner().update(agent.state(before), 0, 20, agent.state(after)), 0.0);
        assertEquals(4.46, agent.learner().table().get(agent.state(before), 0), 1e-12);
    }

    private static LatencyTableAgent faithful() {
        LatencyTableDesign design = new LatencyTableDesign(500, 4, 18, 3, true);
        return new LatencyTableAgent(ONE_TO_THREE, design, Hyperparameters.constant(0.1, 0.6, 1), 7);
    }

    @Test
    void scaled_to_a_peak_of_1700_requests_a_second_the_request_intervals_span_0_to_51000_per_30_s() {
        LatencyTableDesign scaled = LatencyTableDesign.ORIGINAL.scaledToPeak(1700);
        assertEquals(17_000, scaled.initialRequests());
        assertEquals(List.of(0L, 17_000L, 17_001L, 34_000L, 34_001L, 51_000L), scaled.requests().bounds().stream()
                .flatMap(b -> java.util.stream.LongStream.of(b).boxed()).toList());
        LatencyTableAgent agent = new LatencyTableAgent(ONE_TO_THREE, scaled, LatencyTableAgent.defaults(), 1);
        // 1,700 req/s was the last of the original's intervals (37-54 per 30 s) at every load; scaled, it is
        // the last; 850 req/s (25,500 per 30 s) the middle one; 100 req/s the first.
        assertEquals(2, agent.state(k8s(1, 100, 1700 * 30)) % 3);
        assertEquals(1, agent.state(k8s(1, 100, 850 * 30)) % 3);
        assertEquals(0, agent.state(k8s(1, 100, 100 * 30)) % 3);
        assertEquals(2, agent(0).state(k8s(1, 100, 100 * 30)) % 3, "the original's intervals: blind above 1.8 req/s");
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
