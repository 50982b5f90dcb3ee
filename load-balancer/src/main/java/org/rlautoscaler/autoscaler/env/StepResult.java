package org.rlautoscaler.autoscaler.env;

/**
 * What one {@link Environment#step} returns, as in Gymnasium.
 *
 * @param observation what is seen after the step
 * @param reward      the reward function's verdict on the step
 * @param terminated  the episode reached a terminal state (never, for autoscaling)
 * @param truncated   the episode hit its time limit ({@code max_time_minutes})
 * @param info        what else happened, for logs and evaluation
 */
public record StepResult(Observation observation, double reward, boolean terminated, boolean truncated, StepInfo info) {}
