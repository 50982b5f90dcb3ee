package org.rlautoscaler.autoscaler.agent;

/**
 * What only a simulation knows: the load to come. The oracle alone is given it, so that no
 * other agent can read the future.
 */
public interface FutureLoad {
    /** Arrival rate of the step {@code ahead} steps after the coming one (0: the coming one), requests per second. */
    double upcomingRate(int ahead);

    /** Replicas that meet the objective at {@code rate}: the demand. */
    int replicasNeeded(double rate);
}
