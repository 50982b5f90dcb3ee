package org.rlautoscaler.autoscaler.math;

import java.util.Arrays;

/** Small statistics shared by the calibration and the live comparison. */
public final class Stats {
    private Stats() {}

    /** The median of {@code values} (the mean of the two middle ones for an even count); NaN for none. */
    public static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n == 0 ? Double.NaN : n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
