package org.rlautoscaler.autoscaler.agent.headroom;

import org.rlautoscaler.autoscaler.math.Isotonic;

/**
 * {@code qlearning}'s two Q-tables, one row per {@link Regime}, one column per rung of the
 * {@link Headroom#LADDER}: the cost of running a rung for a period (replicas over the replicas the
 * load needs) and its chance of missing the objective. Kept apart, so that the weight between
 * them is a setting rather than something baked into what was learnt.
 */
final class HeadroomValues {
    final int rungs;
    final double[] cost;
    final double[] slo;
    final long[] visits;
    final double penalty;
    /** The rung chosen in a regime where none was tried. */
    private final int untried;
    long updates;
    private long visited;
    /** Mean squared difference between an outcome and the value it moved, over about the last 1,000. */
    double meanSquaredError = Double.NaN;
    private final int[] best; // the best rung of each regime, -1 until computed again

    /**
     * @param penalty the weight of the SLO table against the cost table when choosing
     * @param untried the rung chosen in a regime where none was tried
     */
    HeadroomValues(int regimes, int rungs, double penalty, int untried) {
        this.rungs = rungs;
        this.penalty = penalty;
        this.untried = untried;
        this.cost = new double[regimes * rungs];
        this.slo = new double[regimes * rungs];
        this.visits = new long[regimes * rungs];
        this.best = new int[regimes];
        java.util.Arrays.fill(best, -1);
    }

    /**
     * Moves the values of a (regime, rung) pair toward one more outcome: their average at first,
     * then a moving average with weight at least {@code minAlpha} on the newest.
     */
    void record(int regime, int rung, double costOutcome, double sloOutcome, double minAlpha) {
        int i = regime * rungs + rung;
        double alpha = Math.max(minAlpha, 1.0 / (1 + visits[i]));
        if (visits[i] > 0) {
            double error = (costOutcome - cost[i]) * (costOutcome - cost[i]) + (sloOutcome - slo[i]) * (sloOutcome - slo[i]);
            meanSquaredError = Double.isNaN(meanSquaredError) ? error : 0.999 * meanSquaredError + 0.001 * error;
        }
        cost[i] += alpha * (costOutcome - cost[i]);
        slo[i] += alpha * (sloOutcome - slo[i]);
        if (visits[i]++ == 0) {
            visited++;
        }
        updates++;
        best[regime] = -1;
    }

    /**
     * The rung of least {@code cost + penalty x slo} among those tried in {@code regime}; the
     * untried one given when none was. Along the ladder the SLO share cannot rise and the cost cannot
     * fall, so the estimates are first made to respect that (pool-adjacent-violators, weighted by
     * visits): what sampling noise or the situations a rung happened to meet would otherwise turn
     * into a preference is smoothed away.
     */
    int best(int regime) {
        if (best[regime] < 0) {
            best[regime] = computeBest(regime);
        }
        return best[regime];
    }

    /** Values changed from outside (a file was loaded): every best rung and the visited count are computed again. */
    void changed() {
        java.util.Arrays.fill(best, -1);
        visited = 0;
        for (long v : visits) {
            visited += v > 0 ? 1 : 0;
        }
    }

    private int computeBest(int regime) {
        double[] v = monotone(slo, regime, false);
        double[] c = monotone(cost, regime, true);
        int best = -1;
        double bestValue = Double.POSITIVE_INFINITY;
        for (int a = 0; a < rungs; a++) {
            if (visits[regime * rungs + a] > 0) {
                double value = c[a] + penalty * v[a];
                if (value < bestValue) {
                    bestValue = value;
                    best = a;
                }
            }
        }
        return best < 0 ? untried : best;
    }

    /** The smoothed values of a regime's tried rungs (untried ones are 0): non-decreasing when {@code increasing}. */
    double[] monotone(double[] table, int regime, boolean increasing) {
        int tried = 0;
        double[] values = new double[rungs];
        double[] weights = new double[rungs];
        for (int a = 0; a < rungs; a++) {
            int i = regime * rungs + a;
            if (visits[i] > 0) {
                values[tried] = increasing ? table[i] : -table[i];
                weights[tried] = visits[i];
                tried++;
            }
        }
        double[] fitted = Isotonic.increasing(java.util.Arrays.copyOf(values, tried), java.util.Arrays.copyOf(weights, tried));
        double[] smoothed = new double[rungs];
        int k = 0;
        for (int a = 0; a < rungs; a++) {
            if (visits[regime * rungs + a] > 0) {
                smoothed[a] = increasing ? fitted[k] : -fitted[k];
                k++;
            }
        }
        return smoothed;
    }

    /** (Regime, rung) pairs updated at least once. */
    long visited() {
        return visited;
    }

    int parameters() {
        return cost.length + slo.length;
    }
}
