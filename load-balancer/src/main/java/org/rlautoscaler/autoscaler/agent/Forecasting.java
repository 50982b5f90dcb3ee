package org.rlautoscaler.autoscaler.agent;

import java.util.Optional;

/**
 * An agent that forecasts the load from what it has seen, and may act ahead of a rise it
 * expects. It is told, before its first period, its period, how far ahead a forecast must look
 * (a new replica's start-up and the cooldown), and the request rate of the periods before (the
 * history Prometheus keeps, live; the part of a trace before the evaluated one, offline), so that
 * it does not begin blind. Without history it starts from nothing and earns its trust.
 */
public interface Forecasting {
    /** Days of history it is given at start: a week holds every season it keeps. */
    int HISTORY_DAYS = 7;

    /** Starts forecasting with {@code setup}, from {@code history}: one request rate a period, oldest first, NaN where unknown. */
    void foresee(ForecastSetup setup, double[] history);

    /** Its latest forecast, for people and metrics; empty before it forecasts. */
    Optional<Forecast> forecast();

    /**
     * What it expects.
     *
     * @param currentRate the rate of the period that just ended, requests per second
     * @param peakRate    the highest request rate it expects over its horizon, requests per second
     * @param trust       how far it deserves to be acted on, 0 to 1: how well forecasts like it
     *                    predicted lately
     * @param situation   what kind of forecast it is, by the rise it announces, from 0 (none) up
     *                    to its forecaster's number of kinds - 1
     */
    record Forecast(double currentRate, double peakRate, double trust, int situation) {
        /**
         * The rate to be ready for when acting on {@code share} (0 to 1) of the trusted forecast:
         * the current rate moved that share of the trusted way to the peak (in logarithms), never
         * below the current rate.
         */
        public double rateActedOn(double share) {
            return peakRate <= currentRate ? currentRate : currentRate * Math.pow(peakRate / currentRate, share * trust);
        }
    }
}
