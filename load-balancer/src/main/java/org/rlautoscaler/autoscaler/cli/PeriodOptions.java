package org.rlautoscaler.autoscaler.cli;

import org.rlautoscaler.common.cli.Range;
import picocli.CommandLine.Option;

/** The control period, the latency objective and the length of an episode, offline and live alike. */
public final class PeriodOptions {
    @Range(min = 1, max = 3600)
    @Option(names = "--period-seconds", paramLabel = "SECONDS", defaultValue = "15",
            description = "Time between two decisions (simulated time offline). Default: ${DEFAULT-VALUE}.")
    double periodSeconds;

    @Range(min = 1, max = 600_000)
    @Option(names = "--slo-p95-ms", paramLabel = "MS", defaultValue = "100",
            description = "Latency objective: p95 latency at or below this, in milliseconds (the qlearning reward's, "
                    + "hpa-tuned's). Default: ${DEFAULT-VALUE}.")
    double sloP95Ms;

    @Range(min = 0.1, max = 10_080)
    @Option(names = "--max-time-minutes", paramLabel = "MINUTES", defaultValue = "10",
            description = "Length of an episode, in minutes (the original's max_time_minutes): a training episode in "
                    + "the simulated cluster; live, the learning plots are refreshed after each (and RESET_EPISODES "
                    + "applies). Default: ${DEFAULT-VALUE}.")
    double maxTimeMinutes;

    /** Periods in an episode: --max-time-minutes over --period-seconds, at least 1. */
    int episodeSteps() {
        return Math.max(1, (int) Math.round(maxTimeMinutes * 60 / periodSeconds));
    }
}
