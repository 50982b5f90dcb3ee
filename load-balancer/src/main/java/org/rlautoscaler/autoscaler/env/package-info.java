/**
 * The environment, shaped after Gymnasium's: {@code reset} and {@code step} give an observation, a
 * reward, terminated, truncated and info; behind it the two ports every backend implements, where
 * the metrics come from ({@code MetricsSource}) and what gets scaled ({@code ReplicaScaler}).
 */
package org.rlautoscaler.autoscaler.env;
