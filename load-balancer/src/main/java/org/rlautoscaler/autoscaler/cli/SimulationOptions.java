package org.rlautoscaler.autoscaler.cli;

import java.nio.file.Path;
import org.rlautoscaler.autoscaler.env.Limits;
import org.rlautoscaler.autoscaler.offline.AgentSettings;
import org.rlautoscaler.autoscaler.offline.Setup;
import org.rlautoscaler.autoscaler.sim.ClusterModel;
import org.rlautoscaler.autoscaler.sim.ModelFile;
import org.rlautoscaler.autoscaler.sim.ModelFileException;
import org.rlautoscaler.autoscaler.sim.ServiceModel;
import org.rlautoscaler.autoscaler.sim.Workload;
import org.rlautoscaler.common.cli.Cli;
import org.rlautoscaler.common.cli.Range;
import org.rlautoscaler.common.trace.TraceException;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The settings every offline command shares: the service's limits, the control loop, the simulated cluster. */
public final class SimulationOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Range(min = 1, max = 1000)
    @Option(names = "--min-replicas", paramLabel = "N", defaultValue = "1",
            description = "Fewest replicas. Default: ${DEFAULT-VALUE}.")
    int minReplicas;

    @Range(min = 1, max = 1000)
    @Option(names = "--max-replicas", paramLabel = "N", defaultValue = "10",
            description = "Most replicas. Default: ${DEFAULT-VALUE}.")
    int maxReplicas;

    @Range(min = 1, max = 3600)
    @Option(names = "--period-seconds", paramLabel = "SECONDS", defaultValue = "15",
            description = "Simulated time between two decisions. Default: ${DEFAULT-VALUE}.")
    double periodSeconds;

    @Range(min = 1, max = 600_000)
    @Option(names = "--slo-p95-ms", paramLabel = "MS", defaultValue = "100",
            description = "Latency objective: p95 latency at or below this, in milliseconds. Default: ${DEFAULT-VALUE}.")
    double sloP95Ms;

    @Range(min = 0.1, max = 10_080)
    @Option(names = "--max-time-minutes", paramLabel = "MINUTES", defaultValue = "10",
            description = "Length of a training episode, in simulated minutes (the original's max_time_minutes). Default: ${DEFAULT-VALUE}.")
    double maxTimeMinutes;

    @Range(min = 1, max = 10_000)
    @Option(names = "--bins-per-step", paramLabel = "N",
            description = "Compress time on purpose: this many trace bins averaged into one control period, whatever "
                    + "their length. Default: real time (a 60 s bin fills four 15 s periods).")
    Integer binsPerStep;

    @Range(min = 1, max = 1000)
    @Option(names = "--peak-replicas", paramLabel = "N",
            description = "The trace's busiest step is scaled to need about this many replicas. Default: --max-replicas.")
    Integer peakReplicas;

    @Option(names = "--model", paramLabel = "FILE",
            description = "The service model the simulated cluster runs (from `calibrate`). Default: the bundled model, "
                    + "calibrated on the web application's /test (models/web-application.json).")
    Path modelFile;

    @Range(min = 0.01, max = 10_000)
    @Option(names = "--cpu-ms-per-request", paramLabel = "MS",
            description = "CPU time of one request; the model's latency scales with it. Default: the model's.")
    Double cpuMsPerRequest;

    @Range(min = 0, max = 3600)
    @Option(names = "--startup-seconds", paramLabel = "SECONDS",
            description = "Time from asking for a replica to its serving. Default: the model's.")
    Double startupSeconds;

    @Range(min = 0.01, max = 100_000)
    @Option(names = "--shared-cores", paramLabel = "CORES",
            description = "Cores all replicas share, as on one host (3 replicas on 2 cores serve what 2 cores can). "
                    + "Default: the model's (none: each replica has cores of its own).")
    Double sharedCores;

    @Range(min = 0, max = 1)
    @Option(names = "--noise", paramLabel = "FRACTION", defaultValue = "0.03",
            description = "Relative standard deviation of the simulated measurement noise. Default: ${DEFAULT-VALUE}.")
    double noise;

    @Mixin
    AgentOptions agents;

    @Mixin
    SafetyOptions safety;

    Limits limits() {
        if (maxReplicas < minReplicas) {
            throw new ParameterException(spec.commandLine(), "Invalid value for --max-replicas: " + maxReplicas
                    + "; accepted: at least --min-replicas (" + minReplicas + ")");
        }
        return new Limits(minReplicas, maxReplicas);
    }

    Setup setup() {
        ServiceModel service = serviceModel(spec, "--model", modelFile);
        if (cpuMsPerRequest != null) {
            service = service.withCpuSecondsPerRequest(cpuMsPerRequest / 1000);
        }
        if (startupSeconds != null) {
            service = service.withStartupSeconds(startupSeconds);
        }
        if (sharedCores != null) {
            service = service.withSharedCores(sharedCores);
        }
        ClusterModel model = ClusterModel.of(service).withNoise(noise);
        int episodeSteps = Math.max(1, (int) Math.round(maxTimeMinutes * 60 / periodSeconds));
        Limits limits = limits();
        return new Setup(model, periodSeconds, sloP95Ms, limits, episodeSteps, safety.config(limits));
    }

    /** The agents' settings; latency-table's request intervals scaled to the trace as {@code setup}'s model and --peak-replicas scale it. */
    AgentSettings agentSettings(Setup setup) {
        return agents.settings(setup.limits(), 0, Workload.scaledPeak(setup.model(), peakReplicas()));
    }

    /**
     * The load of a trace option's value (a file or a bundled name) in control periods, not yet
     * scaled; a bad trace is a bad value of {@code option} in {@code command}.
     */
    Workload workload(CommandSpec command, String option, String trace) {
        try {
            return Workload.resample(Traces.load(trace), periodSeconds, binsPerStep);
        } catch (TraceException | IllegalArgumentException e) {
            throw Cli.invalid(command, option, trace, "a readable CSV t_seconds,requests or nasa, wikipedia, teastore (here: "
                    + e.getMessage() + ")");
        }
    }

    /** The service model of a file, or the bundled one when {@code file} is null; a bad file is a bad value of {@code option}. */
    static ServiceModel serviceModel(CommandSpec command, String option, Path file) {
        if (file == null) {
            return ModelFile.bundled().service();
        }
        try {
            return ModelFile.read(file).service();
        } catch (ModelFileException e) {
            throw Cli.invalid(command, option, file, "a model file written by calibrate (" + e.getMessage() + ")");
        }
    }

    int peakReplicas() {
        return peakReplicas == null ? maxReplicas : peakReplicas;
    }

}
