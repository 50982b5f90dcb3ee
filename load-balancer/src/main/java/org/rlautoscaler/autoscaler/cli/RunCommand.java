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
import org.rlautoscaler.autoscaler.env.Limits;
import org.rlautoscaler.autoscaler.files.OutputDirectory;
import org.rlautoscaler.autoscaler.fleet.Fleet;
import org.rlautoscaler.autoscaler.fleet.NamedService;
import org.rlautoscaler.autoscaler.fleet.QueryTemplates;
import org.rlautoscaler.autoscaler.fleet.ServiceDiscovery;
import org.rlautoscaler.autoscaler.fleet.ServiceSettings;
import org.rlautoscaler.autoscaler.fleet.SharedQueries;
import org.rlautoscaler.autoscaler.kubernetes.KubernetesDiscovery;
import org.rlautoscaler.autoscaler.kubernetes.KubernetesScaler;
import org.rlautoscaler.autoscaler.live.LiveTicker;
import org.rlautoscaler.autoscaler.live.LoopMetrics;
import org.rlautoscaler.autoscaler.live.server.HealthEndpoint;
import org.rlautoscaler.autoscaler.offline.LiveAgents;
import org.rlautoscaler.autoscaler.offline.Setup;
import org.rlautoscaler.autoscaler.progress.ProgressListener;
import org.rlautoscaler.autoscaler.prometheus.PrometheusClient;
import org.rlautoscaler.autoscaler.prometheus.RateHistory;
import org.rlautoscaler.autoscaler.prometheus.QueryResult;
import org.rlautoscaler.autoscaler.sim.ModelFile;
import org.rlautoscaler.autoscaler.sim.ServiceModel;
import org.rlautoscaler.autoscaler.sim.Workload;
import org.rlautoscaler.autoscaler.swarm.SwarmDiscovery;
import org.rlautoscaler.autoscaler.swarm.SwarmScaler;
import org.rlautoscaler.common.cli.Cli;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code run}: scales Docker Swarm services or Kubernetes Deployments from Prometheus metrics,
 * period after period, until stopped (SIGTERM): every service labelled
 * {@code rl-autoscaler.enable=true} (in its stack, or the whole swarm), each with its own
 * settings from its labels, or the one service named by {@code --service-name}. The agents,
 * rewards and environment are the offline ones; Prometheus and the orchestrator stand behind the
 * {@code MetricsSource}, {@code ReplicaScaler} and {@code ServiceDiscovery} interfaces, and this
 * is the one place that picks the orchestrator.
 *
 * <p>Every setting is checked before anything slow starts: a bad one ends the program with one
 * line naming it and exit status 2. The queries are sent to Prometheus once at start when it
 * answers, so that one it cannot parse is such an error too.
 */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Scales the Docker Swarm services labelled rl-autoscaler.enable=true (or the Kubernetes Deployments "
                + "so annotated), or the one named by --service-name, from Prometheus metrics, live.")
public final class RunCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(RunCommand.class);

    @Spec
    CommandSpec spec;

    @Mixin
    LiveOptions options;

    @Override
    public Integer call() throws Exception {
        Limits limits = options.limits();
        options.liveSafety(limits); // the fallback, checked against the limits
        ServiceSettings defaults = options.serviceDefaults(limits);
        String prometheusUrl = options.prometheusUrl();
        boolean swarm = options.orchestrator == LiveOptions.Orchestrator.swarm;
        String dockerHost = swarm ? options.dockerHost() : null;
        Path weights = writableDirectory("--weights-dir", options.weightsDir);
        Path plots = writableDirectory("--plots-dir", options.plotsDir);
        if (options.byLabels() && options.historyFile != null) {
            throw Cli.invalid(spec, "--history-file", options.historyFile, "no value without --service-name: each service "
                    + "found by its labels writes WEIGHTS_DIR/SERVICE/history.csv");
        }
        Path history = options.byLabels() ? null : options.historyFile != null
                ? writableFile("--history-file", options.historyFile)
                : writableFile("--weights-dir", weights.resolve("history.csv"));

        LoopMetrics metrics = new LoopMetrics(options.byLabels() ? "" : options.serviceName);
        Map<String, Object> about = new LinkedHashMap<>();
        if (!options.byLabels()) {
            about.put("service", options.serviceName);
        }
        about.put("orchestrator", options.orchestrator.name());
        about.put("agent", options.agent);
        about.put("mode", options.mode.name());
        about.put("dry_run", options.dryRun);
        about.put("period_seconds", options.period.periodSeconds);
        about.put("slo_p95_ms", options.period.sloP95Ms);
        about.put("min_replicas", limits.min());
        about.put("max_replicas", limits.max());
        AgentKind kind = defaults.agent();
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
            Agent named = options.byLabels() ? null : liveAgent(kind, options, limits, weights, replica, Progress.CONSOLE).agent();
            if (named != null) {
                about.put("agent", named.name());
            }
            if (options.byLabels() && swarm && options.scope == LiveOptions.Scope.stack && options.stackName.isBlank()) {
                throw Cli.invalid(spec, "--stack-name", "", "the stack whose labelled services are scaled (the stack file "
                        + "passes its own), or --scope swarm to scale the labelled services of the whole swarm, or "
                        + "--service-name NAME to scale one service");
            }
            try (ServiceDiscovery discovery = discovery(dockerHost)) {
                Duration period = Duration.ofMillis(Math.round(options.period.periodSeconds * 1000));
                SharedQueries queries = new SharedQueries(prometheus::queryGrouped,
                        period.dividedBy(2).compareTo(Duration.ofSeconds(2)) < 0 ? period.dividedBy(2) : Duration.ofSeconds(2),
                        System::nanoTime);
                long origin = System.nanoTime();
                ServiceLoops loops = new ServiceLoops(options, discovery, queries, model, weights, plots, history, origin,
                        (query, end, step, periods) -> RateHistory.read(prometheus, query, end, step, periods))
                        .withPrepared(named);
                Fleet fleet = new Fleet(discovery, defaults, loops, metrics,
                        LiveTicker.aligned(period, origin, d -> Thread.sleep(d.toMillis()), System::nanoTime),
                        Clock.systemUTC(), options.unreadyAfterPeriods);
                endpoint.serve(fleet);
                log.info("Scaling {} between {} and {} replicas with {}{}{}, every {} s; Prometheus {}; "
                                + "the agent's page, /metrics, /health, /ready and /api/* on port {}",
                        discovery.describe() + (options.byLabels() ? " (each label replaces a setting)" : ""),
                        limits.min(), limits.max(), named != null ? named.name() : kind.id(),
                        kind.learns() ? " (" + options.mode + " mode, epsilon " + options.epsilon + ")" : "",
                        options.dryRun ? ", DRY RUN: nothing is scaled" : "", options.period.periodSeconds,
                        prometheus.baseUrl(), endpoint.port());
                fleet.runUntilShutdown(discovery);
            }
            return 0;
        }
    }

    /** Where the services are found: by labels, or the one named; on Swarm or Kubernetes. This is the one place that picks. */
    private ServiceDiscovery discovery(String dockerHost) {
        if (options.byLabels()) {
            return switch (options.orchestrator) {
                case swarm -> SwarmDiscovery.connect(dockerHost, options.scope == LiveOptions.Scope.swarm ? "" : options.stackName);
                case kubernetes -> KubernetesDiscovery.connect(options.namespace);
            };
        }
        return switch (options.orchestrator) {
            case swarm -> new NamedService(options.serviceName, options.stackName,
                    SwarmScaler.connect(dockerHost, options.serviceName, options.stackName), "Swarm service "
                    + options.serviceName + (options.stackName.isBlank() ? "" : " of stack " + options.stackName));
            case kubernetes -> new NamedService(options.serviceName, options.namespace,
                    KubernetesScaler.connect(options.namespace, options.serviceName), "Deployment " + options.serviceName);
        };
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

    /**
     * Sends each query once. One that Prometheus cannot parse ({@code bad_data}) is a bad setting.
     * Prometheus may also not answer yet (the stack is starting): then the queries are checked by
     * the loop, which holds and says why until it answers.
     */
    private void checkQueries(PrometheusClient prometheus) {
        for (Map.Entry<String, String> option : options.queryOptions().entrySet()) {
            String query = QueryTemplates.forServices(QueryTemplates.forService(option.getValue(), "", 1), List.of("check"));
            QueryResult result = prometheus.query(query);
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
