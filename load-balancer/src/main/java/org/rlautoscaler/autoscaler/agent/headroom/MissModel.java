package org.rlautoscaler.autoscaler.agent.headroom;

import org.rlautoscaler.autoscaler.math.Isotonic;

/**
 * What {@code qlearning} learns of the service itself: how likely a period is to miss the latency
 * objective at a given CPU utilisation per replica. Counted in bins of 2.5 % of utilisation from
 * what it observes, and read as a curve that never falls as utilisation rises (pool-adjacent-
 * violators) over the bins where periods were seen, each counted with one miss and one success
 * more than it saw (so that one period is not a certainty); a bin never seen takes the value of
 * the nearest seen bin below it (or above, at the bottom); with nothing seen at all, one half. It is
 * the model its planning uses: what another rung would have risked on the load that came.
 */
final class MissModel {
    static final int BINS = 48; // 0 to 1.2 in steps of 0.025; beyond, the last bin
    private static final double WIDTH = 0.025;

    final double[] periods = new double[BINS];
    final double[] misses = new double[BINS];
    /** Observations between two fits of the curve: it moves little from one period to the next. */
    static final int REFIT_EVERY = 64;
    private final double[] curve = new double[BINS];
    private boolean stale = true;
    private int sinceFit;

    void observe(double utilisation, boolean missed) {
        int bin = bin(utilisation);
        periods[bin]++;
        misses[bin] += missed ? 1 : 0;
        if (++sinceFit >= REFIT_EVERY) {
            stale = true;
        }
    }

    /** The chance that a period at {@code utilisation} misses the objective (the curve as last fitted). */
    double missChance(double utilisation) {
        if (stale) {
            fit();
        }
        return curve[bin(utilisation)];
    }

    private static int bin(double utilisation) {
        return Math.max(0, Math.min(BINS - 1, (int) (utilisation / WIDTH)));
    }

    /** Isotonic regression of the shares of the seen bins, weighted by periods; unseen bins from their neighbours. */
    private void fit() {
        int seen = 0;
        double[] shares = new double[BINS];
        double[] weights = new double[BINS];
        for (int b = 0; b < BINS; b++) {
            if (periods[b] > 0) {
                shares[seen] = (misses[b] + 1) / (periods[b] + 2);
                weights[seen] = periods[b] + 2;
                seen++;
            }
        }
        double[] fitted = Isotonic.increasing(java.util.Arrays.copyOf(shares, seen), java.util.Arrays.copyOf(weights, seen));
        java.util.Arrays.fill(curve, Double.NaN);
        int k = 0;
        for (int b = 0; b < BINS; b++) {
            if (periods[b] > 0) {
                curve[b] = fitted[k++];
            }
        }
        double below = Double.NaN;
        for (int b = 0; b < BINS; b++) { // an unseen bin: the nearest seen one below
            if (Double.isNaN(curve[b])) {
                curve[b] = below;
            } else {
                below = curve[b];
            }
        }
        double above = 0.5;
        for (int b = BINS - 1; b >= 0; b--) { // at the bottom: the nearest seen one above
            if (Double.isNaN(curve[b])) {
                curve[b] = above;
            } else {
                above = curve[b];
            }
        }
        stale = false;
        sinceFit = 0;
    }

    void restore(double[] savedPeriods, double[] savedMisses) {
        System.arraycopy(savedPeriods, 0, periods, 0, BINS);
        System.arraycopy(savedMisses, 0, misses, 0, BINS);
        stale = true;
    }
}
