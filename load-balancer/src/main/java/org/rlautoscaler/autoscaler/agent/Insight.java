package org.rlautoscaler.autoscaler.agent;

import java.util.List;

/**
 * What a learning agent made of the observation it last acted on, for people (the agent's page):
 * its state in words, and what it expects of each action in that state, the one it took marked.
 *
 * @param state   the state, in words
 * @param meaning what the values are, in words (higher is better for every agent)
 * @param actions every action, in the agent's order
 * @param chosen  the index in {@code actions} of the action it took (explored or best)
 */
public record Insight(String state, String meaning, List<ActionValue> actions, int chosen) {
    /**
     * One action and what the agent expects of it.
     *
     * @param action the action's name
     * @param value  what the agent expects of it (NaN: never tried in this state)
     * @param detail what the value is made of, in words (may be empty)
     */
    public record ActionValue(String action, double value, String detail) {}

    public Insight {
        actions = List.copyOf(actions);
        if (chosen < 0 || chosen >= actions.size()) {
            throw new IllegalArgumentException("chosen must be an index of the " + actions.size() + " actions, got " + chosen);
        }
    }

    /** The name of the action it took. */
    public String chosenAction() {
        return actions.get(chosen).action();
    }
}
