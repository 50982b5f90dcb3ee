package org.rlautoscaler.autoscaler.cli;

import org.rlautoscaler.autoscaler.env.Limits;
import org.rlautoscaler.common.cli.Range;
import org.rlautoscaler.common.config.InvalidSettingException;
import picocli.CommandLine.Option;

/** The replica range: --min-replicas and --max-replicas, offline and live alike. */
public final class ReplicaLimitOptions {
    @Range(min = 1, max = 1000)
    @Option(names = "--min-replicas", paramLabel = "N", defaultValue = "1", description = "Fewest replicas. Default: ${DEFAULT-VALUE}.")
    int minReplicas;

    @Range(min = 1, max = 1000)
    @Option(names = "--max-replicas", paramLabel = "N", defaultValue = "10", description = "Most replicas. Default: ${DEFAULT-VALUE}.")
    int maxReplicas;

    /** The range, checked. */
    Limits limits() {
        return limits(minReplicas, maxReplicas);
    }

    /**
     * The range {@code min} to {@code max}.
     *
     * @throws InvalidSettingException naming --max-replicas when it is below --min-replicas
     */
    static Limits limits(int min, int max) {
        if (max < min) {
            throw new InvalidSettingException("--max-replicas", max, "at least --min-replicas (" + min + ")");
        }
        return new Limits(min, max);
    }
}
