package org.rlautoscaler.autoscaler.env;

/**
 * Details of one step that an agent does not observe but a report needs.
 *
 * @param step         index of the step in the episode, from 0
 * @param requested    replicas the agent asked for, before clamping to the limits
 * @param applied      replicas actually asked of the service, after clamping
 * @param arrivalRate  true requests per second during the step (NaN when unknown, live)
 * @param demand       replicas that would have met the objective during the step (-1 when unknown)
 */
public record StepInfo(long step, int requested, int applied, double arrivalRate, int demand) {}
