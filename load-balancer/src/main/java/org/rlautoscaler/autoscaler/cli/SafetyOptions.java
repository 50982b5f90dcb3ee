package org.rlautoscaler.autoscaler.cli;

import java.time.Duration;
import org.rlautoscaler.autoscaler.env.Limits;
import org.rlautoscaler.autoscaler.safety.SafetyConfig;
import org.rlautoscaler.common.cli.Range;
import picocli.CommandLine.Option;

/** The safety chain's settings: the same for training, evaluation and the live loop. */
public final class SafetyOptions {
    @Range(min = 0, max = 3600)
    @Option(names = "--cooldown-seconds", paramLabel = "SECONDS", defaultValue = "30",
            description = "No change until this long after the last one (the original's 30 s). Default: ${DEFAULT-VALUE}.")
    double cooldownSeconds;

    @Range(min = 1, max = 1000)
    @Option(names = "--max-step", paramLabel = "N", defaultValue = "2",
            description = "Most replicas added or removed by one decision. Default: ${DEFAULT-VALUE}.")
    int maxStep;

    @Range(min = 0, max = 86_400)
    @Option(names = "--stabilization-seconds", paramLabel = "SECONDS", defaultValue = "60",
            description = "A scale-down goes no lower than the highest recommendation of this window. Default: ${DEFAULT-VALUE}.")
    double stabilizationSeconds;

    SafetyConfig config(Limits limits) {
        return new SafetyConfig(limits, Duration.ofMillis(Math.round(cooldownSeconds * 1000)), maxStep,
                Duration.ofMillis(Math.round(stabilizationSeconds * 1000)));
    }
}
