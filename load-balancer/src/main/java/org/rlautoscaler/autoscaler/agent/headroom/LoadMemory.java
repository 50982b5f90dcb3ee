package org.rlautoscaler.autoscaler.agent.headroom;

import org.rlautoscaler.autoscaler.env.Observation;

/**
 * What {@code qlearning} remembers of the load it has seen: the load of the last periods, in
 * replicas' worth of CPU ({@code utilisation x running replicas}: 2.4 is what 2.4 fully busy
 * replicas would do), its smoothed level, and how much it jumps from one period to the next.
 */
final class LoadMemory {
    /** Weight of the newest squared change in the volatility (about the last 7 periods count). */
    private static final double VOLATILITY_WEIGHT = 0.15;
    /** Weight of the newest load in the level (about the last 20 periods count). */
    private static final double LEVEL_WEIGHT = 0.05;

    private final double[] loads = new double[Headroom.LONGEST_WINDOW];
    private int seen;
    private int peakWindow = -1;
    private int peakSeen = -1;
    private double peakValue;
    private double level = Double.NaN;
    private double squaredChange;

    /** Load in replicas' worth of CPU; a replica at least is counted, so that an idle service is not a zero. */
    static double load(Observation o) {
        return Math.max(1e-3, o.replicaCpuUtilisation() * Math.max(1, o.runningReplicas()));
    }

    void observe(Observation o) {
        double load = load(o);
        if (seen > 0) {
            double change = load / Math.max(last(), 1e-3) - 1;
            squaredChange = (1 - VOLATILITY_WEIGHT) * squaredChange + VOLATILITY_WEIGHT * change * change;
        }
        level = Double.isNaN(level) ? load : (1 - LEVEL_WEIGHT) * level + LEVEL_WEIGHT * load;
        loads[seen % loads.length] = load;
        seen++;
    }

    void forget() {
        seen = 0;
        peakSeen = -1;
        level = Double.NaN;
        squaredChange = 0;
    }

    /** Periods observed since the last {@link #forget}. */
    int seen() {
        return seen;
    }

    /** The newest load. */
    double last() {
        return loads[(seen - 1) % loads.length];
    }

    /** The highest load of the last {@code window} periods (fewer when fewer were seen). */
    double peak(int window) {
        if (window == peakWindow && seen == peakSeen) {
            return peakValue; // asked again for the same periods: every rung of the ladder asks
        }
        double peak = 0;
        for (int i = 1; i <= Math.min(window, Math.min(seen, loads.length)); i++) {
            peak = Math.max(peak, loads[(seen - i) % loads.length]);
        }
        peakWindow = window;
        peakSeen = seen;
        peakValue = peak;
        return peak;
    }

    /** Typical relative change from one period to the next (0.05: the load moves by about 5 %). */
    double volatility() {
        return Math.sqrt(squaredChange);
    }

    /** How far the newest load is above (positive) or below its smoothed level, relative to it. */
    double trend() {
        return Double.isNaN(level) ? 0 : last() / Math.max(level, 1e-3) - 1;
    }
}
