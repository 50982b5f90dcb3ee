package org.rlautoscaler.autoscaler.agent.forecast;

import java.util.Arrays;
import org.rlautoscaler.autoscaler.agent.Forecasting.Forecast;
import org.rlautoscaler.autoscaler.agent.ForecastSetup;

/**
 * A forecast of a service's request rate from its own history, in the manner of Holt-Winters and
 * in logarithms, so that the seasons multiply the load (a morning rush doubles it whatever its
 * size).
 * <ul>
 *   <li><b>Seasons</b>, as changes: the day is cut into slots of at least
 *       {@value #SLOT_SECONDS} s (288 a day at periods up to that), and for each slot it learns
 *       how the rate changes from it to the next (the mean of the next slot over the mean of
 *       this one, both seen the same day): a profile of the day over about the last
 *       {@value #DAY_MEMORY_DAYS} days, and one of the week for what the day's leaves out (a
 *       Monday rush, a quiet Saturday), over about the last {@value #WEEK_MEMORY_WEEKS} weeks.
 *       Changes measured within a day do not move with the load's level from one day to the
 *       next, as a profile of levels would. Each starts as the average of what it saw (about 28
 *       KiB a service, whatever the period).</li>
 *   <li><b>Level and trend</b>: the current rate, smoothed over about {@value #LEVEL_SECONDS}
 *       s only (a load that moves in steps is far from any longer average), and its change a
 *       period over about the last hour, damped so that a trend fades within about ten minutes
 *       ahead. The rate {@code k} periods ahead is the level, the trend's way, times the changes
 *       of the slot boundaries crossed until then; where the seasons are flat, it is what "no
 *       change" says.</li>
 *   <li><b>What it gives</b>: the highest rate it expects over the horizon, and how far to act on
 *       it ({@link ForecastTrust}): a forecast that did no better than "no change" lately, in
 *       situations like this one, is not acted on at all.</li>
 * </ul>
 * Rates below {@value #RATE_FLOOR} request/s count as that much: no replica count depends on
 * such rates, and the logarithm of nothing is no number.
 */
public final class LoadForecast {
    /** The seasonal profiles' finest resolution, seconds (a longer period makes a slot as long as a whole number of these). */
    public static final int SLOT_SECONDS = 300;
    /** The smallest rate it tells apart, requests per second. */
    public static final double RATE_FLOOR = 0.1;
    static final double LEVEL_SECONDS = 30;
    static final double TREND_SECONDS = 3_600;
    static final double DAMPING_SECONDS = 600;
    static final double DAY_MEMORY_DAYS = 3;
    static final double WEEK_MEMORY_WEEKS = 2;

    private final ForecastSetup setup;
    private final double originSecond;
    private final double slotSeconds;
    private final int daySlots;
    private final double levelWeight;
    private final double trendWeight;
    private final double damping;
    private final double dayWeight = 1 - Math.exp(-1 / DAY_MEMORY_DAYS);
    private final double weekWeight = 1 - Math.exp(-1 / WEEK_MEMORY_WEEKS);
    /** The log change from each slot to the next: of the day, and what the week adds to it. */
    private final double[] dayChange;
    private final double[] weekChange;
    /** How often each was learnt: an average of what was seen at first, then the moving average. */
    private final int[] daySeen;
    private final int[] weekSeen;
    /** Log rates of the last {@code horizon} periods, and the prediction made a horizon ago: a ring each. */
    private final double[] recent;
    private final double[] predicted;
    private final double[] reference;
    private final ForecastTrust trust = new ForecastTrust();
    private double level = Double.NaN;
    private double trend;
    private long periods;
    /** The slot being seen, the sum and count of its log rates, and the mean of the slot before it (NaN: not seen whole). */
    private long slot = Long.MIN_VALUE;
    private double slotSum;
    private int slotCount;
    private double previousMean = Double.NaN;
    private Forecast latest;

    /**
     * A forecast for {@code setup}, having seen {@code history} (one rate a period, oldest first,
     * NaN where unknown), the last of which ends where {@code setup}'s coming period starts.
     */
    public LoadForecast(ForecastSetup setup, double[] history) {
        this.setup = setup;
        double period = setup.periodSeconds();
        this.originSecond = setup.startSecond() - history.length * period;
        this.slotSeconds = SLOT_SECONDS * Math.ceil(period / SLOT_SECONDS - 1e-9);
        this.daySlots = (int) Math.max(1, Math.round(86_400 / slotSeconds));
        this.dayChange = new double[daySlots];
        this.weekChange = new double[7 * daySlots];
        this.daySeen = new int[daySlots];
        this.weekSeen = new int[7 * daySlots];
        this.levelWeight = weight(period, LEVEL_SECONDS);
        this.trendWeight = weight(period, TREND_SECONDS);
        this.damping = Math.exp(-period / DAMPING_SECONDS);
        int horizon = setup.horizonPeriods();
        this.recent = new double[horizon];
        this.predicted = new double[horizon];
        this.reference = new double[horizon];
        Arrays.fill(recent, Double.NaN);
        Arrays.fill(predicted, Double.NaN);
        for (double rate : history) {
            observe(rate);
        }
    }

    /** The weight of the newest of periods {@code step} apart in an average over about {@code memory}. */
    private static double weight(double step, double memory) {
        return 1 - Math.exp(-step / memory);
    }

    /**
     * The rate of the period that just ended (NaN: unknown, the forecast then only moves on in
     * time); returns the forecast made with it, or null when that rate is unknown.
     */
    public Forecast observe(double rate) {
        long now = periods++;
        int horizon = setup.horizonPeriods();
        int ring = (int) (now % horizon);
        double x = Double.isNaN(rate) ? Double.NaN : Math.log(Math.max(rate, RATE_FLOOR));
        recent[ring] = x;
        if (!Double.isNaN(predicted[ring])) { // the prediction made a horizon ago: what came since
            double realised = Double.NEGATIVE_INFINITY;
            for (double seen : recent) {
                realised = Math.max(realised, seen);
            }
            if (!Double.isNaN(realised)) {
                trust.record(predicted[ring] - reference[ring], realised - predicted[ring], realised - reference[ring]);
            }
            predicted[ring] = Double.NaN;
        }
        learnSeason(slot(now), x);
        if (Double.isNaN(x)) {
            return null; // the latest forecast stands
        }
        if (Double.isNaN(level)) {
            level = x;
        } else {
            double previous = level;
            level = levelWeight * x + (1 - levelWeight) * (level + damping * trend);
            trend = trendWeight * (level - previous) + (1 - trendWeight) * damping * trend;
        }
        double peak = Double.NEGATIVE_INFINITY;
        double ahead = 0;
        double fade = 1;
        double season = 0;
        long from = slot(now);
        for (int k = 1; k <= horizon; k++) {
            fade *= damping;
            ahead += fade;
            long to = slot(now + k);
            for (; from < to; from++) {
                season += change(from);
            }
            peak = Math.max(peak, level + trend * ahead + season);
        }
        predicted[ring] = peak;
        reference[ring] = x;
        return latest = new Forecast(Math.exp(x), Math.exp(peak), trust.trust(peak - x), ForecastTrust.kind(peak - x));
    }

    /**
     * A slot seen whole (every period with a rate) and the one after it: the change between
     * their means moves the profiles, the day's toward it and the week's toward what the day's
     * leaves.
     */
    private void learnSeason(long current, double x) {
        if (current != slot) {
            double mean = slotCount > 0 && slotSum == slotSum ? slotSum / slotCount : Double.NaN;
            if (current == slot + 1 && !Double.isNaN(previousMean) && !Double.isNaN(mean)) {
                int day = daySlot(slot - 1);
                int week = weekSlot(slot - 1);
                double observed = mean - previousMean;
                dayChange[day] += Math.max(dayWeight, 1.0 / ++daySeen[day]) * (observed - dayChange[day]);
                weekChange[week] += Math.max(weekWeight, 1.0 / ++weekSeen[week])
                        * (observed - dayChange[day] - weekChange[week]);
            }
            previousMean = current == slot + 1 ? mean : Double.NaN;
            slot = current;
            slotSum = 0;
            slotCount = 0;
        }
        slotSum += x; // a NaN spoils the slot's mean: it was not seen whole
        slotCount++;
    }

    /** The log change expected from slot {@code s} to the next. */
    private double change(long s) {
        return dayChange[daySlot(s)] + weekChange[weekSlot(s)];
    }

    /** The latest forecast made (one made before a period whose rate was unknown stands); null before the first. */
    public Forecast latest() {
        return latest;
    }

    /** The kinds of forecast it tells apart, by the rise they announce ({@link Forecast#situation}). */
    public static final int SITUATIONS = ForecastTrust.KINDS;

    /** A kind of forecast in words: "a rise of 40 % or more". */
    public static String describeSituation(int situation) {
        return ForecastTrust.name(situation);
    }

    /** How far it trusts a forecast of each kind now, in words, for people. */
    public String describeTrust() {
        return trust.describe();
    }

    private int daySlot(long slot) {
        return (int) Math.floorMod(slot, daySlots);
    }

    private int weekSlot(long slot) {
        // 1970-01-01 was a Thursday; shifted so that slot 0 is Monday 00:00 UTC, as people read a week
        return (int) Math.floorMod(slot + 3L * daySlots, 7L * daySlots);
    }

    /** The slot period {@code period} starts in, counted from 1970 (or from the trace's start). */
    private long slot(long period) {
        return (long) Math.floor((originSecond + period * setup.periodSeconds()) / slotSeconds + 1e-9);
    }
}
