package org.rlautoscaler.autoscaler.cli;

import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.rlautoscaler.autoscaler.agent.Agent;
import org.rlautoscaler.autoscaler.env.Environment;
import org.rlautoscaler.autoscaler.env.Limits;
import org.rlautoscaler.autoscaler.env.ReplicaScaler;
import org.rlautoscaler.autoscaler.kubernetes.KubernetesScaler;
import org.rlautoscaler.autoscaler.live.ControlLoop;
import org.rlautoscaler.autoscaler.live.DryRunScaler;
import org.rlautoscaler.autoscaler.live.LiveTicker;
import org.rlautoscaler.autoscaler.live.LoopMetrics;
import org.rlautoscaler.autoscaler.offline.Agents;
import org.rlautoscaler.autoscaler.prometheus.PrometheusClient;
import org.rlautoscaler.autoscaler.prometheus.PrometheusMetricsSource;
import org.rlautoscaler.autoscaler.safety.SafetyChain;
import org.rlautoscaler.autoscaler.sim.ServiceModel;
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
        Limits limits = options.limits(spec);
        Path weights = writableDirectory("--weights-dir", options.weightsDir);
        Path plots = writableDirectory("--plots-dir", options.plotsDir);
        Path history = options.historyFile != null ? options.historyFile : weights.resolve("history.csv");

        ServiceModel model = SimulationOptions.serviceModel(spec, "--model-file", options.modelFile);
        if (options.sharedCores != null) {
            model = model.withSharedCores(options.sharedCores);
        }
        double coresPerReplica = options.coresPerReplica != null ? options.coresPerReplica : model.coresPerReplica();
        LoopMetrics metrics = new LoopMetrics();
        Agent agent = LiveAgents.create(spec, options, limits, weights, model.withCoresPerReplica(coresPerReplica));
        ReplicaScaler orchestrator = switch (options.orchestrator) {
            case swarm -> SwarmScaler.connect(options.dockerHost, options.serviceName, options.stackName);
            case kubernetes -> KubernetesScaler.connect(options.namespace, options.serviceName);
        };
        ReplicaScaler scaler = options.dryRun ? new DryRunScaler(orchestrator) : orchestrator;
        PrometheusClient prometheus = PrometheusClient.create(options.prometheusUrl);
        PrometheusMetricsSource source = new PrometheusMetricsSource(prometheus, options.queries(), coresPerReplica,
                (field, missing) -> {
                    metrics.fetchError(field, missing.kind().name());
                    log.warn("Missing {}: {} ({})", field, missing.reason(), missing.kind());
                });
        LiveTicker ticker = LiveTicker.real(Duration.ofMillis(Math.round(options.periodSeconds * 1000)));
        long episodeSteps = Math.max(1, Math.round(options.maxTimeMinutes * 60 / options.periodSeconds));
        Environment environment = new Environment(scaler, source, ticker,
                Agents.reward(agent.name(), options.sloP95Ms, limits.max()),
                limits, episodeSteps);
        ControlLoop loop = new ControlLoop(environment, ticker, scaler, agent, new SafetyChain(options.safety(limits)),
                metrics, new ControlLoop.Settings(options.mode == LiveOptions.Mode.learn, options.resetEpisodes,
                        agent.learns() ? weights.resolve(agent.fileName()) : null, history, plots),
                Clock.systemUTC());
        HTTPServer server = HealthEndpoint.start(options.metricsPort, metrics, loop, options.periodSeconds);
        log.info("Scaling {} {}{} between {} and {} replicas with {}{}{}, every {} s; Prometheus {}; "
                        + "metrics and /health on port {}",
                options.orchestrator == LiveOptions.Orchestrator.swarm ? "Swarm service" : "Deployment", options.serviceName,
                options.stackName.isBlank() ? "" : " of stack " + options.stackName, limits.min(), limits.max(),
                agent.name(), agent.learns() ? " (" + options.mode + " mode)" : "",
                options.dryRun ? ", DRY RUN: nothing is scaled" : "", options.periodSeconds,
                options.prometheusUrl, server.getPort());

        CountDownLatch finished = new CountDownLatch(1);
        Thread worker = Thread.currentThread();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("Stopping after the current period");
            loop.stop();
            worker.interrupt();
            try {
                finished.await(java.util.concurrent.TimeUnit.SECONDS.toMillis(20), java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "shutdown"));
        try {
            loop.run();
        } finally {
            server.close();
            prometheus.close();
            if (orchestrator instanceof AutoCloseable closeable) {
                closeable.close();
            }
            finished.countDown();
        }
        return 0;
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
}
