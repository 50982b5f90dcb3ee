package org.rlautoscaler.autoscaler.offline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.rlautoscaler.autoscaler.agent.Agent;
import org.rlautoscaler.autoscaler.agent.headroom.QLearningAgent;
import org.rlautoscaler.autoscaler.agent.rules.StaticPolicy;
import org.rlautoscaler.autoscaler.env.Limits;
import org.rlautoscaler.autoscaler.metrics.ElasticityMetrics;
import org.rlautoscaler.autoscaler.metrics.Result;
import org.rlautoscaler.autoscaler.reward.SloCostReward;
import org.rlautoscaler.autoscaler.safety.SafetyConfig;
import org.rlautoscaler.autoscaler.sim.ClusterModel;
import org.rlautoscaler.autoscaler.sim.Workload;

/**
 * Learning works: qlearning trained with fixed seeds on one synthetic trace does better, on a
 * different synthetic trace it never saw, than the same agent untrained (which runs the middle of
 * its ladder everywhere) and than a static count, by the reward it learns from. The figures are
 * exact: the simulation, the training and the evaluation are deterministic.
 */
class LearningTest {
    private static final Limits LIMITS = new Limits(1, 10);
    private static final Setup SETUP = new Setup(ClusterModel.defaults(), 15, 100, LIMITS, 40,
            new SafetyConfig(LIMITS, Duration.ofSeconds(30), 2, Duration.ofSeconds(60)));
    private static final SloCostReward REWARD = SloCostReward.defaults(100, 10);
    private static final int EPISODES = 20_000;

    /**
     * Hours that alternate between steady load and bursts (a period in three, 1 to 3 periods long,
     * 20 to 60 % above the level), at levels drawn at random: what to learn is that bursts need
     * room and steady load does not.
     */
    private static Workload alternating(long seed, int hours) {
        double[] rates = new double[hours * 240];
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        double level = 0.5;
        double burst = 0;
        int left = 0;
        for (int i = 0; i < rates.length; i++) {
            if (i % 240 == 0) {
                level = 0.2 + 0.5 * random.nextDouble();
            }
            boolean bursty = (i / 240) % 2 == 1;
            if (left == 0) {
                burst = bursty && random.nextDouble() < 0.33 ? 0.2 + 0.4 * random.nextDouble() : 0;
                left = 1 + random.nextInt(3);
            }
            left--;
            rates[i] = level * (1 + burst);
        }
        return new Workload("alternating " + seed, rates, "alternating").scaled(SETUP.model().replicaCapacity() * 10 * 0.85,
                "level 1 at 85 % of 10 replicas");
    }

    private static Workload training() {
        return alternating(7, 48);
    }

    private static Workload evaluation() {
        return alternating(11, 10);
    }

    private static double reward(Agent agent) {
        org.rlautoscaler.autoscaler.rollout.Rollout rollout = SETUP.rollout(SETUP.evaluationCluster(evaluation()), agent,
                REWARD, 2_400, false, SETUP.safety());
        rollout.reset(1);
        double total = 0;
        for (int i = 0; i < evaluation().steps(); i++) {
            total += rollout.step().result().reward();
        }
        return total;
    }

    private static Result evaluate(Agent agent) {
        return ElasticityMetrics.of(new Evaluator(SETUP).evaluate(agent.name(), future -> agent, REWARD, evaluation(), 1,
                SETUP.safety()));
    }

    private static String figures(Result r) {
        return String.format(Locale.ROOT, "%.2f %% above the objective, %.1f replica-hours", r.sloViolationPct(),
                r.replicaSeconds() / 3600);
    }

    @Test
    void trained_qlearning_beats_itself_untrained_and_a_static_count_on_a_trace_it_never_saw() {
        QLearningAgent trained = new QLearningAgent(LIMITS, REWARD, QLearningAgent.defaults(EPISODES), 1);
        new Trainer(SETUP).train(trained, REWARD, training(), EPISODES, 1, steps -> {});
        QLearningAgent untrained = new QLearningAgent(LIMITS, REWARD, QLearningAgent.defaults(EPISODES), 1);
        StaticPolicy fixed = new StaticPolicy(6);
        // trained: fewer periods above the objective for as many replica-hours, a better total reward
        assertEquals("4.04 % above the objective, 70.8 replica-hours", figures(evaluate(trained)));
        assertEquals("4.13 % above the objective, 70.8 replica-hours", figures(evaluate(untrained)));
        assertEquals("36.25 % above the objective, 60.0 replica-hours", figures(evaluate(fixed)));
        assertEquals(-5056.653, reward(trained), 1e-3);
        assertEquals(-5203.791, reward(untrained), 1e-3);
        assertEquals(-28741.285, reward(fixed), 1e-3);
        assertTrue(reward(trained) > reward(untrained) && reward(untrained) > reward(fixed));
        assertTrue(trained.status().updates() > 0);
        assertEquals(0, untrained.status().updates());
    }
}
