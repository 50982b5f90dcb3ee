package org.rlautoscaler.autoscaler.env;

/** Judges one step: the observation before, the replicas asked for, the observation after. */
@FunctionalInterface
public interface RewardFunction {
    double reward(Observation before, int desiredReplicas, Observation after);
}
