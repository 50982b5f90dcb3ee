package org.rlautoscaler.autoscaler.agent.original;

import java.util.Locale;

/**
 * The knobs of the latency original's {@code build_table} and {@code new_q_value}: its latency
 * intervals ({@code initial_latency} ms wide, {@code interval_size} of them), its request
 * intervals ({@code initial_request} requests per 30 s wide, {@code interval_request} of them),
 * and where its update takes the old value from. The pods run from the limits' minimum to their
 * maximum ({@code min_pods}, {@code max_pods}).
 *
 * @param initialLatencyMs  {@code initial_latency}: the first latency interval is 0 to this, and each next one as wide
 * @param latencyIntervals  {@code interval_size}: how many latency intervals
 * @param initialRequests   {@code initial_request}: the first request interval is 0 to this many requests per 30 s
 * @param requestIntervals  {@code interval_request}: how many request intervals
 * @param faithful          the old value of the update is the row's maximum, truncated, as in the original;
 *                          false: Q(state, action), the textbook update
 */
public record LatencyTableDesign(long initialLatencyMs, int latencyIntervals, long initialRequests, int requestIntervals,
                                 boolean faithful) {
    /** The original's values: 500 ms x 4, 18 requests x 3, the textbook update. */
    public static final LatencyTableDesign ORIGINAL = new LatencyTableDesign(500, 4, 18, 3, false);

    public LatencyTableDesign {
        if (initialLatencyMs < 1 || latencyIntervals < 1 || initialRequests < 1 || requestIntervals < 1) {
            throw new IllegalArgumentException("interval widths and counts are 1 or more, got latency " + initialLatencyMs
                    + " x " + latencyIntervals + ", requests " + initialRequests + " x " + requestIntervals);
        }
    }

    public Intervals latency() {
        return Intervals.generate(initialLatencyMs, latencyIntervals);
    }

    public Intervals requests() {
        return Intervals.generate(initialRequests, requestIntervals);
    }

    /**
     * The same design with request intervals that span a load whose busiest period has
     * {@code peakRate} requests per second: {@code initial_request} becomes the peak's requests
     * per 30 s divided by the number of intervals, rounded up, so that the last interval ends at
     * the peak, as the original's 0 to 54 spanned the load it was built for.
     */
    public LatencyTableDesign scaledToPeak(double peakRate) {
        long initial = Math.max(1, (long) Math.ceil(peakRate * LatencyTableAgent.REQUEST_WINDOW_SECONDS / requestIntervals));
        return new LatencyTableDesign(initialLatencyMs, latencyIntervals, initial, requestIntervals, faithful);
    }

    /** "latency 500 ms x 4, requests 18 per 30 s x 3, textbook update". */
    public String describe() {
        return String.format(Locale.ROOT, "latency %d ms x %d, requests %d per 30 s x %d, %s", initialLatencyMs,
                latencyIntervals, initialRequests, requestIntervals,
                faithful ? "the original's update (old value: the row's maximum)" : "textbook update");
    }
}
