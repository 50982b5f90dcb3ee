package org.rlautoscaler.autoscaler.agent;

import org.rlautoscaler.autoscaler.env.Observation;

/**
 * One step an agent learns from.
 *
 * @param before   what it saw when it decided
 * @param decision what it decided
 * @param reward   the reward function's verdict on the step
 * @param after    what it saw one period later
 * @param asDecided the safety chain applied the decision unchanged (otherwise the replicas asked
 *                  for were not the agent's: an agent whose action is that count must not learn
 *                  from the step)
 */
public record Transition(Observation before, Decision decision, double reward, Observation after, boolean asDecided) {}
