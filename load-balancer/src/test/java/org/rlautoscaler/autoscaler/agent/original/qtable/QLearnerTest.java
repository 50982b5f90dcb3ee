package org.rlautoscaler.autoscaler.agent.original.qtable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rlautoscaler.autoscaler.agent.Hyperparameters;

/**
 * Q(s,a) <- (1 - alpha) Q(s,a) + alpha (reward + gamma max_a' Q(s',a')), epsilon-greedy choice,
 * epsilon decay, and the original's MSE between Q-values and their latest targets.
 */
class QLearnerTest {
    private static final double EXACT = 1e-12;

    /** Two states, two actions: 4 entries. */
    private static QTable table() {
        return new QTable("test", new StateEncoding(List.of(new StateEncoding.Dimension("s", 2)), List.of("a0", "a1")));
    }

    /** Two states, three actions: 6 entries. */
    private static QTable threeActions() {
        return new QTable("test", new StateEncoding(List.of(new StateEncoding.Dimension("s", 2)), List.of("a0", "a1", "a2")));
    }

    @Test
    void alpha_0_1_gamma_0_6_q_2_next_max_5_reward_10_gives_3_1() {
        QLearner learner = new QLearner(table(), Hyperparameters.constant(0.1, 0.6, 0.1), 1);
        learner.table().set(0, 0, 2);   // Q(s, a) = 2
        learner.table().set(1, 1, 5);   // max Q(s') = max(0, 5) = 5
        // 0.9 * 2 + 0.1 * (10 + 0.6 * 5) = 1.8 + 1.3 = 3.1
        assertEquals(3.1, learner.update(0, 0, 10, 1), EXACT);
        assertEquals(3.1, learner.table().get(0, 0), EXACT);
        assertEquals(1, learner.updates());
    }

    @Test
    void the_old_value_is_q_of_the_action_taken_not_the_rows_maximum() {
        QLearner learner = new QLearner(table(), Hyperparameters.constant(0.1, 0.6, 0.1), 1);
        learner.table().set(0, 0, 2);
        learner.table().set(0, 1, 4);   // the row's maximum, which the original's new_q_value used
        learner.table().set(1, 1, 5);
        // textbook: 0.9 * 2 + 1.3 = 3.1 (the original's rule would give 0.9 * 4 + 1.3 = 4.9)
        assertEquals(3.1, learner.update(0, 0, 10, 1), EXACT);
        assertEquals(4.0, learner.table().get(0, 1), EXACT, "the other action is untouched");
    }

    @Test
    void an_update_counts_a_visit() {
        QLearner learner = new QLearner(table(), Hyperparameters.constant(0.1, 0.6, 0.1), 1);
        learner.update(1, 0, 1, 0);
        learner.update(1, 0, 1, 0);
        assertEquals(2, learner.table().visits(1, 0));
        assertEquals(0, learner.table().visits(0, 0));
    }

    @Test
    void while_not_exploring_an_update_changes_nothing() {
        QLearner learner = new QLearner(table(), Hyperparameters.constant(0.1, 0.6, 0.1), 1);
        learner.table().set(0, 0, 2);
        learner.table().set(1, 1, 5);
        learner.exploring(false);
        assertEquals(2.0, learner.update(0, 0, 10, 1), EXACT);
        assertEquals(2.0, learner.table().get(0, 0), EXACT);
        assertEquals(0, learner.updates());
        assertEquals(0.0, learner.meanSquaredError(), EXACT);
    }

    @Test
    void epsilon_0_always_picks_the_best_action() {
        QLearner learner = new QLearner(threeActions(), Hyperparameters.constant(0.1, 0.6, 0), 1);
        learner.table().set(0, 1, 3);
        learner.table().set(0, 2, 2);
        for (int i = 0; i < 200; i++) {
            assertEquals(-1, learner.randomAction(), "never random");
            assertEquals(1, learner.table().bestAction(0));
        }
    }

    @Test
    void ties_go_to_the_lowest_index() {
        QLearner learner = new QLearner(threeActions(), Hyperparameters.constant(0.1, 0.6, 0), 1);
        assertEquals(0, learner.table().bestAction(1), "all zeros");
        learner.table().set(1, 1, 7);
        learner.table().set(1, 2, 7);
        assertEquals(1, learner.table().bestAction(1), "1 and 2 tie at 7");
        learner.table().set(0, 0, -1);
        learner.table().set(0, 1, -1);
        learner.table().set(0, 2, -1);
        assertEquals(0, learner.table().bestAction(0), "all -1");
    }

    @Test
    void the_best_visited_action_ignores_untried_zeros_and_is_minus_1_in_an_unseen_state() {
        QTable table = threeActions();
        assertEquals(-1, table.bestVisitedAction(0), "nothing tried");
        table.set(0, 2, -6.5);
        table.set(0, 1, -7.0);
        assertEquals(0, table.bestAction(0), "argmax: the untried 0 of column 0 wins");
        assertEquals(2, table.bestVisitedAction(0), "-6.5 beats -7.0; column 0 was never tried");
        table.set(0, 0, -6.5);
        assertEquals(0, table.bestVisitedAction(0), "a tie at -6.5 goes to the lowest column");
    }

    @Test
    void not_exploring_means_greedy_whatever_epsilon() {
        QLearner learner = new QLearner(threeActions(), Hyperparameters.constant(0.1, 0.6, 1), 1);
        learner.table().set(0, 2, 1);
        learner.exploring(false);
        assertEquals(0.0, learner.epsilon());
        for (int i = 0; i < 100; i++) {
            assertEquals(-1, learner.randomAction(), "epsilon 1 ignored: greedy");
        }
        assertEquals(2, learner.table().bestAction(0));
    }

    @Test
    void epsilon_1_picks_random_actions_spread_over_all_actions() {
        QLearner learner = new QLearner(threeActions(), Hyperparameters.constant(0.1, 0.6, 1), 42);
        learner.table().set(0, 2, 100); // the best action must not matter
        int[] counts = new int[3];
        for (int i = 0; i < 3000; i++) {
            int action = learner.randomAction();
            assertTrue(action >= 0, "always random");
            counts[action]++;
        }
        // expected 1000 each; a binomial(3000, 1/3) has a standard deviation of 25.8: 800..1200 is 7.7 sigma
        for (int a = 0; a < 3; a++) {
            assertTrue(counts[a] > 800 && counts[a] < 1200, "action " + a + " chosen " + counts[a] + " times of 3000");
        }
    }

    @Test
    void the_same_seed_gives_the_same_random_choices() {
        QLearner one = new QLearner(threeActions(), Hyperparameters.constant(0.1, 0.6, 0.5), 9);
        QLearner two = new QLearner(threeActions(), Hyperparameters.constant(0.1, 0.6, 0.5), 9);
        for (int i = 0; i < 100; i++) {
            assertEquals(one.randomAction(), two.randomAction());
        }
    }

    @Test
    void epsilon_decays_by_its_factor_per_episode_down_to_its_minimum() {
        Hyperparameters p = new Hyperparameters(0.2, 0.9, 1.0, 0.02, 0.5);
        assertEquals(1.0, p.epsilonAfter(0), EXACT);
        assertEquals(0.5, p.epsilonAfter(1), EXACT);
        assertEquals(0.25, p.epsilonAfter(2), EXACT);
        assertEquals(0.03125, p.epsilonAfter(5), EXACT);
        // 0.5^6 = 0.015625 < 0.02 -> 0.02
        assertEquals(0.02, p.epsilonAfter(6), EXACT);
        assertEquals(0.02, p.epsilonAfter(1000), EXACT);
    }

    @Test
    void a_constant_epsilon_never_decays() {
        Hyperparameters p = Hyperparameters.constant(0.1, 0.6, 0.1);
        assertEquals(0.1, p.epsilonAfter(0), EXACT);
        assertEquals(0.1, p.epsilonAfter(500), EXACT);
    }

    @Test
    void the_learner_counts_episodes_for_the_decay() {
        QLearner learner = new QLearner(table(), new Hyperparameters(0.2, 0.9, 1.0, 0.02, 0.5), 1);
        assertEquals(1.0, learner.epsilon(), EXACT);
        learner.episodeEnded();
        learner.episodeEnded();
        assertEquals(0.25, learner.epsilon(), EXACT);
    }

    @Test
    void hyperparameters_outside_0_to_1_are_refused() {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new Hyperparameters(1.5, 0.9, 0.1, 0.1, 1));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Hyperparameters.constant(0.1, -0.1, 0.1));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Hyperparameters.constant(0.1, 0.9, Double.NaN));
    }

    @Test
    void the_mse_after_one_and_two_updates() {
        // alpha 0.1, gamma 0.6; 4 entries, all Q = 0 and all targets = 0 at first.
        QLearner learner = new QLearner(table(), Hyperparameters.constant(0.1, 0.6, 0.1), 1);
        assertEquals(0.0, learner.meanSquaredError(), EXACT);

        // Update 1: (s0, a0), reward 10, s' = s1 (max 0): target 10; Q = 0.9 * 0 + 0.1 * 10 = 1.
        // (1 - 10)^2 = 81; the others 0 -> 81 / 4 = 20.25
        assertEquals(1.0, learner.update(0, 0, 10, 1), EXACT);
        assertEquals(20.25, learner.meanSquaredError(), EXACT);

        // Update 2: (s1, a1), reward -5, s' = s0 (max Q(s0) = 1): target -5 + 0.6 = -4.4;
        // Q = 0.1 * -4.4 = -0.44; (-0.44 + 4.4)^2 = 3.96^2 = 15.6816 -> (81 + 15.6816) / 4 = 24.1704
        assertEquals(-0.44, learner.update(1, 1, -5, 0), EXACT);
        assertEquals(24.1704, learner.meanSquaredError(), 1e-9);

        // Update 3: (s0, a0) again, reward 10, s' = s1 (max(0, -0.44) = 0): target 10;
        // Q = 0.9 * 1 + 0.1 * 10 = 1.9; its error replaces the old one: (1.9 - 10)^2 = 65.61
        // -> (65.61 + 15.6816) / 4 = 20.3229
        assertEquals(1.9, learner.update(0, 0, 10, 1), EXACT);
        assertEquals(20.3229, learner.meanSquaredError(), 1e-9);
    }
}
