package org.rlautoscaler.autoscaler.sim;

import java.util.Arrays;
import java.util.Locale;
import org.rlautoscaler.common.trace.Trace;

/**
 * The load of a simulation: requests per second for each control period, made from a trace.
 *
 * <p>{@link #resample} lays the trace out in control periods: in real time (a bin of 60 s fills
 * the four 15 s periods it covers at the same rate, a period of 15 s over 1 s bins takes their
 * mean), or compressed on purpose ({@code binsPerStep} bins make one period, whatever their
 * length). {@link #scaled} then gives it the size of a service: a factor found on the data
 * one is allowed to look at ({@link #factorFor}), so that an evaluation never takes its scale from
 * the load it is evaluated on.
 *
 * @param source      where it came from, for reports
 * @param ratePerStep arrival rate of each step, requests per second (before {@link #scaled}: in
 *                    the trace's own unit per second)
 * @param description how the trace was laid out and scaled, for the console and reports
 */
public record Workload(String source, double[] ratePerStep, String description) {
    /** Utilisation the busiest step of the reference would put on {@code peakReplicas} replicas. */
    public static final double PEAK_UTILISATION = 0.85;

    /**
     * The trace in control periods of {@code periodSeconds}: in real time when {@code binsPerStep}
     * is null, else {@code binsPerStep} bins averaged into each period (time compressed).
     *
     * @throws IllegalArgumentException when the trace is shorter than one period
     */
    public static Workload resample(Trace trace, double periodSeconds, Integer binsPerStep) {
        double bin = trace.binSeconds();
        double[] values = trace.requests();
        double[] rates;
        String layout;
        if (binsPerStep != null) {
            int steps = trace.size() / binsPerStep;
            if (steps == 0) {
                throw new IllegalArgumentException(trace.name() + " has " + trace.size() + " bins, fewer than the "
                        + binsPerStep + " bins of one step");
            }
            rates = new double[steps];
            for (int s = 0; s < steps; s++) {
                double sum = 0;
                for (int b = 0; b < binsPerStep; b++) {
                    sum += values[s * binsPerStep + b];
                }
                rates[s] = sum / binsPerStep / bin;
            }
            layout = String.format(Locale.ROOT, "%d bins of %s s, %d per step (time compressed %s times) -> %d steps",
                    trace.size(), number(bin), binsPerStep, number(binsPerStep * bin / periodSeconds), steps);
        } else {
            double duration = trace.size() * bin;
            int steps = (int) Math.floor(duration / periodSeconds + 1e-9);
            if (steps == 0) {
                throw new IllegalArgumentException(trace.name() + " lasts " + number(duration)
                        + " s, less than one control period of " + number(periodSeconds) + " s");
            }
            rates = new double[steps];
            for (int s = 0; s < steps; s++) {
                rates[s] = meanRate(values, bin, s * periodSeconds, (s + 1) * periodSeconds);
            }
            layout = String.format(Locale.ROOT, "%d bins of %s s in real time -> %d steps of %s s",
                    trace.size(), number(bin), steps, number(periodSeconds));
        }
        return new Workload(trace.name(), rates, trace.name() + ": " + layout);
    }

    /** Mean rate from {@code from} to {@code to} seconds, each bin spread evenly over its own length. */
    private static double meanRate(double[] values, double bin, double from, double to) {
        int first = (int) Math.floor(from / bin);
        int last = Math.min(values.length - 1, (int) Math.ceil(to / bin) - 1);
        double requests = 0;
        for (int b = first; b <= last; b++) {
            double overlap = Math.min(to, (b + 1) * bin) - Math.max(from, b * bin);
            requests += values[b] * Math.max(0, overlap) / bin;
        }
        return requests / (to - from);
    }

    /**
     * The factor that scales {@code reference}'s busiest step to need about {@code peakReplicas}
     * replicas of {@code model} (85 % of their capacity).
     */
    public static double factorFor(Workload reference, ClusterModel model, int peakReplicas) {
        double peak = reference.peak();
        return peak > 0 ? scaledPeak(model, peakReplicas) / peak : 0;
    }

    /** The busiest step's rate, requests per second, of a load scaled by {@link #factorFor}: 85 % of the replicas' capacity. */
    public static double scaledPeak(ClusterModel model, int peakReplicas) {
        return model.service().capacity(peakReplicas) * PEAK_UTILISATION;
    }

    /** This load times {@code factor}; {@code how} says where the factor came from. */
    public Workload scaled(double factor, String how) {
        double[] rates = ratePerStep.clone();
        for (int s = 0; s < rates.length; s++) {
            rates[s] *= factor;
        }
        return new Workload(source, rates, description + "; " + how);
    }

    /**
     * This load scaled so that its own busiest step needs about {@code peakReplicas} replicas: for
     * a load one may look at in full (training).
     */
    public Workload scaledToItsPeak(ClusterModel model, int peakReplicas) {
        double factor = factorFor(this, model, peakReplicas);
        return scaled(factor, scaling(peak(), factor, peakReplicas, "its busiest step"));
    }

    /** How a factor was found, in words, for {@link #scaled}. */
    public static String scaling(double referencePeak, double factor, int peakReplicas, String reference) {
        return String.format(Locale.ROOT, "%s, %.4g/s, scaled to %.1f req/s (%d replicas at %.0f%%)", reference,
                referencePeak, referencePeak * factor, peakReplicas, PEAK_UTILISATION * 100);
    }

    /** The highest rate of a step. */
    public double peak() {
        double peak = 0;
        for (double rate : ratePerStep) {
            peak = Math.max(peak, rate);
        }
        return peak;
    }

    public int steps() {
        return ratePerStep.length;
    }

    /** Steps {@code from} (included) to {@code to} (excluded), as a workload of its own. */
    public Workload slice(int from, int to, String part) {
        return new Workload(source + " " + part, Arrays.copyOfRange(ratePerStep, from, to),
                description + "; " + part + " = steps " + from + " to " + to);
    }

    private static String number(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : String.format(Locale.ROOT, "%.3g", value);
    }
}
