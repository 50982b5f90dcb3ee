package org.rlautoscaler.autoscaler.cli;

import java.util.Locale;
import org.rlautoscaler.autoscaler.agent.original.LatencyTableDesign;
import org.rlautoscaler.autoscaler.catalog.AgentSettings;
import org.rlautoscaler.autoscaler.env.Limits;
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

    @Range(min = 1, max = 1_000_000)
    @Option(names = "--initial-latency", paramLabel = "MS", defaultValue = "500",
            description = "latency-table: width of each latency interval, 0 to MS first (the original's initial_latency). "
                    + "Default: ${DEFAULT-VALUE}.")
    long initialLatency;

    @Range(min = 1, max = 100)
    @Option(names = "--latency-intervals", paramLabel = "N", defaultValue = "4",
            description = "latency-table: how many latency intervals; a latency beyond the last falls into it (the "
                    + "original's interval_size). Default: ${DEFAULT-VALUE}.")
    int latencyIntervals;

    @Range(min = 1, max = 1_000_000_000)
    @Option(names = "--initial-request", paramLabel = "N", defaultValue = "18",
            description = "latency-table: width of each request interval, requests per 30 s (the original's "
                    + "initial_request). Replaced while the request intervals are scaled with the load (below). "
                    + "Default: ${DEFAULT-VALUE}.")
    long initialRequest;

    @Range(min = 1, max = 100)
    @Option(names = "--request-intervals", paramLabel = "N", defaultValue = "3",
            description = "latency-table: how many request intervals (the original's interval_request). "
                    + "Default: ${DEFAULT-VALUE}.")
    int requestIntervals;

    @Option(names = "--scale-request-intervals", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "latency-table: the original's 3 request intervals span 0 to 54 requests per 30 s, the load it "
                    + "was built for; with the trace scaled to the replicas, they are scaled with it, so that the last "
                    + "ends at the scaled trace's busiest period (printed). --no-scale-request-intervals keeps "
                    + "--initial-request as given. Default: scaled.")
    boolean scaleRequestIntervals;

    @Option(names = "--faithful",
            description = "latency-table: the original's update to the letter, whose old value is the state's row "
                    + "maximum (truncated to a whole number) instead of Q(state, action).")
    boolean faithful;

    /**
     * The settings, for a load whose busiest period has {@code peakRate} requests per second (the
     * trace scaled to the replicas; 0 or NaN: not known, the request intervals stay as given).
     */
    AgentSettings settings(Limits limits, double onlineEpsilon, double peakRate) {
        int fixed = staticReplicas != null ? staticReplicas : (limits.min() + limits.max() + 1) / 2;
        LatencyTableDesign design = new LatencyTableDesign(initialLatency, latencyIntervals, initialRequest,
                requestIntervals, faithful);
        String scaling = "";
        if (scaleRequestIntervals && peakRate > 0) {
            LatencyTableDesign scaled = design.scaledToPeak(peakRate);
            scaling = String.format(Locale.ROOT, "request intervals scaled with the load: initial_request %d -> %d, so that "
                            + "the last of %d ends at %d requests per 30 s, the busiest period's %.1f req/s "
                            + "(--no-scale-request-intervals keeps %d)", initialRequest, scaled.initialRequests(),
                    requestIntervals, scaled.initialRequests() * requestIntervals, peakRate, initialRequest);
            design = scaled;
        }
        return new AgentSettings(numStates, hpaTarget, sloBudgetPct, fixed, cpuThreshold / 100, ramThreshold, onlineEpsilon,
                design, scaling);
    }
}
