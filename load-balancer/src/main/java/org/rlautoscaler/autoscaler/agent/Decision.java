package org.rlautoscaler.autoscaler.agent;

/**
 * What a policy decided.
 *
 * @param replicas the replicas it wants
 * @param action   its action's column in its Q-table, or -1 for a policy without one
 * @param random   the action was chosen at random (exploration)
 * @param reason   why, in words, for the log
 */
public record Decision(int replicas, int action, boolean random, String reason) {

    public static Decision rule(int replicas, String reason) {
        return new Decision(replicas, -1, false, reason);
    }
}
