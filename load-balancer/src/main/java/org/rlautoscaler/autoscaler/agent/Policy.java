package org.rlautoscaler.autoscaler.agent;

import org.rlautoscaler.autoscaler.env.Observation;

/**
 * Decides how many replicas a service should have, from what it observes. The learning agents
 * and the baselines share it, so that they run in the same environment and the same loop.
 */
public interface Policy {
    /** Its name, as given on the command line. */
    String name();

    /**
     * True when the observation has every metric this policy decides from; otherwise the safety
     * chain holds. By default every metric is needed.
     */
    default boolean canDecide(Observation observation) {
        return observation.complete();
    }

    /** The replicas wanted after seeing {@code observation}. */
    Decision decide(Observation observation);

    /** Learns from one step; baselines ignore it. */
    default void learn(Observation before, Decision decision, double reward, Observation after) {}

    /** A new episode starts (a policy with memory forgets it). */
    default void startEpisode() {}
}
