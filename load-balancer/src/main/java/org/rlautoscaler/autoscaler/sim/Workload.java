package org.rlautoscaler.autoscaler.sim;

import java.util.Arrays;
import java.util.Locale;
import org.rlautoscaler.common.trace.Trace;

/**
 * The load of a simulation: requests per second for each control step, made from a trace.
 * The trace's highest value is scaled so that it needs about {@code peakReplicas} replicas
 * (85 % of their capacity), and {@code binsPerStep} consecutive bins make one step (their mean).
 *
 * @param source      where it came from, for reports
 * @param ratePerStep arrival rate of each step, requests per second
 * @param description how the trace was scaled, for the console and reports
 */
public record Workload(String source, double[] ratePerStep, String description) {
    /** Utilisation the busiest step would put on {@code peakReplicas} replicas. */
    public static final double PEAK_UTILISATION = 0.85;

    public static Workload fromTrace(Trace trace, ClusterModel model, int peakReplicas, int binsPerStep) {
        int steps = trace.size() / binsPerStep;
        if (steps == 0) {
            throw new IllegalArgumentException(trace.name() + " has " + trace.size() + " bins, fewer than the "
                    + binsPerStep + " bins of one step");
        }
        double[] values = trace.requests();
        double[] perStep = new double[steps];
        double peak = 0;
        for (int s = 0; s < steps; s++) {
            double sum = 0;
            for (int b = 0; b < binsPerStep; b++) {
                sum += values[s * binsPerStep + b];
            }
            perStep[s] = sum / binsPerStep;
            peak = Math.max(peak, perStep[s]);
        }
        double peakRate = model.service().capacity(peakReplicas) * PEAK_UTILISATION;
        double scale = peak > 0 ? peakRate / peak : 0;
        for (int s = 0; s < steps; s++) {
            perStep[s] *= scale;
        }
        String description = String.format(Locale.ROOT,
                "%s: %d bins of %.0f s, %d per step -> %d steps; peak %.1f scaled to %.1f req/s (%d replicas at %.0f%%)",
                trace.name(), trace.size(), trace.binSeconds(), binsPerStep, steps, peak, peakRate, peakReplicas,
                PEAK_UTILISATION * 100);
        return new Workload(trace.name(), perStep, description);
    }

    public int steps() {
        return ratePerStep.length;
    }

    /** Steps {@code from} (included) to {@code to} (excluded), as a workload of its own. */
    public Workload slice(int from, int to, String part) {
        return new Workload(source + " " + part, Arrays.copyOfRange(ratePerStep, from, to),
                description + "; " + part + " = steps " + from + " to " + to);
    }
}
