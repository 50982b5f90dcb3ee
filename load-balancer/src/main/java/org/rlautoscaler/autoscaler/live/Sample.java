package org.rlautoscaler.autoscaler.live;

import java.time.Instant;

/**
 * One period as the agent's page charts it: what the agent saw when it decided, and the reward
 * of the period that followed.
 *
 * @param time    when the agent decided
 * @param load    requests per second
 * @param forecast the highest request rate the agent's forecast expected over its horizon then,
 *                 requests per second (NaN: it does not forecast, or had no forecast)
 * @param desired replicas desired after the decision
 * @param running replicas running when it decided
 * @param p95Ms   p95 latency, milliseconds (NaN: not read)
 * @param reward  the reward of the period that followed
 */
public record Sample(Instant time, double load, double forecast, int desired, int running, double p95Ms, double reward) {}
