package org.rlautoscaler.autoscaler.prometheus;

/** The answer to a range query ({@code /api/v1/query_range}): the series' points, or why there are none. */
public sealed interface RangeResult {
    /** The points of the one series, in time order: Unix seconds and values (non-finite values left out). */
    record Points(double[] epochSeconds, double[] values) implements RangeResult {}

    /** No points: why. */
    record Failed(QueryResult.Missing missing) implements RangeResult {}
}
