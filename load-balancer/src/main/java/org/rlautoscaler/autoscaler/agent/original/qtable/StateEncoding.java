package org.rlautoscaler.autoscaler.agent.original.qtable;

import java.util.List;

/**
 * How a Q-table's rows and columns are laid out: the state's dimensions (each a name and a
 * number of values) and the actions. Two tables fit each other only when their encodings are
 * equal.
 *
 * @param dimensions the state's dimensions, most significant first
 * @param actions    the actions' names, in column order
 */
public record StateEncoding(List<Dimension> dimensions, List<String> actions) {

    /** One dimension of the state, for example {@code cpu_bucket} with 2 values. */
    public record Dimension(String name, int size) {
        @Override
        public String toString() {
            return name + "(" + size + ")";
        }
    }

    public StateEncoding {
        dimensions = List.copyOf(dimensions);
        actions = List.copyOf(actions);
    }

    /** Number of states: the product of the dimensions' sizes. */
    public int states() {
        int states = 1;
        for (Dimension dimension : dimensions) {
            states *= dimension.size();
        }
        return states;
    }

    /** The row of a state given one value per dimension. */
    public int index(int... values) {
        int index = 0;
        for (int i = 0; i < values.length; i++) {
            index = index * dimensions.get(i).size() + values[i];
        }
        return index;
    }

    /** The value of each dimension of a state's row: the inverse of {@link #index}. */
    public int[] values(int state) {
        int[] values = new int[dimensions.size()];
        for (int i = values.length - 1; i >= 0; i--) {
            values[i] = state % dimensions.get(i).size();
            state /= dimensions.get(i).size();
        }
        return values;
    }

    /** What differs from {@code other}, in words; empty when they are equal. */
    public String difference(StateEncoding other) {
        StringBuilder differences = new StringBuilder();
        if (!dimensions.equals(other.dimensions)) {
            differences.append("state ").append(describe(dimensions)).append(" instead of ").append(describe(other.dimensions));
        }
        if (!actions.equals(other.actions)) {
            if (!differences.isEmpty()) {
                differences.append("; ");
            }
            differences.append("actions ").append(actions).append(" instead of ").append(other.actions);
        }
        return differences.toString();
    }

    private static String describe(List<Dimension> dimensions) {
        return String.join(" x ", dimensions.stream().map(Dimension::toString).toList());
    }
}
