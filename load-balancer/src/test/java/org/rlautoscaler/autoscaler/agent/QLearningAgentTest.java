package org.rlautoscaler.autoscaler.agent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;
import org.rlautoscaler.autoscaler.env.Limits;
import org.rlautoscaler.autoscaler.env.Observation;
import org.rlautoscaler.autoscaler.qtable.StateEncoding;

/**
 * This project's agent: state (replica band, utilisation tenth, p95 against the SLO in 5 bands
 * split at 0.5, 0.8, 1.0, 1.5, load trend falling / flat / rising by more than 5 %), actions
 * remove 2, remove 1, hold, add 1, add 2.
 */
class QLearningAgentTest {
    private static final Limits ONE_TO_TEN = new Limits(1, 10);
    private static final double SLO_MS = 200;

    private static QLearningAgent agent() {
        QLearningAgent agent = new QLearningAgent(ONE_TO_TEN, SLO_MS, QLearningAgent.defaults(100), 3);
        agent.learner().exploring(false);
        return agent;
    }

    private static Observation obs(int replicas, double utilisation, double p95Ms, double rate) {
        return new Observation(replicas, replicas, Double.NaN, Double.NaN, utilisation, rate, p95Ms / 3, p95Ms);
    }

    private static int index(int replicaBand, int utilisationTenth, int latencyBand, int trend) {
        return QLearningAgent.encoding(ONE_TO_TEN).index(replicaBand, utilisationTenth, latencyBand, trend);
    }

    @Test
    void the_state_of_3_replicas_at_45_percent_with_p95_90_ms_and_no_history() {
        // 3 replicas -> band 2 (3-4); 0.45 -> tenth 4; 90/200 = 0.45 < 0.5 -> band 0; no previous rate -> flat (1)
        assertEquals(index(2, 4, 0, 1), agent().state(obs(3, 0.45, 90, 100)));
        // ((2 * 10 + 4) * 5 + 0) * 3 + 1 = 361
        assertEquals(361, agent().state(obs(3, 0.45, 90, 100)));
    }

    @Test
    void a_row_decodes_into_the_values_it_was_encoded_from() {
        StateEncoding encoding = QLearningAgent.encoding(ONE_TO_TEN);
        assertArrayEquals(new int[] {2, 4, 0, 1}, encoding.values(361));
        assertArrayEquals(new int[] {5, 9, 4, 2}, encoding.values(899));
        assertEquals(617, encoding.index(encoding.values(617)));
    }

    @Test
    void the_encoding_has_6_by_10_by_5_by_3_states_and_5_actions() {
        StateEncoding encoding = QLearningAgent.encoding(ONE_TO_TEN);
        assertEquals(900, encoding.states());
        assertEquals(5, encoding.actions().size());
    }

    @Test
    void replicas_fall_in_bands_1_2_3to4_5to7_8to11_12_and_more() {
        assertEquals(0, QLearningAgent.replicaBand(1));
        assertEquals(1, QLearningAgent.replicaBand(2));
        assertEquals(2, QLearningAgent.replicaBand(3));
        assertEquals(2, QLearningAgent.replicaBand(4));
        assertEquals(3, QLearningAgent.replicaBand(5));
        assertEquals(3, QLearningAgent.replicaBand(7));
        assertEquals(4, QLearningAgent.replicaBand(8));
        assertEquals(4, QLearningAgent.replicaBand(11));
        assertEquals(5, QLearningAgent.replicaBand(12));
        assertEquals(5, QLearningAgent.replicaBand(40));
    }

    @Test
    void the_state_changes_with_utilisation_in_tenths() {
        QLearningAgent agent = agent();
        assertEquals(index(2, 1, 0, 1), agent.state(obs(3, 0.15, 90, 100)));
        assertEquals(index(2, 2, 0, 1), agent.state(obs(3, 0.25, 90, 100)));
        assertEquals(index(2, 9, 0, 1), agent.state(obs(3, 0.95, 90, 100)));
        // over 1.0 stays in the last tenth, below 0 in the first
        assertEquals(index(2, 9, 0, 1), agent.state(obs(3, 3.0, 90, 100)));
        assertEquals(index(2, 0, 0, 1), agent.state(obs(3, -0.1, 90, 100)));
        assertNotEquals(agent.state(obs(3, 0.15, 90, 100)), agent.state(obs(3, 0.25, 90, 100)));
    }

    @Test
    void the_state_changes_with_the_p95_band_against_the_objective() {
        QLearningAgent agent = agent();
        // p95 / 200: 0.45 -> 0; 0.5 -> 1; 0.85 -> 2; 1.0 -> 3; 1.49 -> 3; 1.5 -> 4; 5.0 -> 4
        assertEquals(index(2, 4, 0, 1), agent.state(obs(3, 0.45, 90, 100)));
        assertEquals(index(2, 4, 1, 1), agent.state(obs(3, 0.45, 100, 100)));
        assertEquals(index(2, 4, 2, 1), agent.state(obs(3, 0.45, 170, 100)));
        assertEquals(index(2, 4, 3, 1), agent.state(obs(3, 0.45, 200, 100)));
        assertEquals(index(2, 4, 3, 1), agent.state(obs(3, 0.45, 298, 100)));
        assertEquals(index(2, 4, 4, 1), agent.state(obs(3, 0.45, 300, 100)));
        assertEquals(index(2, 4, 4, 1), agent.state(obs(3, 0.45, 1000, 100)));
    }

    @Test
    void the_state_changes_with_the_load_trend_since_the_last_decision() {
        QLearningAgent agent = agent();
        agent.decide(obs(3, 0.45, 90, 100)); // remembers the rate 100
        // 110 / 100 - 1 = +10 % > 5 % -> rising (2); 90 -> -10 % -> falling (0); 104 -> +4 % -> flat (1)
        assertEquals(index(2, 4, 0, 2), agent.state(obs(3, 0.45, 90, 110)));
        assertEquals(index(2, 4, 0, 0), agent.state(obs(3, 0.45, 90, 90)));
        assertEquals(index(2, 4, 0, 1), agent.state(obs(3, 0.45, 90, 104)));
        assertEquals(index(2, 4, 0, 1), agent.state(obs(3, 0.45, 90, 96)));
    }

    @Test
    void a_new_episode_forgets_the_last_rate() {
        QLearningAgent agent = agent();
        agent.decide(obs(3, 0.45, 90, 100));
        agent.startEpisode();
        assertEquals(index(2, 4, 0, 1), agent.state(obs(3, 0.45, 90, 200)), "no previous rate: flat");
    }

    @Test
    void the_next_state_of_a_step_takes_its_trend_from_the_observation_before() {
        QLearningAgent agent = agent();
        // before at rate 100, after at 120: +20 % -> rising
        assertEquals(index(3, 6, 2, 2), agent.nextState(obs(5, 0.65, 170, 120), obs(5, 0.6, 150, 100)));
    }

    @Test
    void actions_move_5_replicas_by_minus_2_to_plus_2() {
        QLearningAgent agent = agent();
        Observation five = obs(5, 0.5, 100, 100);
        assertEquals(3, agent.replicas(0, five));
        assertEquals(4, agent.replicas(1, five));
        assertEquals(5, agent.replicas(2, five));
        assertEquals(6, agent.replicas(3, five));
        assertEquals(7, agent.replicas(4, five));
    }

    @Test
    void actions_are_clamped_to_the_limits() {
        QLearningAgent agent = agent();
        Observation one = obs(1, 0.5, 100, 100);
        assertEquals(1, agent.replicas(0, one));   // 1 - 2 = -1 -> 1
        assertEquals(1, agent.replicas(1, one));   // 0 -> 1
        assertEquals(3, agent.replicas(4, one));
        Observation ten = obs(10, 0.5, 100, 100);
        assertEquals(8, agent.replicas(0, ten));
        assertEquals(10, agent.replicas(3, ten));  // 11 -> 10
        assertEquals(10, agent.replicas(4, ten));  // 12 -> 10
    }

    @Test
    void a_greedy_decision_follows_the_best_action_of_its_state() {
        QLearningAgent agent = agent();
        Observation o = obs(5, 0.95, 400, 100);
        agent.learner().table().set(agent.state(o), 4, 1.0); // add 2
        Decision decision = agent.decide(o);
        assertEquals(4, decision.action());
        assertEquals(7, decision.replicas());
    }

    @Test
    void a_greedy_decision_ignores_actions_never_tried_in_its_state() {
        QLearningAgent agent = agent();
        Observation o = obs(5, 0.5, 100, 100);
        // rewards are negative: the tried hold at -6.7 loses to the untried 0s in an argmax
        agent.learner().table().set(agent.state(o), 2, -6.7);
        agent.learner().table().set(agent.state(o), 3, -8.0);
        Decision decision = agent.decide(o);
        assertEquals(2, decision.action(), "hold, the best tried action, not remove_2 at 0");
        assertEquals(5, decision.replicas());
    }

    @Test
    void a_greedy_decision_removes_no_replica_while_p95_is_above_the_objective() {
        QLearningAgent agent = agent();
        // 3 replicas at 45 % CPU with a p95 of 800 ms against 200, as on a host the replicas share
        Observation o = obs(3, 0.45, 800, 160);
        agent.learner().table().set(agent.state(o), 0, -1.0);  // remove 2: the table's best
        agent.learner().table().set(agent.state(o), 2, -5.0);  // hold
        agent.learner().table().set(agent.state(o), 3, -4.0);  // add 1: the best that removes none
        Decision decision = agent.decide(o);
        assertEquals(3, decision.action());
        assertEquals(4, decision.replicas());
        assertEquals(QLearningAgent.NO_SCALE_IN, decision.reason());

        QLearningAgent onlyRemovalTried = agent();
        onlyRemovalTried.learner().table().set(onlyRemovalTried.state(o), 1, -1.0);
        assertEquals(3, onlyRemovalTried.decide(o).replicas(), "no tried action keeps the replicas: hold");

        QLearningAgent withinObjective = agent();
        Observation calm = obs(3, 0.45, 150, 160);
        withinObjective.learner().table().set(withinObjective.state(calm), 0, -1.0);
        assertEquals(1, withinObjective.decide(calm).replicas(), "within the objective the table decides");
    }

    @Test
    void a_state_never_met_in_training_holds_and_says_which() {
        QLearningAgent agent = agent();
        // 1 replica at 4 % CPU with a p95 of 120 ms against 200 (0.6: band 1), as a cold replica's JIT gives
        Decision decision = agent.decide(obs(1, 0.04, 120, 4));
        assertEquals(2, decision.action());
        assertEquals(1, decision.replicas());
        assertEquals("hold: a state never met in training (replicas 1, CPU per replica 0.0-0.1, p95 0.5-0.8 x objective,"
                + " load flat)", decision.reason());
    }

    @Test
    void learning_online_in_an_unseen_state_keeps_holding_instead_of_walking_through_every_action() {
        QLearningAgent agent = new QLearningAgent(ONE_TO_TEN, SLO_MS, org.rlautoscaler.autoscaler.qtable.Hyperparameters
                .constant(0.2, 0.9, 0), 3);
        Observation o = obs(2, 0.04, 120, 4);
        for (int step = 0; step < 6; step++) {
            Decision decision = agent.decide(o);
            assertEquals(2, decision.replicas(), "step " + step);
            agent.learn(o, decision, -1.33, o);
        }
        // hold is the only action tried: its value fell from 0 towards the rewards, and it still holds
        assertEquals(6, agent.learner().table().visits(agent.state(o), 2));
        assertEquals(0, agent.learner().table().visits(agent.state(o), 0));
    }

    @Test
    void describes_states_in_words() {
        assertEquals("replicas 3-4, CPU per replica 0.4-0.5, p95 under 0.5 x objective, load flat", agent().describe(361));
        assertEquals("replicas 12 or more, CPU per replica 0.9 or more, p95 1.5 or more x objective, load rising",
                agent().describe(899));
    }

    @Test
    void a_missing_p95_holds() {
        QLearningAgent agent = agent();
        Decision decision = agent.decide(obs(5, 0.5, Double.NaN, 100));
        assertEquals(5, decision.replicas());
        assertEquals(-1, decision.action());
    }
}
