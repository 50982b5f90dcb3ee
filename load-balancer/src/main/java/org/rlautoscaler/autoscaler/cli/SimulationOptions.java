package org.rlautoscaler.autoscaler.cli;

import java.nio.file.Path;
import org.rlautoscaler.autoscaler.catalog.AgentSettings;
import org.rlautoscaler.autoscaler.env.Limits;
import org.rlautoscaler.autoscaler.offline.Setup;
import org.rlautoscaler.autoscaler.sim.ClusterModel;
import org.rlautoscaler.autoscaler.sim.ModelFile;
import org.rlautoscaler.autoscaler.sim.ServiceModel;
import org.rlautoscaler.autoscaler.sim.Traces;
import org.rlautoscaler.autoscaler.sim.Workload;
import org.rlautoscaler.common.cli.Range;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The settings every offline command shares: the service's limits, the control loop, the simulated cluster. */
public final class SimulationOptions {
    @Mixin
    ReplicaLimitOptions limits;

    @Mixin
    PeriodOptions period;

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

    @Mixin
    SharedCoresOptions shared;

    @Range(min = 0, max = 1)
    @Option(names = "--noise", paramLabel = "FRACTION", defaultValue = "0.03",
            description = "Relative standard deviation of the simulated measurement noise. Default: ${DEFAULT-VALUE}.")
    double noise;

    @Mixin
    AgentOptions agents;

    @Mixin
    SafetyOptions safety;

    Limits limits() {
        return limits.limits();
    }

    Setup setup() {
        ServiceModel service = ModelFile.serviceModel("--model", modelFile);
        if (cpuMsPerRequest != null) {
            service = service.withCpuSecondsPerRequest(cpuMsPerRequest / 1000);
        }
        if (startupSeconds != null) {
            service = service.withStartupSeconds(startupSeconds);
        }
        service = shared.apply(service);
        ClusterModel model = ClusterModel.of(service).withNoise(noise);
        Limits limits = limits();
        return new Setup(model, period.periodSeconds, period.sloP95Ms, limits, period.episodeSteps(), safety.config(limits));
    }

    /** The agents' settings; latency-table's request intervals scaled to the trace as {@code setup}'s model and --peak-replicas scale it. */
    AgentSettings agentSettings(Setup setup) {
        return agents.settings(setup.limits(), 0, Workload.scaledPeak(setup.model(), peakReplicas()));
    }

    /**
     * The load of a trace option's value (a file or a bundled name) in control periods, not yet
     * scaled; a bad trace is a bad value of {@code option}.
     */
    Workload workload(String option, String trace) {
        return Traces.workload(option, trace, period.periodSeconds, binsPerStep);
    }

    int peakReplicas() {
        return peakReplicas == null ? limits.maxReplicas : peakReplicas;
    }

}
