package org.rlautoscaler.autoscaler.agent;

/**
 * How a forecasting agent looks ahead.
 *
 * @param periodSeconds  time between two decisions, seconds
 * @param horizonPeriods periods ahead its forecast covers: a replica asked for now serves after the
 *                       start-up, and the cooldown may then hold the count, so the forecast looks
 *                       that far
 * @param startSecond    when the coming period starts, seconds since 1970 live (the forecast's time
 *                       of day and of the week are UTC), since the trace's start offline
 */
public record ForecastSetup(double periodSeconds, int horizonPeriods, double startSecond) {
    public ForecastSetup {
        if (!(periodSeconds > 0) || horizonPeriods < 1 || !Double.isFinite(startSecond)) {
            throw new IllegalArgumentException("a forecast needs a period above 0, a horizon of 1 period or more and a "
                    + "finite start, got " + periodSeconds + " s, " + horizonPeriods + " and " + startSecond);
        }
    }

    /** The horizon that covers {@code startupSeconds} of start-up and {@code cooldownSeconds} of cooldown (1 period at least). */
    public static ForecastSetup covering(double periodSeconds, double startupSeconds, double cooldownSeconds,
                                         double startSecond) {
        int horizon = (int) Math.ceil((startupSeconds + cooldownSeconds) / periodSeconds - 1e-9);
        return new ForecastSetup(periodSeconds, Math.max(1, horizon), startSecond);
    }
}
