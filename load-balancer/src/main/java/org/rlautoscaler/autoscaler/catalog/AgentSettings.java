package org.rlautoscaler.autoscaler.catalog;

import java.util.OptionalDouble;
import org.rlautoscaler.autoscaler.agent.original.LatencyTableDesign;

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
 * @param latencyTable        latency-table: its intervals and update ({@code build_table}'s knobs)
 * @param latencyTableScaling latency-table: how its request intervals were scaled with the load, in
 *                            words; empty when they were not
 * @param hpaTunedTarget      hpa-tuned: the target tuning chose; empty until it is tuned
 */
public record AgentSettings(int numStates, double hpaTarget, double sloBudgetPct, int staticReplicas,
                            double cpuThreshold, double ramThresholdPercent, double onlineEpsilon,
                            LatencyTableDesign latencyTable, String latencyTableScaling, OptionalDouble hpaTunedTarget) {

    /** Settings before hpa-tuned is tuned. */
    public AgentSettings(int numStates, double hpaTarget, double sloBudgetPct, int staticReplicas, double cpuThreshold,
                         double ramThresholdPercent, double onlineEpsilon, LatencyTableDesign latencyTable,
                         String latencyTableScaling) {
        this(numStates, hpaTarget, sloBudgetPct, staticReplicas, cpuThreshold, ramThresholdPercent, onlineEpsilon,
                latencyTable, latencyTableScaling, OptionalDouble.empty());
    }

    /** The same, with hpa-tuned's target chosen. */
    public AgentSettings withHpaTunedTarget(double target) {
        return new AgentSettings(numStates, hpaTarget, sloBudgetPct, staticReplicas, cpuThreshold, ramThresholdPercent,
                onlineEpsilon, latencyTable, latencyTableScaling, OptionalDouble.of(target));
    }

    /** The same, with the hpa agent's target CPU fraction {@code target} (a service's own label). */
    public AgentSettings withHpaTarget(double target) {
        return new AgentSettings(numStates, target, sloBudgetPct, staticReplicas, cpuThreshold, ramThresholdPercent,
                onlineEpsilon, latencyTable, latencyTableScaling, hpaTunedTarget);
    }

    /** What latency-table is built with, in one line: its design, and how it was scaled. */
    public String describeLatencyTable() {
        return "latency-table: " + latencyTable.describe()
                + (latencyTableScaling.isEmpty() ? "" : "; " + latencyTableScaling);
    }
}
