package org.rlautoscaler.autoscaler.reward;

import org.rlautoscaler.autoscaler.env.Observation;
import org.rlautoscaler.autoscaler.env.RewardFunction;

/**
 * The reward of the {@code qlearning} agent: meeting the latency objective matters most,
 * replicas cost, and changes cost a little (each one disturbs the service).
 *
 * <pre>
 * reward = - violation - replicaCost * replicas / maxReplicas - changeCost * |replicas - before|
 * violation = 0 while p95 <= SLO, else sloPenalty * (1 + min(p95 / SLO - 1, 2))
 * </pre>
 *
 * With the defaults (sloPenalty 10, replicaCost 2, changeCost 0.3), a violated step costs 10 to
 * 30, far more than running every replica (2): the agent learns to add replicas before it
 * violates the objective, and to remove them when it safely can.
 */
public record SloCostReward(double sloP95Ms, int maxReplicas, double sloPenalty, double replicaCost,
                            double changeCost) implements RewardFunction {

    public static SloCostReward defaults(double sloP95Ms, int maxReplicas) {
        return new SloCostReward(sloP95Ms, maxReplicas, 10, 2, 0.3);
    }

    @Override
    public double reward(Observation before, int desiredReplicas, Observation after) {
        return -sloPenalty * violation(after) - cost(desiredReplicas, before.desiredReplicas());
    }

    /** How badly {@code after} misses the objective: 0 while p95 is within it, else 1 + the excess, up to 3. */
    public double violation(Observation after) {
        double p95 = after.p95LatencyMs();
        return Double.isNaN(p95) || p95 <= sloP95Ms ? 0 : 1 + Math.min(p95 / sloP95Ms - 1, 2);
    }

    /** What running {@code replicas} for a period costs, and changing to them from {@code before}. */
    public double cost(int replicas, int before) {
        return replicaCost * replicas / maxReplicas + changeCost * Math.abs(replicas - before);
    }

}
