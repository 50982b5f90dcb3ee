package org.rlautoscaler.autoscaler.agent.headroom;

import java.util.List;
import java.util.Locale;

/**
 * The state {@code qlearning} learns in: what kind of traffic the service is under, in terms that
 * carry over from one service and one trace to another (no raw request rate, no replica count
 * beyond the few where rounding to whole replicas matters):
 * <ul>
 *   <li>size: the load in replicas' worth of CPU, below 0.8 (one replica is plenty), 0.8-2.5,
 *       2.5-5, 5 or more;</li>
 *   <li>volatility: the typical change of the load from one period to the next, under 2 %, 2-4 %,
 *       4-8 %, 8-15 %, 15 % or more;</li>
 *   <li>trend: the newest load against its smoothed level, falling (under -10 %), flat, rising
 *       (over +10 %);</li>
 *   <li>stress: p95 latency under 0.8 times the objective, or at or above it.</li>
 * </ul>
 */
final class Regime {
    static final double[] SIZE = {0.8, 2.5, 5};
    static final double[] VOLATILITY = {0.02, 0.04, 0.08, 0.15};
    static final double[] TREND = {-0.1, 0.1};
    static final double[] STRESS = {0.8};
    /** Every dimension's band edges, most significant first: what a saved agent must match. */
    static final List<double[]> DIMENSIONS = List.of(SIZE, VOLATILITY, TREND, STRESS);
    static final int COUNT = (SIZE.length + 1) * (VOLATILITY.length + 1) * (TREND.length + 1) * (STRESS.length + 1);

    private static final String[] SIZES = {"under 0.8", "0.8-2.5", "2.5-5", "5 or more"};
    private static final String[] VOLATILITIES = {"under 2 %", "2-4 %", "4-8 %", "8-15 %", "15 % or more"};
    private static final String[] TRENDS = {"falling", "flat", "rising"};
    private static final String[] STRESSES = {"p95 under 0.8 x objective", "p95 0.8 x objective or more"};

    private Regime() {}

    /** The regime's index (0 to {@link #COUNT} - 1). */
    static int of(LoadMemory memory, double p95Ms, double sloP95Ms) {
        int s = band(memory.last(), SIZE);
        s = s * (VOLATILITY.length + 1) + band(memory.volatility(), VOLATILITY);
        s = s * (TREND.length + 1) + band(memory.trend(), TREND);
        return s * (STRESS.length + 1) + band(p95Ms / sloP95Ms, STRESS);
    }

    /** A regime in words, for the log: "load 2.5-5 replicas, volatility 2-4 %, flat, p95 under 0.8 x objective". */
    static String describe(int regime) {
        int stress = regime % (STRESS.length + 1);
        regime /= STRESS.length + 1;
        int trend = regime % (TREND.length + 1);
        regime /= TREND.length + 1;
        int volatility = regime % (VOLATILITY.length + 1);
        int size = regime / (VOLATILITY.length + 1);
        return String.format(Locale.ROOT, "load %s replicas, volatility %s, %s, %s", SIZES[size], VOLATILITIES[volatility],
                TRENDS[trend], STRESSES[stress]);
    }

    static int band(double value, double[] edges) {
        int band = 0;
        while (band < edges.length && value >= edges[band]) {
            band++;
        }
        return band;
    }
}
