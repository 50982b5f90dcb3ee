package org.rlautoscaler.autoscaler.offline;

/**
 * The agents' own settings, offline and live alike.
 *
 * @param numStates           swarm-cpu-ram: buckets of CPU and of RAM (the original's {@code num_states})
 * @param hpaTarget           hpa: CPU utilisation per replica to aim at, a fraction
 * @param sloBudgetPct        hpa-tuned: the largest share of steps above the objective its target
 *                            may give on the training load, percent
 * @param staticReplicas      static: the fixed replica count
 * @param cpuThreshold        threshold: CPU per replica above which it adds a replica, a fraction
 * @param ramThresholdPercent threshold: {@code ram_usage} above which it adds a replica, percent
 *                            (100 or more: never)
 * @param onlineEpsilon       a learning agent live: its chance of a random action
 */
public record AgentSettings(int numStates, double hpaTarget, double sloBudgetPct, int staticReplicas,
                            double cpuThreshold, double ramThresholdPercent, double onlineEpsilon) {}
