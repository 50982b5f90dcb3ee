package org.rlautoscaler.autoscaler.agent.forecast;

import java.util.Locale;
import java.util.StringJoiner;

/**
 * How far to act on a forecast, learnt from how well forecasts like it predicted lately. A
 * situation is the rise the forecast announces over the current rate (none, under 15 %, 15 to
 * 40 %, 40 % or more): a forecast may be right about quiet hours and wrong about rushes, or the
 * reverse. In each, it compares the forecast's squared error (in logarithms: relative) on the
 * highest rate that came over the horizon with that of "no change", the current rate, over about
 * the last {@value #MEMORY} forecasts: trust is {@code 1 - forecast error / no-change error},
 * between 0 and 1. A forecast that does no better than no change gets 0 and changes nothing; one
 * that foresaw every rise exactly gets 1. Before {@value #MIN_FORECASTS} forecasts of a kind
 * have been checked, it gets 0.
 */
final class ForecastTrust {
    /** Rises announced, in logarithms: log(1), log(1.15), log(1.4). */
    static final double[] RISES = {0, Math.log(1.15), Math.log(1.4)};
    private static final String[] NAMES = {"no rise", "a rise under 15 %", "a rise of 15-40 %", "a rise of 40 % or more"};
    /** The kinds of forecast told apart. */
    static final int KINDS = RISES.length + 1;
    static final int MIN_FORECASTS = 30;
    static final int MEMORY = 200;

    private final long[] checked = new long[RISES.length + 1];
    private final double[] forecastError = new double[RISES.length + 1];
    private final double[] stillError = new double[RISES.length + 1];

    /**
     * A forecast checked: the rise it announced, its error, and the error of "no change" (each the
     * highest rate that came minus the predicted one, in logarithms).
     */
    void record(double announcedRise, double forecastMiss, double stillMiss) {
        int kind = kind(announcedRise);
        checked[kind]++;
        double weight = Math.max(1.0 / checked[kind], 1.0 / MEMORY);
        forecastError[kind] += weight * (forecastMiss * forecastMiss - forecastError[kind]);
        stillError[kind] += weight * (stillMiss * stillMiss - stillError[kind]);
    }

    /** The trust, 0 to 1, in a forecast announcing {@code rise} (in logarithms). */
    double trust(double rise) {
        return trustOf(kind(rise));
    }

    private double trustOf(int kind) {
        if (checked[kind] < MIN_FORECASTS || stillError[kind] <= 0) {
            return 0;
        }
        return Math.max(0, Math.min(1, 1 - forecastError[kind] / stillError[kind]));
    }

    /** A kind in words: "a rise of 15-40 %". */
    static String name(int kind) {
        return NAMES[kind];
    }

    /** "no rise 0.12 (340 checked); a rise under 15 % 0.40 (85 checked); ...", for people. */
    String describe() {
        StringJoiner text = new StringJoiner("; ");
        for (int kind = 0; kind < KINDS; kind++) {
            text.add(String.format(Locale.ROOT, "%s %.2f (%d checked)", NAMES[kind], trustOf(kind), checked[kind]));
        }
        return text.toString();
    }

    /** The kind of a forecast announcing {@code rise} (in logarithms), 0 to {@link #KINDS} - 1. */
    static int kind(double rise) {
        int kind = 0;
        while (kind < RISES.length && rise > RISES[kind]) {
            kind++;
        }
        return kind;
    }
}
