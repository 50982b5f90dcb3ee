package org.rlautoscaler.autoscaler.cli;

import org.rlautoscaler.autoscaler.env.Limits;
import org.rlautoscaler.autoscaler.offline.AgentSettings;
import org.rlautoscaler.common.cli.Range;
import picocli.CommandLine.Option;

/** The agents' own settings, shared by the offline commands and the live loop. */
public final class AgentOptions {
    @Range(min = 2, max = 100)
    @Option(names = "--num-states", paramLabel = "N", defaultValue = "2",
            description = "swarm-cpu-ram: buckets of CPU and of RAM (the original's num_states). Default: ${DEFAULT-VALUE}.")
    int numStates;

    @Range(min = 0.05, max = 1)
    @Option(names = "--hpa-target", paramLabel = "FRACTION", defaultValue = "0.7",
            description = "hpa: CPU utilisation per replica to aim at (0.7 = 70 %%). Default: ${DEFAULT-VALUE}.")
    double hpaTarget;

    @Range(min = 0, max = 100)
    @Option(names = "--slo-budget-pct", paramLabel = "PERCENT", defaultValue = "1.0",
            description = "hpa-tuned: its target is the cheapest from 0.30 to 0.95 whose share of periods above the "
                    + "latency objective, on the training load, is at most this. Default: ${DEFAULT-VALUE}.")
    double sloBudgetPct;

    @Range(min = 1, max = 1000)
    @Option(names = "--static-replicas", paramLabel = "N",
            description = "static: the fixed replica count. Default: halfway between the limits, rounded up.")
    Integer staticReplicas;

    @Range(min = 0, max = 100)
    @Option(names = "--cpu-threshold", paramLabel = "PERCENT", defaultValue = "70",
            description = "threshold: CPU per replica, percent, above which it adds a replica (the original's "
                    + "cpu_threshold); below 25 %% it removes one. Default: ${DEFAULT-VALUE}.")
    double cpuThreshold;

    @Range(min = 0, max = 100)
    @Option(names = "--ram-threshold", paramLabel = "PERCENT", defaultValue = "80",
            description = "threshold: ram_usage, percent, above which it adds a replica. Default: ${DEFAULT-VALUE}.")
    double ramThreshold;

    AgentSettings settings(Limits limits, double onlineEpsilon) {
        int fixed = staticReplicas != null ? staticReplicas : (limits.min() + limits.max() + 1) / 2;
        return new AgentSettings(numStates, hpaTarget, sloBudgetPct, fixed, cpuThreshold / 100, ramThreshold, onlineEpsilon);
    }
}
