package org.rlautoscaler.autoscaler.cli;

import org.rlautoscaler.common.cli.Range;
import picocli.CommandLine.Option;

/** How the agent of the live loop (or of {@code watch}) is prepared in the simulated cluster when nothing is saved. */
public final class PretrainOptions {
    @Option(names = "--pretrain-trace", paramLabel = "FILE", defaultValue = "nasa",
            description = "The load a learning agent pre-trains on (and hpa-tuned is tuned on), in the simulated cluster: "
                    + "CSV t_seconds,requests, or nasa, wikipedia, teastore. Default: ${DEFAULT-VALUE}.")
    String pretrainTrace;

    @Range(min = 0, max = 10_000_000)
    @Option(names = "--pretrain-episodes", paramLabel = "N", defaultValue = "30000",
            description = "With no saved agent, train this many episodes in the simulated cluster before acting, so "
                    + "that the agent does not start from nothing; 0: start empty. Default: ${DEFAULT-VALUE}.")
    int pretrainEpisodes;
}
