package org.rlautoscaler.autoscaler.rollout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntUnaryOperator;
import org.junit.jupiter.api.Test;
import org.rlautoscaler.autoscaler.agent.Agent;
import org.rlautoscaler.autoscaler.agent.Decision;
import org.rlautoscaler.autoscaler.agent.Transition;
import org.rlautoscaler.autoscaler.env.Limits;
import org.rlautoscaler.autoscaler.env.Observation;
import org.rlautoscaler.autoscaler.offline.Setup;
import org.rlautoscaler.autoscaler.reward.SloCostReward;
import org.rlautoscaler.autoscaler.safety.SafetyConfig;
import org.rlautoscaler.autoscaler.safety.SafetyReason;
import org.rlautoscaler.autoscaler.sim.ClusterModel;
import org.rlautoscaler.autoscaler.sim.ServiceModel;
import org.rlautoscaler.autoscaler.sim.SimulatedCluster;
import org.rlautoscaler.autoscaler.sim.Workload;

/**
 * The one loop of training, evaluation and the live run, here in the simulated cluster: the
 * safety chain reviews every decision with simulated time, and a learning agent is given each
 * step with whether the chain changed it.
 */
class RolloutTest {
    private static final Limits LIMITS = new Limits(1, 10);
    private static final SafetyConfig CHAIN = new SafetyConfig(LIMITS, Duration.ofSeconds(30), 2, Duration.ofSeconds(60));
    private static final Setup SETUP = new Setup(ClusterModel.of(ServiceModel.queueing(0.005, 1, 0, 10)).withNoise(0), 15,
            100, LIMITS, 40, CHAIN);

    /** An agent that wants {@code next(current)} replicas and records what it is given to learn from. */
    private static final class Scripted implements Agent {
        final IntUnaryOperator next;
        final List<Transition> given = new ArrayList<>();
        boolean learning;

        Scripted(IntUnaryOperator next) {
            this.next = next;
        }

        @Override
        public String name() {
            return "scripted";
        }

        @Override
        public Decision act(Observation o) {
            return new Decision(next.applyAsInt(o.desiredReplicas()), 0, false, "scripted");
        }

        @Override
        public void learn(Transition transition) {
            given.add(transition);
        }

        @Override
        public boolean learns() {
            return true;
        }

        @Override
        public void setLearning(boolean learning) {
            this.learning = learning;
        }
    }

    private static Rollout rollout(Agent agent, boolean learning) {
        double[] rates = new double[20];
        java.util.Arrays.fill(rates, 100);
        SimulatedCluster cluster = SETUP.evaluationCluster(new Workload("flat", rates, "flat 100 req/s"));
        return SETUP.rollout(cluster, agent, SloCostReward.defaults(100, 10), 20, learning, CHAIN);
    }

    @Test
    void the_chain_limits_the_step_holds_the_cooldown_and_counts_simulated_time() {
        Scripted wantsSix = new Scripted(current -> 6);
        Rollout rollout = rollout(wantsSix, true);
        rollout.reset(1);
        Rollout.Step first = rollout.step();
        assertEquals(Instant.EPOCH, first.pending().at());
        assertEquals(SafetyReason.rate_limited, first.pending().verdict().reason());
        assertEquals(3, first.result().observation().desiredReplicas(), "1 -> 3: at most 2 at once");
        Rollout.Step second = rollout.step();
        assertEquals(Instant.EPOCH.plusSeconds(15), second.pending().at());
        assertEquals(SafetyReason.cooldown, second.pending().verdict().reason());
        assertEquals(3, second.result().observation().desiredReplicas());
        Rollout.Step third = rollout.step();
        assertEquals(Instant.EPOCH.plusSeconds(30), third.pending().at());
        assertEquals(5, third.result().observation().desiredReplicas(), "30 s after the change: 3 -> 5");
    }

    @Test
    void a_learning_agent_is_given_every_step_and_told_which_the_chain_changed() {
        Scripted wantsSix = new Scripted(current -> 6);
        Rollout rollout = rollout(wantsSix, true);
        assertTrue(wantsSix.learning);
        rollout.reset(1);
        for (int i = 0; i < 5; i++) {
            rollout.step();
        }
        assertEquals(5, wantsSix.given.size());
        // 1 -> 3 limited, held, 3 -> 5 limited, held, 5 -> 6 as decided
        assertEquals(List.of(false, false, false, false, true), wantsSix.given.stream().map(Transition::asDecided).toList());
    }

    @Test
    void an_agent_that_is_not_learning_is_given_nothing() {
        Scripted holds = new Scripted(current -> current);
        Rollout rollout = rollout(holds, false);
        assertFalse(holds.learning);
        rollout.reset(1);
        rollout.step();
        assertEquals(List.of(), holds.given);
    }

    @Test
    void reset_forgets_the_cooldown_of_the_last_episode() {
        Rollout rollout = rollout(new Scripted(current -> current + 1), false);
        rollout.reset(1);
        rollout.step();                          // 1 -> 2 at t = 0
        rollout.reset(2);                        // a new episode: t = 0 again, no cooldown
        assertEquals(SafetyReason.as_decided, rollout.step().pending().verdict().reason());
    }
}
