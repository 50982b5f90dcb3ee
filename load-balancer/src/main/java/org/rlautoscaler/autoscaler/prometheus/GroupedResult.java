package org.rlautoscaler.autoscaler.prometheus;

import java.util.Map;

/**
 * The answer to one instant query that serves many services at once ({@code ... by (service)}):
 * one result per value of the grouping label, or why the whole query has none.
 */
public sealed interface GroupedResult {

    /**
     * The query ran: each series' result by the value of the grouping label. A series without the
     * label is under {@code ""}; a label value that came twice is {@code bad_response}.
     */
    record Groups(Map<String, QueryResult> byLabel) implements GroupedResult {
        public Groups {
            byLabel = Map.copyOf(byLabel);
        }

        /** The result for {@code value}: {@code empty} when the query answered no series with it. */
        public QueryResult get(String value) {
            QueryResult result = byLabel.get(value);
            return result != null ? result : new QueryResult.Missing(QueryResult.Missing.Kind.empty, "no series");
        }
    }

    /** The query failed as a whole: every service it was for misses the metric, for this reason. */
    record Failed(QueryResult.Missing missing) implements GroupedResult {}
}
