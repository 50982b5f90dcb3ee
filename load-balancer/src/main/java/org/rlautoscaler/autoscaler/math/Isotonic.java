package org.rlautoscaler.autoscaler.math;

/**
 * Isotonic regression (pool adjacent violators): the non-decreasing sequence closest to the
 * given values in weighted least squares. Neighbours that break the order are replaced by their
 * weighted mean until none does.
 */
public final class Isotonic {
    private Isotonic() {}

    /** The fitted values, one per value given, non-decreasing; {@code weights} as many, above 0. */
    public static double[] increasing(double[] values, double[] weights) {
        int n = values.length;
        double[] value = new double[n];
        double[] weight = new double[n];
        int[] size = new int[n];
        int blocks = 0;
        for (int i = 0; i < n; i++) {
            value[blocks] = values[i];
            weight[blocks] = weights[i];
            size[blocks] = 1;
            blocks++;
            while (blocks > 1 && value[blocks - 2] > value[blocks - 1]) {
                double w = weight[blocks - 2] + weight[blocks - 1];
                value[blocks - 2] = (value[blocks - 2] * weight[blocks - 2] + value[blocks - 1] * weight[blocks - 1]) / w;
                weight[blocks - 2] = w;
                size[blocks - 2] += size[blocks - 1];
                blocks--;
            }
        }
        double[] fitted = new double[n];
        int i = 0;
        for (int block = 0; block < blocks; block++) {
            for (int k = 0; k < size[block]; k++) {
                fitted[i++] = value[block];
            }
        }
        return fitted;
    }

    /** The same with every value of weight 1. */
    public static double[] increasing(double[] values) {
        double[] ones = new double[values.length];
        java.util.Arrays.fill(ones, 1);
        return increasing(values, ones);
    }
}
