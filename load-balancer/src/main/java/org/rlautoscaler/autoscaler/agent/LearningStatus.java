package org.rlautoscaler.autoscaler.agent;

/**
 * How a learning agent is doing, for logs, plots and the autoscaler's metrics.
 *
 * @param epsilon           chance of a random action now (0 when acting greedily)
 * @param meanSquaredError  mean squared error of its values against their latest targets (the
 *                          originals' {@code calculate_mse}); NaN before any update
 * @param parameters        values it learns (Q-table entries, or weights)
 * @param visitedParameters of those, how many were updated at least once
 * @param updates           updates made so far
 * @param lastValue         Q(state, action) of the last step learnt from, NaN when the last step
 *                          was not learnt from
 */
public record LearningStatus(double epsilon, double meanSquaredError, long parameters, long visitedParameters,
                             long updates, double lastValue) {
    /** A rule's: learns nothing. */
    public static final LearningStatus NONE = new LearningStatus(0, Double.NaN, 0, 0, 0, Double.NaN);
}
