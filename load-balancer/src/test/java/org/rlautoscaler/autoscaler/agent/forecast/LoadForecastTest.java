package org.rlautoscaler.autoscaler.agent.forecast;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.rlautoscaler.autoscaler.agent.ForecastSetup;
import org.rlautoscaler.autoscaler.agent.Forecasting.Forecast;

/**
 * The forecast on loads whose shape is known: a business day (quiet nights, a rush at 09:00, a
 * lull at 13:00, quiet again from 18:00, weekends at a quarter) with 3 % noise a period, and noise
 * alone. Periods of 60 s, a horizon of 3 periods; the figures are exact (seeded noise).
 */
class LoadForecastTest {
    private static final double PERIOD = 60;
    private static final int DAY = 1440;

    /** A forecast that has seen {@code history}, whose first period is Monday 00:00 UTC, 1970-01-05. */
    private static LoadForecast after(double[] history) {
        return new LoadForecast(new ForecastSetup(PERIOD, 3, MONDAY + history.length * PERIOD), history);
    }

    private static final double MONDAY = 4 * 86_400;

    /** Requests a second at period {@code i} (period 0: Monday 00:00 UTC, 1970-01-05), with noise. */
    private static double businessDay(int i, SplittableRandom noise) {
        int minute = i % DAY;
        boolean weekend = (i / DAY) % 7 >= 5;
        double rate = minute < 9 * 60 || minute >= 18 * 60 ? 20 : minute < 13 * 60 ? 200 : minute < 14 * 60 ? 120 : 180;
        return (weekend ? 0.25 : 1) * rate * (1 + 0.03 * noise.nextGaussian());
    }

    private static double[] rates(int days, long seed) {
        SplittableRandom noise = new SplittableRandom(seed);
        double[] rates = new double[days * DAY];
        for (int i = 0; i < rates.length; i++) {
            rates[i] = businessDay(i, noise);
        }
        return rates;
    }

    /** Over the periods of {@code rates} after the history: the forecast's and "no change"'s mean absolute error on the horizon's peak, in %. */
    private static String errors(LoadForecast forecast, double[] rates, int from) {
        double forecastError = 0;
        double stillError = 0;
        int n = 0;
        for (int i = from; i + 3 < rates.length; i++) {
            Forecast f = forecast.observe(rates[i]);
            double peak = Math.max(rates[i + 1], Math.max(rates[i + 2], rates[i + 3]));
            forecastError += Math.abs(Math.log(f.peakRate() / peak));
            stillError += Math.abs(Math.log(rates[i] / peak));
            n++;
        }
        return String.format(Locale.ROOT, "forecast %.2f %%, no change %.2f %%", 100 * forecastError / n, 100 * stillError / n);
    }

    @Test
    void after_two_weeks_of_history_it_foresees_the_rush_of_a_business_day() {
        double[] rates = rates(15, 1);
        double[] history = java.util.Arrays.copyOf(rates, 14 * DAY + 9 * 60 - 3); // up to 08:57 of the third Monday
        LoadForecast forecast = after(history);

        Forecast beforeRush = forecast.observe(rates[history.length]); // 08:57: the rush is 3 periods away
        assertEquals("now 19.8/s, peak 199.7/s, trusted 1.00", describe(beforeRush));
        assertEquals(198.3, beforeRush.rateActedOn(1), 0.05, "acted on in full: the trusted share of the way (0.997), in logs");
        assertEquals(62.6, beforeRush.rateActedOn(0.5), 0.05, "in half: half the way, in logs");
        assertEquals(19.8, beforeRush.rateActedOn(0), 0.05, "not acted on: the current rate");
        assertEquals("no rise 0.69 (8583 checked); a rise under 15 % 0.19 (12012 checked); a rise of 15-40 % 0.00 "
                + "(19 checked); a rise of 40 % or more 1.00 (81 checked)", forecast.describeTrust());
    }

    @Test
    void over_a_day_it_predicts_the_horizons_peak_better_than_no_change() {
        double[] rates = rates(15, 2);
        LoadForecast forecast = after(java.util.Arrays.copyOf(rates, 14 * DAY));
        assertEquals("forecast 3.47 %, no change 4.37 %", errors(forecast, rates, 14 * DAY));
    }

    @Test
    void without_history_it_starts_from_the_level_alone_and_trusts_nothing() {
        LoadForecast forecast = after(new double[0]);
        Forecast first = forecast.observe(100);
        assertEquals("now 100.0/s, peak 100.0/s, trusted 0.00", describe(first));
        assertEquals(100, first.rateActedOn(1), 1e-9);
    }

    @Test
    void on_noise_alone_it_acts_on_no_rise() {
        SplittableRandom noise = new SplittableRandom(3);
        double[] rates = new double[7 * DAY];
        for (int i = 0; i < rates.length; i++) {
            rates[i] = 100 * (1 + 0.1 * noise.nextGaussian());
        }
        LoadForecast forecast = after(rates);
        assertEquals("no rise 0.00 (4267 checked); a rise under 15 % 0.19 (5799 checked); a rise of 15-40 % 0.00 "
                + "(11 checked); a rise of 40 % or more 0.00 (0 checked)", forecast.describeTrust());
    }

    @Test
    void an_unknown_rate_makes_no_forecast_and_the_latest_stands() {
        LoadForecast forecast = after(new double[] {100, 120});
        Forecast latest = forecast.latest();
        assertEquals(120, latest.currentRate(), 1e-9);
        assertEquals(null, forecast.observe(Double.NaN), "no rate, no forecast");
        assertEquals(latest, forecast.latest(), "what it last expected stands, for the page and the metric");
        assertEquals(90, forecast.observe(90).currentRate(), 1e-9, "its clock moved on: the next rate is the next period's");
    }

    private static String describe(Forecast f) {
        return String.format(Locale.ROOT, "now %.1f/s, peak %.1f/s, trusted %.2f", f.currentRate(), f.peakRate(), f.trust());
    }
}
