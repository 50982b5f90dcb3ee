package org.rlautoscaler.autoscaler.metrics;

/**
 * A sample mean with the half-width of its two-sided 95 % confidence interval (Student's t):
 * t<sub>0.975, n−1</sub> × s / √n, s the sample standard deviation.
 *
 * @param mean      the sample mean, in the values' unit
 * @param halfWidth the half-width, in the values' unit; NaN for a single value
 * @param n         how many values
 */
public record Interval(double mean, double halfWidth, int n) {

    /**
     * @throws IllegalArgumentException if there is no value
     */
    public static Interval of(double[] values) {
        int n = values.length;
        if (n == 0) {
            throw new IllegalArgumentException("a confidence interval needs at least 1 value, found 0");
        }
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        double mean = sum / n;
        if (n == 1) {
            return new Interval(mean, Double.NaN, 1);
        }
        double squares = 0;
        for (double v : values) {
            squares += (v - mean) * (v - mean);
        }
        double sd = Math.sqrt(squares / (n - 1));
        return new Interval(mean, StudentT.quantile975(n - 1) * sd / Math.sqrt(n), n);
    }
}
