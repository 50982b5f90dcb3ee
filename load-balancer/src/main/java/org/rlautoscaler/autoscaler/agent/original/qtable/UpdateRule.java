package org.rlautoscaler.autoscaler.agent.original.qtable;

/**
 * Where the Q-learning update {@code (1 - alpha) old + alpha (reward + gamma next)} takes its old
 * value and its next maximum from.
 */
public enum UpdateRule {
    /** Q(state, action) and max Q(next state, .): the textbook update. */
    TEXTBOOK,
    /**
     * Q(state, action), and the next state's maximum truncated toward zero, as the latency
     * original's {@code find_best_q_value} returns it ({@code int(options.max(axis=1))}).
     */
    TRUNCATED_NEXT_MAX,
    /**
     * The latency original's {@code new_q_value} to the letter: the old value is the state's row
     * maximum, not Q(state, action), and both it and the next maximum are truncated toward zero.
     */
    ORIGINAL_ROW_MAX;

    /** The old value of Q(state, action) in the update. */
    double old(QTable table, int state, int action) {
        return this == ORIGINAL_ROW_MAX ? truncate(table.max(state)) : table.get(state, action);
    }

    /** The value of the next state in the update. */
    double nextMax(QTable table, int nextState) {
        return this == TEXTBOOK ? table.max(nextState) : truncate(table.max(nextState));
    }

    /** Python's {@code int()} of a float: toward zero ({@code int(-1.94)} is -1). */
    static double truncate(double value) {
        return value < 0 ? Math.ceil(value) : Math.floor(value);
    }
}
