package org.rlautoscaler.autoscaler.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.rlautoscaler.autoscaler.agent.Agent;
import org.rlautoscaler.autoscaler.catalog.AgentKind;
import org.rlautoscaler.autoscaler.catalog.AgentSettings;
import org.rlautoscaler.autoscaler.env.Environment;
import org.rlautoscaler.autoscaler.env.Limits;
import org.rlautoscaler.autoscaler.env.ReplicaScaler;
import org.rlautoscaler.autoscaler.files.OutputDirectory;
import org.rlautoscaler.autoscaler.kubernetes.KubernetesScaler;
import org.rlautoscaler.autoscaler.live.ControlLoop;
import org.rlautoscaler.autoscaler.live.DryRunScaler;
import org.rlautoscaler.autoscaler.live.LiveTicker;
import org.rlautoscaler.autoscaler.live.LoopMetrics;
import org.rlautoscaler.autoscaler.live.MissingMetrics;
import org.rlautoscaler.autoscaler.live.server.HealthEndpoint;
import org.rlautoscaler.autoscaler.offline.LiveAgents;
import org.rlautoscaler.autoscaler.offline.Setup;
import org.rlautoscaler.autoscaler.plots.LearningPlots;
import org.rlautoscaler.autoscaler.progress.ProgressListener;
import org.rlautoscaler.autoscaler.prometheus.PrometheusClient;
import org.rlautoscaler.autoscaler.prometheus.PrometheusMetricsSource;
import org.rlautoscaler.autoscaler.prometheus.QueryResult;
import org.rlautoscaler.autoscaler.safety.SafetyChain;
import org.rlautoscaler.autoscaler.safety.SafetyConfig;
import org.rlautoscaler.autoscaler.sim.ModelFile;
import org.rlautoscaler.autoscaler.sim.ServiceModel;
import org.rlautoscaler.autoscaler.sim.Workload;
import org.rlautoscaler.autoscaler.swarm.SwarmScaler;
import org.rlautoscaler.common.cli.Cli;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code run}: scales a Docker Swarm service or a Kubernetes Deployment from Prometheus metrics,
 * period after period, until stopped (SIGTERM). The agents, rewards and environment are the
 * offline ones; Prometheus and the orchestrator stand behind the {@code MetricsSource} and
 * {@code ReplicaScaler} interfaces, and this is the one place that picks the orchestrator.
 *
 * <p>Every setting is checked before anything slow starts: a bad one ends the program with one
 * line naming it and exit status 2. The queries are sent to Prometheus once at start when it
 * answers, so that one it cannot parse is such an error too.
 */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Scales a Docker Swarm service or a Kubernetes Deployment from Prometheus metrics, live.")
public final class RunCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(RunCommand.class);

    @Spec
    CommandSpec spec;

    @Mixin
    LiveOptions options;

    @Override
    public Integer call() throws Exception {
        Limits limits = options.limits();
        SafetyConfig safety = options.liveSafety(limits);
        String prometheusUrl = options.prometheusUrl();
        String dockerHost = options.orchestrator == LiveOptions.Orchestrator.swarm ? options.dockerHost() : null;
        Path weights = writableDirectory("--weights-dir", options.weightsDir);
        Path plots = writableDirectory("--plots-dir", options.plotsDir);
        Path history = options.historyFile != null ? writableFile("--history-file", options.historyFile)
                : writableFile("--weights-dir", weights.resolve("history.csv"));

        LoopMetrics metrics = new LoopMetrics();
        Map<String, Object> about = new LinkedHashMap<>();
        about.put("service", options.serviceName);
        about.put("orchestrator", options.orchestrator.name());
        about.put("agent", options.agent);
        about.put("mode", options.mode.name());
        about.put("dry_run", options.dryRun);
        about.put("period_seconds", options.period.periodSeconds);
        about.put("slo_p95_ms", options.period.sloP95Ms);
        about.put("min_replicas", limits.min());
        about.put("max_replicas", limits.max());
        AgentKind kind = AgentKind.parse("--agent", options.agent, AgentKind.liveKinds());
        try (OutputDirectory claimed = OutputDirectory.claim("--weights-dir", weights, List.of("history.csv")); // one run a directory
             HealthEndpoint endpoint = HealthEndpoint.startOrRefuse("--metrics-port", options.metricsPort, metrics,
                about, options.period.periodSeconds, Clock.systemUTC()); // bound first: a port in use is found before anything slow
             PrometheusClient prometheus = PrometheusClient.create(prometheusUrl)) {
            checkQueries(prometheus);
            ServiceModel model = options.shared.apply(ModelFile.serviceModel("--model-file", options.modelFile));
            double coresPerReplica = options.coresPerReplica != null ? options.coresPerReplica : model.coresPerReplica();
            ServiceModel replica;
            try {
                replica = model.withCoresPerReplica(coresPerReplica);
            } catch (IllegalArgumentException e) {
                throw Cli.invalid(spec, "--cores-per-replica", coresPerReplica, "CPU a replica of the model can have ("
                        + e.getMessage() + ")");
            }
            Agent agent = liveAgent(kind, options, limits, weights, replica, Progress.CONSOLE).agent();
            about.put("agent", agent.name());
            ReplicaScaler orchestrator = switch (options.orchestrator) {
                case swarm -> SwarmScaler.connect(dockerHost, options.serviceName, options.stackName);
                case kubernetes -> KubernetesScaler.connect(options.namespace, options.serviceName);
            };
            try {
                return run(kind, agent, orchestrator, prometheus, coresPerReplica, limits, safety, metrics, weights, plots, history,
                        endpoint);
            } finally {
                if (orchestrator instanceof AutoCloseable closeable) {
                    closeable.close();
                }
            }
        }
    }

    /**
     * The live loop's agent of {@code kind} for the service {@code model} describes: its learning
     * settings from {@code options}, pre-trained with the loop's own setup when nothing is saved in
     * {@code weights}. Shared with {@code compare-live report}, which predicts what it did.
     */
    static LiveAgents.Prepared liveAgent(AgentKind kind, LiveOptions options, Limits limits, Path weights,
                                         ServiceModel model, ProgressListener progress) {
        Setup setup = options.setup(limits, model);
        AgentSettings settings = options.agents.settings(limits, options.epsilon,
                Workload.scaledPeak(setup.model(), limits.max()));
        return LiveAgents.create(new LiveAgents.Source(kind, weights, options.pretrain.pretrainTrace,
                options.pretrain.pretrainEpisodes, options.modelFile == null ? "bundled" : options.modelFile.toString()),
                setup, settings, Optional.empty(), progress);
    }

    private int run(AgentKind kind, Agent agent, ReplicaScaler orchestrator, PrometheusClient prometheus, double coresPerReplica,
                    Limits limits, SafetyConfig safety, LoopMetrics metrics, Path weights, Path plots, Path history,
                    HealthEndpoint endpoint) throws IOException {
        ReplicaScaler scaler = options.dryRun ? new DryRunScaler(orchestrator) : orchestrator;
        LiveTicker ticker = LiveTicker.real(Duration.ofMillis(Math.round(options.period.periodSeconds * 1000)));
        MissingMetrics missing = new MissingMetrics();
        PrometheusMetricsSource source = new PrometheusMetricsSource(prometheus, options.queries(), coresPerReplica,
                metric -> {
                    metrics.fetchError(metric.field(), metric.kind());
                    missing.missing(metric);
                });
        Environment environment = new Environment(scaler, source, ticker,
                kind.reward(options.period.sloP95Ms, limits.max()), limits, options.episodeSteps());
        ControlLoop loop = new ControlLoop(environment, ticker, scaler, agent, new SafetyChain(safety), metrics,
                new ControlLoop.Settings(options.mode == LiveOptions.Mode.learn, options.resetEpisodes,
                        agent.learns() ? weights.resolve(agent.fileName()) : null, history,
                        (name, rewards, errors) -> LearningPlots.writeInto(plots, name, rewards, errors),
                        options.unreadyAfterPeriods),
                Clock.systemUTC(), missing);
        endpoint.serve(loop);
        log.info("Scaling {} {}{} between {} and {} replicas with {}{}{}, every {} s; Prometheus {}; "
                        + "the agent's page, /metrics, /health, /ready and /api/* on port {}",
                options.orchestrator == LiveOptions.Orchestrator.swarm ? "Swarm service" : "Deployment", options.serviceName,
                options.stackName.isBlank() ? "" : " of stack " + options.stackName, limits.min(), limits.max(),
                agent.name(), agent.learns() ? " (" + options.mode + " mode, epsilon " + options.epsilon + ")" : "",
                options.dryRun ? ", DRY RUN: nothing is scaled" : "", options.period.periodSeconds,
                prometheus.baseUrl(), endpoint.port());

        loop.runUntilShutdown(orchestrator instanceof AutoCloseable closeable ? closeable : null);
        return 0;
    }

    /**
     * Sends each query once. One that Prometheus cannot parse ({@code bad_data}) is a bad setting.
     * Prometheus may also not answer yet (the stack is starting): then the queries are checked by
     * the loop, which holds and says why until it answers.
     */
    private void checkQueries(PrometheusClient prometheus) {
        for (Map.Entry<String, String> option : options.queryOptions().entrySet()) {
            QueryResult result = prometheus.query(option.getValue());
            if (result instanceof QueryResult.Missing missing) {
                switch (missing.kind()) {
                    case bad_query -> throw Cli.invalid(spec, option.getKey(), option.getValue(),
                            "a PromQL expression Prometheus can parse (Prometheus answered " + missing.reason() + ")");
                    case unreachable, timeout -> {
                        log.warn("Cannot check the queries at start: {}; the loop holds until Prometheus answers",
                                missing.reason());
                        return;
                    }
                    default -> { } // empty, NaN: no data yet, which is not the query's fault
                }
            }
        }
    }

    private Path writableDirectory(String option, Path directory) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw Cli.invalid(spec, option, directory, "a directory that exists or can be created (" + e.getMessage() + ")");
        }
        if (!Files.isWritable(directory)) {
            throw Cli.invalid(spec, option, directory, "a writable directory");
        }
        return directory;
    }

    /** A file lines can be appended to: opened once for appending, created when missing. */
    private Path writableFile(String option, Path file) {
        if (Files.isDirectory(file)) {
            throw Cli.invalid(spec, option, file, "a file one can append to (" + file + " is a directory)");
        }
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            try (OutputStream ignored = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
                return file;
            }
        } catch (IOException e) {
            throw Cli.invalid(spec, option, file, "a file one can append to (" + e + ")");
        }
    }
}
