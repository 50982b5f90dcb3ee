/**
 * The two original Q-learning designs, faithful to their documents: {@code swarm-cpu-ram} (CPU and
 * RAM buckets) and {@code latency-table} (replicas, latency and request intervals, with the
 * original's {@code table.csv} and {@code history.csv}), both on the tabular learner of {@code qtable}.
 */
package org.rlautoscaler.autoscaler.agent.original;
