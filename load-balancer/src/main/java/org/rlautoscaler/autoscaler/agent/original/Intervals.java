package org.rlautoscaler.autoscaler.agent.original;

import java.util.ArrayList;
import java.util.List;

/**
 * Closed intervals of whole numbers, as the latency autoscaler's {@code generate_intervals}:
 * {@code (0, initial)}, then each next one from the previous end + 1, {@code initial} wide.
 *
 * @param bounds each interval as {lower, upper}, both included
 */
public record Intervals(List<long[]> bounds) {

    /** {@code generate_intervals(initial, size)}: (0, 500), (501, 1000), (1001, 1500), ... */
    public static Intervals generate(long initial, int size) {
        if (initial < 1 || size < 1) {
            throw new IllegalArgumentException("intervals need a width of 1 or more and a count of 1 or more, got "
                    + initial + " and " + size);
        }
        List<long[]> bounds = new ArrayList<>();
        bounds.add(new long[] {0, initial});
        for (int i = 1; i < size; i++) {
            long previousEnd = bounds.getLast()[1];
            bounds.add(new long[] {previousEnd + 1, previousEnd + initial});
        }
        return new Intervals(List.copyOf(bounds));
    }

    public int size() {
        return bounds.size();
    }

    /** The interval holding {@code value}; below the first: the first; beyond the last: the last. */
    public int indexOf(long value) {
        for (int i = 0; i < bounds.size(); i++) {
            if (value <= bounds.get(i)[1]) {
                return i;
            }
        }
        return bounds.size() - 1;
    }
}
