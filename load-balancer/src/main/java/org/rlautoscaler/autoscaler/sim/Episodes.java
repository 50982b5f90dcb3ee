package org.rlautoscaler.autoscaler.sim;

import java.util.SplittableRandom;

/** Where the simulated cluster's episodes come from: their load and the replicas they start with. */
public interface Episodes {
    /**
     * One episode.
     *
     * @param ratePerStep     arrival rate of each step, requests per second; the simulation goes
     *                        round to the start after the last step (and the oracle looks ahead)
     * @param initialReplicas replicas running, warm, when the episode starts
     */
    record Episode(double[] ratePerStep, int initialReplicas) {}

    /** The next episode, drawn with {@code random} when it varies. */
    Episode next(SplittableRandom random);

    /** The same workload every time, from its first step, with {@code initialReplicas} replicas: an evaluation. */
    static Episodes fixed(Workload workload, int initialReplicas) {
        Episode episode = new Episode(workload.ratePerStep(), initialReplicas);
        return random -> episode;
    }
}
