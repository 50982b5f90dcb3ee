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
    static final double WIDTH = 0.025;

    final double[] periods = new double[BINS];
    final double[] misses = new double[BINS];
    /** Observations between two fits of the curve: it moves little from one period to the next. */
    static final int REFIT_EVERY = 64;
    private final double[] curve = new double[BINS];
    private boolean stale = true;
    private int sinceFit;

    /**
     * Acting on a service: the curve learnt before (in training), the shift that fits what this
     * service shows best, and what it showed, bin by bin, the older periods fading.
     */
    private double[] prior;
    private double priorWeight;
    private double memory;
    private final double[] recentPeriods = new double[BINS];
    private final double[] recentMisses = new double[BINS];
    private int shift;

    /**
     * From now on the curve is the one learnt so far, shifted along the utilisation axis by as
     * many bins as fits best what the service shows (this service may tolerate more, or less,
     * than the one it was learnt on: the shape of the curve carries over, its place need not),
     * counted as {@code priorWeight} periods in each bin against what the bin itself shows, of
     * which it remembers {@code memory} periods, the older weighing less. The shift reaches bins
     * that the service has not shown: more headroom than it runs, or less.
     */
    void adaptFrom(double priorWeight, double memory) {
        prior = null;
        stale = true;
        if (java.util.Arrays.stream(periods).sum() == 0) {
            return; // nothing learnt before: it learns from the service alone, as in training
        }
        fit();
        this.prior = curve.clone();
        this.priorWeight = priorWeight;
        this.memory = memory;
        java.util.Arrays.fill(recentPeriods, 0);
        java.util.Arrays.fill(recentMisses, 0);
        shift = 0;
        stale = true; // fitted anew, shifted, when first read
    }

    /** Bins the prior curve is moved up the utilisation axis by (negative: down), as last fitted. */
    int shift() {
        if (stale) {
            fit();
        }
        return shift;
    }

    void observe(double utilisation, boolean missed) {
        int bin = bin(utilisation);
        periods[bin]++;
        misses[bin] += missed ? 1 : 0;
        if (prior != null) {
            if (recentPeriods[bin] >= memory) {
                double keep = (memory - 1) / recentPeriods[bin];
                recentPeriods[bin] *= keep;
                recentMisses[bin] *= keep;
            }
            recentPeriods[bin]++;
            recentMisses[bin] += missed ? 1 : 0;
        }
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

    /** Largest shift tried, in bins each way (0.3 of utilisation). */
    static final int MAX_SHIFT = 12;
    /** The log-likelihood a shift of k bins must gain over none, times k squared: small shifts are preferred. */
    private static final double SHIFT_PENALTY = 0.05;

    private void fit() {
        if (prior == null) {
            fitCounts();
        } else {
            fitShifted();
        }
        stale = false;
        sinceFit = 0;
    }

    /**
     * The shift of the prior curve that best explains the recent periods (greatest likelihood,
     * less a penalty on its size), then in each bin the recent share weighed against the shifted
     * prior's as {@code priorWeight} periods, made non-decreasing.
     */
    private void fitShifted() {
        double best = Double.NEGATIVE_INFINITY;
        int chosen = 0;
        for (int k = 0; k <= 2 * MAX_SHIFT; k++) {
            int candidate = (k + 1) / 2 * (k % 2 == 1 ? 1 : -1); // 0, 1, -1, 2, -2, ...
            double likelihood = -SHIFT_PENALTY * candidate * candidate;
            for (int b = 0; b < BINS; b++) {
                if (recentPeriods[b] > 0) {
                    double p = Math.max(1e-3, Math.min(1 - 1e-3, shifted(b, candidate)));
                    likelihood += recentMisses[b] * Math.log(p) + (recentPeriods[b] - recentMisses[b]) * Math.log(1 - p);
                }
            }
            if (likelihood > best + 1e-12) {
                best = likelihood;
                chosen = candidate;
            }
        }
        shift = chosen;
        double[] shares = new double[BINS];
        double[] weights = new double[BINS];
        for (int b = 0; b < BINS; b++) {
            weights[b] = recentPeriods[b] + priorWeight;
            shares[b] = (recentMisses[b] + priorWeight * shifted(b, shift)) / weights[b];
        }
        System.arraycopy(Isotonic.increasing(shares, weights), 0, curve, 0, BINS);
    }

    /** The prior curve moved {@code k} bins up the utilisation axis, read at bin {@code b}. */
    private double shifted(int b, int k) {
        return prior[Math.max(0, Math.min(BINS - 1, b - k))];
    }

    /** Isotonic regression of the shares of the seen bins, weighted by periods; unseen bins from their neighbours. */
    private void fitCounts() {
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
    }

    void restore(double[] savedPeriods, double[] savedMisses) {
        prior = null;
        System.arraycopy(savedPeriods, 0, periods, 0, BINS);
        System.arraycopy(savedMisses, 0, misses, 0, BINS);
        stale = true;
    }
}
