package org.rlautoscaler.autoscaler.agent;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.rlautoscaler.autoscaler.env.Observation;

/**
 * Decides how many replicas a service should have, from what it observes: the learning agents
 * and the rules they are compared with alike, so that all of them run in the same rollout loop
 * offline and live. Shaped after a Gymnasium/CleanRL agent: {@link #act} on an observation,
 * {@link #learn} from a transition, {@link #save} and {@link #load} what was learnt. A rule
 * learns nothing and keeps the defaults.
 */
public interface Agent {
    /** Its name, as given on the command line. */
    String name();

    /**
     * True when the observation has every metric this agent decides from; otherwise the safety
     * chain holds. By default every metric is needed.
     */
    default boolean canDecide(Observation observation) {
        return observation.complete();
    }

    /** The replicas wanted after seeing {@code observation}. */
    Decision act(Observation observation);

    /**
     * Learns from one step; the transition says whether the safety chain changed the decision.
     * Rules ignore it.
     */
    default void learn(Transition transition) {}

    /** Updates of what it learnt so far (0 for a rule): a step that moved it moved this count. */
    default long updates() {
        return 0;
    }

    /** A new episode starts (an agent with memory forgets it). */
    default void startEpisode() {}

    /** True for an agent that learns, explores, and has something to {@link #save}. */
    default boolean learns() {
        return false;
    }

    /**
     * Training or learning online ({@code true}: explores and learns), or acting greedily on what
     * it learnt without changing it ({@code false}). Rules ignore it.
     */
    default void setLearning(boolean learning) {}

    /** Its learning figures now, for logs, plots and metrics; {@link LearningStatus#NONE} for a rule. */
    default LearningStatus status() {
        return LearningStatus.NONE;
    }

    /**
     * What it made of the observation it last acted on, and what it expects of each action there,
     * for people; empty for a rule, and before it first acted or when it could not decide.
     */
    default Optional<Insight> insight() {
        return Optional.empty();
    }

    /** The file it saves to in a weights directory: {@code NAME-qtable.json}. */
    default String fileName() {
        return name() + "-qtable.json";
    }

    /** Saves what it learnt, atomically (a crash leaves the old file or the new one). */
    default void save(Path file) throws IOException {
        throw new UnsupportedOperationException(name() + " learns nothing and has nothing to save");
    }

    /**
     * Replaces what it learnt by what {@code file} holds.
     *
     * @throws AgentFileException saying why the file cannot be used
     */
    default void load(Path file) throws AgentFileException {
        throw new UnsupportedOperationException(name() + " learns nothing and has nothing to load");
    }
}
