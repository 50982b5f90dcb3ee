package org.rlautoscaler.autoscaler.agent;

/**
 * The learning settings of a tabular Q-learning agent.
 *
 * @param alpha        learning rate, 0 to 1
 * @param gamma        discount of future rewards, 0 to 1
 * @param epsilon      chance of a random action while exploring, at the start, 0 to 1
 * @param epsilonMin   the lowest epsilon decay reaches
 * @param epsilonDecay epsilon is multiplied by this after each episode (1: constant)
 */
public record Hyperparameters(double alpha, double gamma, double epsilon, double epsilonMin, double epsilonDecay) {
    public Hyperparameters {
        check("alpha", alpha);
        check("gamma", gamma);
        check("epsilon", epsilon);
        check("epsilonMin", epsilonMin);
        check("epsilonDecay", epsilonDecay);
    }

    private static void check(String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be from 0 to 1, got " + value);
        }
    }

    /** Constant epsilon, as both originals. */
    public static Hyperparameters constant(double alpha, double gamma, double epsilon) {
        return new Hyperparameters(alpha, gamma, epsilon, epsilon, 1);
    }

    /** Epsilon after {@code episodes} episodes of decay. */
    public double epsilonAfter(long episodes) {
        return Math.max(epsilonMin, epsilon * Math.pow(epsilonDecay, episodes));
    }
}
