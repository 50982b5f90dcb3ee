package org.rlautoscaler.autoscaler.agent.original;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rlautoscaler.autoscaler.agent.Decision;
import org.rlautoscaler.autoscaler.agent.Hyperparameters;
import org.rlautoscaler.autoscaler.agent.Transition;
import org.rlautoscaler.autoscaler.agent.original.qtable.QTable;
import org.rlautoscaler.autoscaler.agent.original.qtable.StateEncoding;
import org.rlautoscaler.autoscaler.env.Limits;
import org.rlautoscaler.autoscaler.env.Observation;
import org.rlautoscaler.autoscaler.reward.SwarmReward;

/**
 * The Swarm original's agent: state (cpu bucket, ram bucket) of num_states equal buckets of 0-100 %,
 * Q = zeros((num_states, num_states, 2)), action 0 scales out by one, action 1 scales in by one.
 */
class SwarmCpuRamAgentTest {
    private static final Limits ONE_TO_FIVE = new Limits(1, 5);

    private static Observation swarm(int replicas, double cpu, double ram) {
        return new Observation(replicas, replicas, cpu, ram, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }

    private static SwarmCpuRamAgent greedy(int numStates) {
        SwarmCpuRamAgent agent = new SwarmCpuRamAgent(numStates, ONE_TO_FIVE, SwarmCpuRamAgent.defaults(), 1);
        agent.learner().exploring(false);
        return agent;
    }

    @Test
    void with_2_states_the_buckets_split_at_50_percent() {
        // width 100 / 2 = 50: floor(v / 50), kept within 0 and 1
        assertEquals(0, SwarmCpuRamAgent.bucket(0, 2));
        assertEquals(0, SwarmCpuRamAgent.bucket(49.99, 2));
        assertEquals(1, SwarmCpuRamAgent.bucket(50, 2));
        assertEquals(1, SwarmCpuRamAgent.bucket(100, 2));   // floor(2) = 2 -> the last bucket, 1
        assertEquals(1, SwarmCpuRamAgent.bucket(150, 2));
        assertEquals(0, SwarmCpuRamAgent.bucket(-5, 2));    // floor(-0.1) = -1 -> the first bucket, 0
    }

    @Test
    void with_3_states_the_buckets_split_at_a_third_and_two_thirds() {
        // width 33.333...: 33.3 / 33.333 = 0.999 -> 0; 33.34 -> 1.0002 -> 1; 66.66 -> 1.9998 -> 1; 66.67 -> 2.0001 -> 2
        assertEquals(0, SwarmCpuRamAgent.bucket(33.3, 3));
        assertEquals(1, SwarmCpuRamAgent.bucket(33.34, 3));
        assertEquals(1, SwarmCpuRamAgent.bucket(66.66, 3));
        assertEquals(2, SwarmCpuRamAgent.bucket(66.67, 3));
        assertEquals(2, SwarmCpuRamAgent.bucket(100, 3));
    }

    @Test
    void the_encoding_of_2_states_is_2_by_2_by_2_entries() {
        StateEncoding encoding = SwarmCpuRamAgent.encoding(2);
        assertEquals(List.of(new StateEncoding.Dimension("cpu_bucket", 2), new StateEncoding.Dimension("ram_bucket", 2)),
                encoding.dimensions());
        assertEquals(List.of("scale_out", "scale_in"), encoding.actions());
        assertEquals(4, encoding.states());
        assertEquals(8, new QTable(SwarmCpuRamAgent.NAME, encoding).size());
        assertEquals(8, greedy(2).learner().table().size());
        // 3 states: 3 x 3 x 2 = 18
        assertEquals(18, greedy(3).learner().table().size());
    }

    @Test
    void the_state_is_the_cpu_bucket_then_the_ram_bucket() {
        SwarmCpuRamAgent agent = greedy(2);
        assertEquals(0, agent.state(swarm(3, 30, 30)));   // (0, 0)
        assertEquals(1, agent.state(swarm(3, 30, 70)));   // (0, 1) = 0 * 2 + 1
        assertEquals(2, agent.state(swarm(3, 70, 30)));   // (1, 0) = 1 * 2 + 0
        assertEquals(3, agent.state(swarm(3, 70, 70)));   // (1, 1)
    }

    @Test
    void a_greedy_agent_whose_best_action_is_scale_in_removes_one_replica() {
        SwarmCpuRamAgent agent = greedy(2);
        // state (cpu 30 -> 0, ram 70 -> 1) = 1; Q(1, scale_in) = 1 > Q(1, scale_out) = 0
        agent.learner().table().set(1, SwarmCpuRamAgent.SCALE_IN, 1);
        Decision decision = agent.act(swarm(3, 30, 70));
        assertEquals(2, decision.replicas());
        assertEquals(SwarmCpuRamAgent.SCALE_IN, decision.action());
        assertEquals(false, decision.random());
    }

    @Test
    void a_greedy_agent_whose_best_action_is_scale_out_adds_one_replica() {
        SwarmCpuRamAgent agent = greedy(2);
        agent.learner().table().set(3, SwarmCpuRamAgent.SCALE_OUT, 2);
        agent.learner().table().set(3, SwarmCpuRamAgent.SCALE_IN, 1);
        assertEquals(4, agent.act(swarm(3, 70, 70)).replicas());
    }

    @Test
    void scaling_is_clamped_to_the_limits() {
        SwarmCpuRamAgent agent = greedy(2);
        agent.learner().table().set(1, SwarmCpuRamAgent.SCALE_IN, 1);   // state 1: scale in
        agent.learner().table().set(2, SwarmCpuRamAgent.SCALE_OUT, 1);  // state 2: scale out
        assertEquals(1, agent.act(swarm(1, 30, 70)).replicas(), "scale in at the minimum of 1 stays 1");
        assertEquals(5, agent.act(swarm(5, 70, 30)).replicas(), "scale out at the maximum of 5 stays 5");
    }

    @Test
    void ties_go_to_action_0_scale_out_as_numpy_argmax() {
        // an untrained table is all zeros
        assertEquals(4, greedy(2).act(swarm(3, 10, 10)).replicas());
    }

    @Test
    void a_missing_metric_holds_the_replica_count() {
        SwarmCpuRamAgent agent = greedy(2);
        Decision cpuMissing = agent.act(swarm(3, Double.NaN, 40));
        assertEquals(3, cpuMissing.replicas());
        assertEquals(-1, cpuMissing.action());
        assertEquals(3, agent.act(swarm(3, 40, Double.NaN)).replicas());
    }

    @Test
    void one_learning_step_from_the_swarm_reward() {
        // epsilon 0, alpha 0.1, gamma 0.9. Before: 3 replicas, cpu 30 (bucket 0), ram 70 (bucket 1) -> state 1.
        SwarmCpuRamAgent agent = new SwarmCpuRamAgent(2, ONE_TO_FIVE, Hyperparameters.constant(0.1, 0.9, 0), 1);
        Observation before = swarm(3, 30, 70);
        Decision decision = agent.act(before);
        assertEquals(SwarmCpuRamAgent.SCALE_OUT, decision.action()); // all zeros: the lowest column
        assertEquals(4, decision.replicas());
        // After: 4 replicas -> thresholds cpu 25, ram 34. cpu 20: merged 25 + int(4.0) = 29;
        // ram 30: merged 34 + int(6.0) = 40 -> both within -> 20.
        Observation after = swarm(4, 20, 30);
        double reward = new SwarmReward().reward(before, decision.replicas(), after);
        assertEquals(20.0, reward);
        agent.learn(new Transition(before, decision, reward, after, true));
        // Q(1, out) = 0.9 * 0 + 0.1 * (20 + 0.9 * max Q(state 0) = 0) = 2.0
        assertEquals(2.0, agent.learner().table().get(1, SwarmCpuRamAgent.SCALE_OUT), 1e-12);
        assertEquals(2.0, agent.lastValue(), 1e-12);
    }
}
