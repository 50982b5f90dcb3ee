package org.rlautoscaler.autoscaler.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.rlautoscaler.autoscaler.agent.Agent;
import org.rlautoscaler.autoscaler.agent.Forecasting;
import org.rlautoscaler.autoscaler.catalog.AgentKind;
import org.rlautoscaler.autoscaler.env.Environment;
import org.rlautoscaler.autoscaler.files.OutputDirectory;
import org.rlautoscaler.autoscaler.live.ControlLoop;
import org.rlautoscaler.autoscaler.live.LiveTicker;
import org.rlautoscaler.autoscaler.live.LoopMetrics;
import org.rlautoscaler.autoscaler.live.server.HealthEndpoint;
import org.rlautoscaler.autoscaler.offline.LiveAgents;
import org.rlautoscaler.autoscaler.offline.Setup;
import org.rlautoscaler.autoscaler.safety.SafetyChain;
import org.rlautoscaler.autoscaler.sim.PacedTicker;
import org.rlautoscaler.autoscaler.sim.SimulatedCluster;
import org.rlautoscaler.autoscaler.sim.Workload;
import org.rlautoscaler.common.cli.Range;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code watch}: the live loop on the simulated cluster, in compressed real time, behind the
 * agent's page. The agent, safety chain, loop and page are those of {@code run}; only the service
 * is simulated, replaying a trace period after period ({@code --speed 60}: a 15 s period every
 * 0.25 s, an hour of traffic a minute), from its start again when it ends. No Docker, no
 * Prometheus.
 */
@Command(name = "watch", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Runs the agent on the simulated cluster in compressed real time and serves its page "
                + "(decisions, what it sees and expects, the last hour) at http://localhost:PORT/.")
public final class WatchCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(WatchCommand.class);

    @Spec
    CommandSpec spec;

    @Option(names = "--trace", paramLabel = "FILE", defaultValue = "wikipedia",
            description = "The traffic the simulated service gets: CSV t_seconds,requests, or a bundled trace: nasa, "
                    + "wikipedia, teastore. Default: ${DEFAULT-VALUE}.")
    String trace;

    @Range(min = 0.1, max = 100_000)
    @Option(names = "--speed", paramLabel = "FACTOR", defaultValue = "60",
            description = "Simulated seconds per real second (60: an hour of traffic a minute). Default: ${DEFAULT-VALUE}.")
    double speed;

    @Range(min = 0, max = 65_535)
    @Option(names = {"--port", "--metrics-port"}, paramLabel = "PORT", defaultValue = "8002",
            description = "Where the page, /metrics, /health and /api/* are served, as by `run` (0: any free port). "
                    + "Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--agent", paramLabel = "NAME", defaultValue = "qlearning",
            description = "${bundle:agents.all}. Default: ${DEFAULT-VALUE}.")
    String agent;

    @Option(names = "--mode", paramLabel = "MODE", defaultValue = "greedy",
            description = "greedy: act on what it learnt; learn: go on learning, exploring with --epsilon. "
                    + "Default: ${DEFAULT-VALUE}.")
    LiveOptions.Mode mode;

    @Range(min = 0, max = 1)
    @Option(names = "--epsilon", paramLabel = "FRACTION", defaultValue = "0.05",
            description = "In learn mode, the chance of a random action. Default: ${DEFAULT-VALUE}.")
    double epsilon;

    @Option(names = "--weights-dir", paramLabel = "DIR",
            description = "A learning agent starts from its file here (AGENT-qtable.json, as `train` writes it), or "
                    + "is trained and saved here first. Default: trained anew, not saved.")
    Path weightsDir;

    @Mixin
    PretrainOptions pretrain;

    @Range(min = 0, max = Long.MAX_VALUE)
    @Option(names = "--seed", paramLabel = "S", defaultValue = "1",
            description = "Seed of the simulated noise; each new pass of the trace takes the next. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Mixin
    SimulationOptions options;

    @Option(names = "--log-decisions", description = "Log every decision at INFO, as `run` does (default: at DEBUG, "
            + "shown with LOG_LEVEL=DEBUG; the page shows them, and at 60 x real time they are 4 lines a second).")
    boolean logDecisions;

    @Override
    public Integer call() throws IOException {
        Setup setup = options.setup();
        AgentKind kind = AgentKind.parse("--agent", agent, AgentKind.all());
        Workload workload = options.workload("--trace", trace).scaledToItsPeak(setup.model(), options.peakReplicas());
        LoopMetrics metrics = new LoopMetrics();
        Map<String, Object> about = about(setup);
        Duration period = Duration.ofMillis(Math.round(setup.periodSeconds() * 1000));
        Duration realPeriod = Duration.ofNanos(Math.max(1, Math.round(setup.periodSeconds() * 1e9 / speed)));
        SimulatedCluster cluster = setup.evaluationCluster(workload);
        PacedTicker ticker = new PacedTicker(cluster, period, LiveTicker.real(realPeriod),
                Instant.now().truncatedTo(ChronoUnit.SECONDS));
        // a --weights-dir given is claimed for this run, as run claims its own (checked, one run at a time)
        try (OutputDirectory claimed = weightsDir == null ? null : OutputDirectory.claim("--weights-dir", weightsDir, List.of());
             HealthEndpoint endpoint = HealthEndpoint.startOrRefuse("--port", port, metrics, about, setup.periodSeconds(),
                ticker.clock())) {
            Path weights = weightsDir != null ? weightsDir : Files.createTempDirectory("watch-agent-");
            LiveAgents.Prepared prepared;
            try {
                prepared = LiveAgents.create(new LiveAgents.Source(kind, weights, pretrain.pretrainTrace,
                        pretrain.pretrainEpisodes, options.modelFile == null ? "bundled" : options.modelFile.toString()),
                        setup, options.agents.settings(setup.limits(), epsilon,
                                Workload.scaledPeak(setup.model(), options.peakReplicas())),
                        Optional.of(cluster), Progress.CONSOLE);
            } finally {
                if (weightsDir == null) { // trained anew, not saved: the temporary directory goes, also after a failure
                    deleteTree(weights);
                }
            }
            Agent acting = prepared.agent();
            if (acting instanceof Forecasting forecasting) { // the trace from its start: no history before it
                forecasting.foresee(setup.forecastSetup(0), new double[0]);
            }
            about.put("agent", acting.name());
            if (prepared.origin().fromPretrainTrace()) {
                about.put("pretrain_trace", pretrain.pretrainTrace);
            }
            Environment environment = new Environment(cluster, cluster, ticker, setup.reward(kind),
                    setup.limits(), workload.steps());
            boolean learn = mode == LiveOptions.Mode.learn && acting.learns();
            ControlLoop loop = new ControlLoop(environment, ticker.wall(), cluster, acting, new SafetyChain(setup.safety()),
                    metrics, new ControlLoop.Settings(learn, false,
                            learn && weightsDir != null ? weightsDir.resolve(acting.fileName()) : null, null, null),
                    ticker.clock());
            loop.logDecisionsAt(logDecisions ? Level.INFO : Level.DEBUG);
            endpoint.serve(loop);
            PrintWriter out = spec.commandLine().getOut();
            out.printf(Locale.ROOT, "Watch %s decide on the simulated cluster: http://localhost:%d/%n", acting.name(),
                    endpoint.port());
            out.printf(Locale.ROOT, "%s, %d periods of %.0f s, at %s x real time (a period every %.3f s); Ctrl-C stops.%n",
                    workload.description(), workload.steps(), setup.periodSeconds(), format(speed),
                    realPeriod.toNanos() / 1e9);
            out.flush();
            loop.runUntilShutdown(null);
            return 0;
        }
    }

    private Map<String, Object> about(Setup setup) {
        Map<String, Object> about = new LinkedHashMap<>();
        about.put("service", "simulated service (model " + (options.modelFile == null ? "bundled" : options.modelFile) + ")");
        about.put("orchestrator", "simulated cluster");
        about.put("agent", agent);
        about.put("mode", mode.name());
        about.put("dry_run", false);
        about.put("trace", trace);
        about.put("speed", speed);
        about.put("period_seconds", setup.periodSeconds());
        about.put("slo_p95_ms", setup.sloP95Ms());
        about.put("min_replicas", setup.limits().min());
        about.put("max_replicas", setup.limits().max());
        return about;
    }

    private static String format(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    private static void deleteTree(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            log.debug("Cannot delete {}: {}", directory, e.toString());
        }
    }
}
