package org.rlautoscaler.autoscaler.reward;

import org.rlautoscaler.autoscaler.env.Observation;
import org.rlautoscaler.autoscaler.env.RewardFunction;

/**
 * The original Swarm autoscaler's {@code get_reward}, value for value. The thresholds of the
 * replica count get a margin of 20 % of the observed value (truncated to a whole number, as
 * Python's {@code int()}); then:
 * <ul>
 *   <li>20 when CPU and RAM are both within their margins;</li>
 *   <li>else -5 when CPU is at most 15 points over its margin ("close to the reward");</li>
 *   <li>else -10 when CPU is 10 or more points under its margin ("too many containers");</li>
 *   <li>else -15;</li>
 *   <li>0 when CPU or RAM is missing.</li>
 * </ul>
 * As in the original, the "too many containers" test comes first: a CPU 10 or more points under
 * its margin is never "close", so within the "close" branch its -10 cannot happen.
 */
public final class SwarmReward implements RewardFunction {

    @Override
    public double reward(Observation before, int desiredReplicas, Observation after) {
        SwarmThresholds thresholds = after.desiredReplicas() > 0
                ? SwarmThresholds.forReplicas(after.desiredReplicas()) : SwarmThresholds.unknown();
        return reward(after.cpuUsage(), after.ramUsage(), thresholds);
    }

    /** {@code get_reward(cpu_value, ram_value, cpu_threshold, ram_threshold)}. */
    public static int reward(double cpu, double ram, SwarmThresholds thresholds) {
        if (Double.isNaN(cpu) || Double.isNaN(ram)) {
            return 0;
        }
        boolean tooManyContainers = false;
        boolean closeToReward = false;
        double cpuMerged = thresholds.cpu() + (long) (cpu * 0.20);
        double ramMerged = thresholds.ram() + (long) (ram * 0.20);
        double cpuDiff = cpuMerged - cpu;
        double cpuDiffLow = cpu - cpuMerged;
        if (cpuDiff >= 10) {
            tooManyContainers = true;
        } else if (cpuDiffLow <= 15) {
            closeToReward = true;
        }
        if (cpu <= cpuMerged && ram <= ramMerged) {
            return 20;
        } else if (closeToReward) {
            return tooManyContainers ? -10 : -5;
        } else if (tooManyContainers) {
            return -10;
        }
        return -15;
    }
}
