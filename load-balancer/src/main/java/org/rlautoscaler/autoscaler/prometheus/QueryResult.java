package org.rlautoscaler.autoscaler.prometheus;

/** The answer to one instant query: one number, or why there is none. */
public sealed interface QueryResult {

    /** The query answered exactly one finite sample. */
    record Value(double value) implements QueryResult {}

    /**
     * The query answered no usable number: the metric is unknown now (NaN), not zero.
     *
     * @param kind   what went wrong, as a label for logs and metrics
     * @param reason what went wrong, for a person
     */
    record Missing(Kind kind, String reason) implements QueryResult {

        /** What went wrong. */
        public enum Kind {
            /** The query matched no series (nothing scraped yet, a wrong label or job). */
            empty,
            /** The value was NaN or infinite (a rate over no requests: 0 / 0). */
            nan,
            /** Prometheus refused the query itself (errorType bad_data: a syntax error, an unknown function). */
            bad_query,
            /** Prometheus answered status "error", or HTTP 4xx/5xx (a query that failed to run, overload). */
            error_status,
            /** No answer within the client's timeouts. */
            timeout,
            /** No connection: refused, unknown host, reset. */
            unreachable,
            /** An answer that is not the API's JSON, of an unexpected shape, or with several series. */
            bad_response
        }
    }
}
