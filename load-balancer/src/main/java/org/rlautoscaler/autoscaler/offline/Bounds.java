package org.rlautoscaler.autoscaler.offline;

import org.rlautoscaler.autoscaler.agent.Agent;
import org.rlautoscaler.autoscaler.agent.rules.StaticPolicy;
import org.rlautoscaler.autoscaler.catalog.AgentKind;
import org.rlautoscaler.autoscaler.env.Limits;
import org.rlautoscaler.autoscaler.rollout.Rollout;
import org.rlautoscaler.autoscaler.sim.SimulatedCluster;
import org.rlautoscaler.autoscaler.sim.Workload;

/**
 * The {@link LowerBound} problem of an evaluation: the requests that arrive at each step of the
 * evaluated load with a seed's variation (the same for every policy on that seed: they do not
 * depend on the replicas), the replicas each step needs to meet the objective with them, and the
 * setup's limits, largest step and start-up time.
 */
public final class Bounds {
    private Bounds() {}

    /** The problem of {@code workload} with seed {@code seed} under {@code setup}. */
    public static LowerBound.Problem problem(Setup setup, Workload workload, long seed) {
        double[] arrivals = arrivals(setup, workload, seed);
        SimulatedCluster cluster = setup.evaluationCluster(workload);
        Limits limits = setup.limits();
        int[] need = new int[arrivals.length];
        for (int t = 0; t < arrivals.length; t++) {
            int serving = limits.min();
            while (serving <= limits.max() && cluster.unhinderedP95Ms(arrivals[t], serving) > setup.sloP95Ms()) {
                serving++;
            }
            need[t] = serving; // limits.max() + 1: no count meets it
        }
        double periods = setup.model().service().startupSeconds() / setup.periodSeconds();
        // A replica asked for at step s is paid for once its start-up has passed by a period's end,
        // and serves a share of the first period that ends after its start-up.
        int paidAfter = Math.max(0, (int) Math.ceil(periods - 1e-9) - 1);
        int servesAfter = (int) Math.floor(periods + 1e-9);
        return new LowerBound.Problem(need, limits.min(), limits, Math.min(setup.safety().maxStep(), limits.max()),
                paidAfter, servesAfter, setup.periodSeconds());
    }

    /**
     * The requests that arrive at each step of {@code workload} with seed {@code seed}, read from a
     * run of the evaluation cluster at its minimum (the arrivals of a seed do not depend on the
     * replicas, nor on the policy: every run draws the same numbers in the same order).
     */
    static double[] arrivals(Setup setup, Workload workload, long seed) {
        return arrivals(setup, workload, seed, new StaticPolicy(setup.limits().min()));
    }

    /** The same, read from a run of {@code agent}. */
    static double[] arrivals(Setup setup, Workload workload, long seed, Agent agent) {
        SimulatedCluster cluster = setup.evaluationCluster(workload);
        Rollout rollout = setup.rollout(cluster, agent, setup.reward(AgentKind.STATIC), workload.steps(), false,
                setup.safety());
        rollout.reset(seed);
        double[] arrivals = new double[workload.steps()];
        for (int t = 0; t < arrivals.length; t++) {
            rollout.step();
            arrivals[t] = cluster.lastArrivals();
        }
        return arrivals;
    }
}
