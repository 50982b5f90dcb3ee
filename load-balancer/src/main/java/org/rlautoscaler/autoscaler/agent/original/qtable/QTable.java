package org.rlautoscaler.autoscaler.agent.original.qtable;

/**
 * A tabular Q-function: one value and one visit count per (state, action). States are the rows
 * of a {@link StateEncoding}. Ties between best actions go to the lowest column, as numpy's
 * {@code argmax} in the originals.
 */
public final class QTable {
    private final String agent;
    private final StateEncoding encoding;
    private final int actions;
    private final double[] values;
    private final long[] visits;

    public QTable(String agent, StateEncoding encoding) {
        this(agent, encoding, new double[encoding.states() * encoding.actions().size()],
                new long[encoding.states() * encoding.actions().size()]);
    }

    /** A table with these values and visit counts, in row order (state by state, action by action). */
    public QTable(String agent, StateEncoding encoding, double[] values, long[] visits) {
        this.agent = agent;
        this.encoding = encoding;
        this.actions = encoding.actions().size();
        if (values.length != encoding.states() * actions || visits.length != values.length) {
            throw new IllegalArgumentException("a table of " + encoding.states() + " states and " + actions
                    + " actions has " + encoding.states() * actions + " values, not " + values.length);
        }
        this.values = values;
        this.visits = visits;
    }

    public String agent() {
        return agent;
    }

    public StateEncoding encoding() {
        return encoding;
    }

    public double get(int state, int action) {
        return values[state * actions + action];
    }

    public void set(int state, int action, double value) {
        values[state * actions + action] = value;
        visits[state * actions + action]++;
    }

    public long visits(int state, int action) {
        return visits[state * actions + action];
    }

    /** The best action of a state (lowest column on ties). */
    public int bestAction(int state) {
        int base = state * actions;
        int best = 0;
        for (int a = 1; a < actions; a++) {
            if (values[base + a] > values[base + best]) {
                best = a;
            }
        }
        return best;
    }

    /**
     * The best action among those visited at least once in a state (lowest column on ties), or
     * -1 when none was: an untried action's 0 says nothing about it.
     */
    public int bestVisitedAction(int state) {
        return bestVisitedAction(state, 0);
    }

    /** The same among actions {@code from} and above (columns in order); -1 when none of them was tried. */
    public int bestVisitedAction(int state, int from) {
        int base = state * actions;
        int best = -1;
        for (int a = from; a < actions; a++) {
            if (visits[base + a] > 0 && (best < 0 || values[base + a] > values[base + best])) {
                best = a;
            }
        }
        return best;
    }

    /** The best value of a state. */
    public double max(int state) {
        return get(state, bestAction(state));
    }

    /** Values in row order (state by state, action by action): a copy. */
    public double[] values() {
        return values.clone();
    }

    /** Visit counts in row order: a copy. */
    public long[] visits() {
        return visits.clone();
    }

    /** Entries visited at least once. */
    public long visitedEntries() {
        long visited = 0;
        for (long count : visits) {
            if (count > 0) {
                visited++;
            }
        }
        return visited;
    }

    public int size() {
        return values.length;
    }

    /** Copies another table's values and visits into this one (same encoding). */
    public void copyFrom(QTable other) {
        System.arraycopy(other.values, 0, values, 0, values.length);
        System.arraycopy(other.visits, 0, visits, 0, visits.length);
    }
}
