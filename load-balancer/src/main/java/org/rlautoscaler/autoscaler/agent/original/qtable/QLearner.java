package org.rlautoscaler.autoscaler.agent.original.qtable;

import java.util.SplittableRandom;
import org.rlautoscaler.autoscaler.agent.Hyperparameters;

/**
 * Epsilon-greedy action selection and the Q-learning update on a {@link QTable}:
 * {@code Q(s,a) <- (1 - alpha) Q(s,a) + alpha (reward + gamma max_a' Q(s',a'))}, or the latency
 * original's variants of it ({@link UpdateRule}).
 *
 * <p>It also tracks the original's {@code calculate_mse}: the mean squared error between the
 * Q-values and their latest targets, kept up to date in constant time per update.
 */
public final class QLearner {
    private final QTable table;
    private final Hyperparameters parameters;
    private final UpdateRule rule;
    private final double[] targets;
    private final SplittableRandom random;
    private boolean exploring = true;
    private long episodes;
    private double squaredErrorSum;
    private long updates;

    public QLearner(QTable table, Hyperparameters parameters, long seed) {
        this(table, parameters, UpdateRule.TEXTBOOK, seed);
    }

    /** A learner whose update takes its old value and next maximum as {@code rule} says. */
    public QLearner(QTable table, Hyperparameters parameters, UpdateRule rule, long seed) {
        this.table = table;
        this.parameters = parameters;
        this.rule = rule;
        this.targets = new double[table.size()];
        this.random = new SplittableRandom(seed);
    }

    public QTable table() {
        return table;
    }

    public Hyperparameters parameters() {
        return parameters;
    }

    public UpdateRule rule() {
        return rule;
    }

    /** Continues counting updates from a saved table's count (a restart keeps the count). */
    public void resumeUpdates(long saved) {
        if (saved < 0) {
            throw new IllegalArgumentException("a saved update count is 0 or more, got " + saved);
        }
        this.updates = saved;
    }

    /** Explore (epsilon-greedy, and learn) or act greedily without learning (validation). */
    public void exploring(boolean exploring) {
        this.exploring = exploring;
    }

    public boolean exploring() {
        return exploring;
    }

    /** Counts an episode, for the epsilon decay. */
    public void episodeEnded() {
        episodes++;
    }

    public double epsilon() {
        return exploring ? parameters.epsilonAfter(episodes) : 0;
    }

    /**
     * With probability epsilon while exploring, a uniformly random action; otherwise -1, for the
     * caller to act greedily by its own rule.
     */
    public int randomAction() {
        if (exploring && random.nextDouble() < epsilon()) {
            return random.nextInt(table.encoding().actions().size());
        }
        return -1;
    }

    /**
     * The update of Q(state, action) by the learner's {@link UpdateRule} (the textbook one unless
     * told otherwise); returns its new value. Does nothing, and returns the current value, while
     * not exploring.
     */
    public double update(int state, int action, double reward, int nextState) {
        double current = table.get(state, action);
        if (!exploring) {
            return current;
        }
        // The original's arithmetic and order: (1 - alpha) * old_value + alpha * (reward + gamma * next_max).
        double target = reward + parameters.gamma() * rule.nextMax(table, nextState);
        double value = (1 - parameters.alpha()) * rule.old(table, state, action) + parameters.alpha() * target;
        int index = state * table.encoding().actions().size() + action;
        squaredErrorSum -= square(current - targets[index]);
        table.set(state, action, value);
        targets[index] = target;
        squaredErrorSum += square(value - target);
        updates++;
        return value;
    }

    /** Mean over every entry of (Q - target)^2, the original's {@code calculate_mse}. */
    public double meanSquaredError() {
        return Math.max(0, squaredErrorSum) / table.size();
    }

    public long updates() {
        return updates;
    }

    private static double square(double x) {
        return x * x;
    }
}
