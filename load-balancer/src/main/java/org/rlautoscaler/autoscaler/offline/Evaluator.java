package org.rlautoscaler.autoscaler.offline;

import org.rlautoscaler.autoscaler.agent.Decision;
import org.rlautoscaler.autoscaler.agent.Policy;
import org.rlautoscaler.autoscaler.agent.TabularAgent;
import org.rlautoscaler.autoscaler.env.Environment;
import org.rlautoscaler.autoscaler.env.Observation;
import org.rlautoscaler.autoscaler.env.StepResult;
import org.rlautoscaler.autoscaler.eval.Run;
import org.rlautoscaler.autoscaler.sim.SimulatedCluster;
import org.rlautoscaler.autoscaler.sim.Workload;

/**
 * Runs one policy over a whole evaluation workload, greedy and without learning, and records
 * each step: load, replicas running, replicas asked for, replicas needed, latency.
 */
public final class Evaluator {
    private final Setup setup;

    public Evaluator(Setup setup) {
        this.setup = setup;
    }

    /** Runs {@code spec}'s policy, made for the run's cluster, with noise seed {@code seed}. */
    public Run evaluate(AgentSpec spec, Workload workload, long seed) {
        SimulatedCluster cluster = setup.cluster(workload, false);
        Policy policy = spec.factory().create(seed, cluster);
        if (policy instanceof TabularAgent tabular) {
            tabular.learner().exploring(false);
        }
        int steps = workload.steps();
        Environment environment = setup.environment(cluster, spec.reward(), steps);
        double[] rate = new double[steps];
        int[] supply = new int[steps];
        int[] desired = new int[steps];
        int[] demand = new int[steps];
        double[] mean = new double[steps];
        double[] p95 = new double[steps];
        Observation observation = environment.reset(seed);
        policy.startEpisode();
        for (int step = 0; step < steps; step++) {
            Decision decision = policy.decide(observation);
            StepResult result = environment.step(decision.replicas());
            rate[step] = result.info().arrivalRate();
            supply[step] = cluster.runningReplicas();
            desired[step] = result.info().applied();
            demand[step] = result.info().demand();
            mean[step] = cluster.trueMeanLatencyMs();
            p95[step] = cluster.trueP95LatencyMs();
            observation = result.observation();
        }
        return new Run(spec.name(), seed, setup.periodSeconds(), setup.sloP95Ms(), rate, supply, desired, demand, mean, p95);
    }
}
