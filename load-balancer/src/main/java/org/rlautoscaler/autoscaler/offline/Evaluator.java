package org.rlautoscaler.autoscaler.offline;

import java.util.function.Function;
import org.rlautoscaler.autoscaler.agent.Agent;
import org.rlautoscaler.autoscaler.agent.FutureLoad;
import org.rlautoscaler.autoscaler.env.RewardFunction;
import org.rlautoscaler.autoscaler.env.StepInfo;
import org.rlautoscaler.autoscaler.metrics.Run;
import org.rlautoscaler.autoscaler.rollout.Rollout;
import org.rlautoscaler.autoscaler.safety.SafetyConfig;
import org.rlautoscaler.autoscaler.sim.SimulatedCluster;
import org.rlautoscaler.autoscaler.sim.Workload;

/**
 * Runs one agent over a whole evaluation workload through the same rollout loop and safety chain
 * as the live loop, acting greedily, learning from the steps as they unfold or not at all, and
 * records each step: load, replicas running, replicas asked for, replicas needed, latency.
 */
public final class Evaluator {
    private final Setup setup;

    public Evaluator(Setup setup) {
        this.setup = setup;
    }

    /**
     * Runs the agent {@code agentFor} makes for this run's cluster (only the oracle uses what it
     * is given: the load to come), with noise seed {@code seed}, under {@code safety}, without
     * learning.
     */
    public Run evaluate(String name, Function<FutureLoad, Agent> agentFor, RewardFunction reward, Workload workload,
                        long seed, SafetyConfig safety) {
        return evaluate(name, agentFor, reward, workload, seed, safety, false);
    }

    /**
     * The same; with {@code learning}, the agent goes on learning from each step after it acted,
     * as it does live (it never sees a step before acting on it).
     */
    public Run evaluate(String name, Function<FutureLoad, Agent> agentFor, RewardFunction reward, Workload workload,
                        long seed, SafetyConfig safety, boolean learning) {
        SimulatedCluster cluster = setup.evaluationCluster(workload);
        Agent agent = agentFor.apply(cluster);
        int steps = workload.steps();
        Rollout rollout = setup.rollout(cluster, agent, reward, steps, learning, safety);
        double[] rate = new double[steps];
        int[] supply = new int[steps];
        int[] desired = new int[steps];
        int[] demand = new int[steps];
        double[] mean = new double[steps];
        double[] p95 = new double[steps];
        rollout.reset(seed);
        for (int step = 0; step < steps; step++) {
            StepInfo info = rollout.step().result().info();
            rate[step] = info.arrivalRate();
            supply[step] = cluster.runningReplicas();
            desired[step] = info.applied();
            demand[step] = info.demand();
            mean[step] = cluster.trueMeanLatencyMs();
            p95[step] = cluster.trueP95LatencyMs();
        }
        return new Run(name, seed, setup.periodSeconds(), setup.sloP95Ms(), rate, supply, desired, demand, mean, p95);
    }
}
