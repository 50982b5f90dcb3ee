package org.rlautoscaler.autoscaler.live;

import java.time.Instant;

/**
 * One period's decision as the agent's page lists it.
 *
 * @param id             the loop's count of decisions, from 1
 * @param time           when it was taken
 * @param replicasBefore the desired replicas before
 * @param replicasAfter  the desired replicas after the safety chain
 * @param wanted         what the agent asked for
 * @param action         scale_out, scale_in or hold
 * @param reason         the agent's reason, in words
 * @param safety         the safety chain's verdict (as_decided, cooldown, ...)
 * @param safetyDetail   the verdict in words
 * @param agentAction    the agent's own action (a Q-table column, a rung), null for a rule
 * @param random         the agent explored: the action was chosen at random
 */
public record LoggedDecision(long id, Instant time, int replicasBefore, int replicasAfter, int wanted, String action,
                             String reason, String safety, String safetyDetail, String agentAction, boolean random) {}
