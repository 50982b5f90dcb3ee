package org.rlautoscaler.autoscaler.metrics;

/** Quantiles of Student's t distribution, for confidence intervals over a few seeds. */
final class StudentT {
    /** t<sub>0.975, df</sub> for df = 1..30 (index df − 1), to 4 decimals. */
    private static final double[] T975 = {
        12.7062, 4.3027, 3.1824, 2.7764, 2.5706, 2.4469, 2.3646, 2.3060, 2.2622, 2.2281,
        2.2010, 2.1788, 2.1604, 2.1448, 2.1314, 2.1199, 2.1098, 2.1009, 2.0930, 2.0860,
        2.0796, 2.0739, 2.0687, 2.0639, 2.0595, 2.0555, 2.0518, 2.0484, 2.0452, 2.0423,
    };
    /** The normal quantile z<sub>0.975</sub>, used above 30 degrees of freedom. */
    private static final double Z975 = 1.96;

    private StudentT() {
    }

    /**
     * The 0.975 quantile of Student's t with the given degrees of freedom: the factor of the
     * two-sided 95 % confidence interval's half-width.
     *
     * @throws IllegalArgumentException if degreesOfFreedom is below 1
     */
    static double quantile975(int degreesOfFreedom) {
        if (degreesOfFreedom < 1) {
            throw new IllegalArgumentException("degrees of freedom must be at least 1, found " + degreesOfFreedom);
        }
        return degreesOfFreedom <= T975.length ? T975[degreesOfFreedom - 1] : Z975;
    }
}
