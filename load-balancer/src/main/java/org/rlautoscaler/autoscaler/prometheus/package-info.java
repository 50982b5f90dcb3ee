/**
 * The Prometheus backend: the HTTP API client and the metrics source. The only package that
 * writes PromQL ({@code Queries} for the loop, {@code ReplayQueries} for the live comparison).
 */
package org.rlautoscaler.autoscaler.prometheus;
