package org.rlautoscaler.autoscaler.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.rlautoscaler.autoscaler.agent.Agent;
import org.rlautoscaler.autoscaler.agent.ForecastSetup;
import org.rlautoscaler.autoscaler.agent.Forecasting;
import org.rlautoscaler.autoscaler.catalog.AgentSettings;
import org.rlautoscaler.autoscaler.env.Environment;
import org.rlautoscaler.autoscaler.env.MetricsSource;
import org.rlautoscaler.autoscaler.env.ReplicaScaler;
import org.rlautoscaler.autoscaler.fleet.DiscoveredService;
import org.rlautoscaler.autoscaler.fleet.Fleet;
import org.rlautoscaler.autoscaler.fleet.ServiceDiscovery;
import org.rlautoscaler.autoscaler.fleet.ServiceSettings;
import org.rlautoscaler.autoscaler.fleet.SharedQueries;
import org.rlautoscaler.autoscaler.live.ControlLoop;
import org.rlautoscaler.autoscaler.live.DryRunScaler;
import org.rlautoscaler.autoscaler.live.LiveTicker;
import org.rlautoscaler.autoscaler.live.LoopMetrics;
import org.rlautoscaler.autoscaler.live.MissingMetrics;
import org.rlautoscaler.autoscaler.offline.LiveAgents;
import org.rlautoscaler.autoscaler.offline.Setup;
import org.rlautoscaler.autoscaler.plots.LearningPlots;
import org.rlautoscaler.autoscaler.prometheus.RateHistory;
import org.rlautoscaler.autoscaler.safety.Fallback;
import org.rlautoscaler.autoscaler.safety.SafetyConfig;
import org.rlautoscaler.autoscaler.sim.ClusterModel;
import org.rlautoscaler.autoscaler.sim.ServiceModel;
import org.rlautoscaler.autoscaler.sim.Workload;
import org.rlautoscaler.common.config.InvalidSettingException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the loop of each service of a {@link Fleet} from the live options and the service's own
 * settings: its agent (pre-trained once for all the services whose settings are the same), its
 * scaler, its metrics source on the shared queries, its files and its ticker on the fleet's grid.
 * With {@code --service-name}, the one service's files are where they always were (WEIGHTS_DIR,
 * PLOTS_DIR); with labels, in WEIGHTS_DIR/KEY/ and PLOTS_DIR/KEY/.
 */
final class ServiceLoops implements Fleet.LoopFactory {
    private static final Logger log = LoggerFactory.getLogger(ServiceLoops.class);

    private final LiveOptions options;
    private final ServiceDiscovery discovery;
    private final SharedQueries queries;
    private final ServiceModel model;
    private final Path weights;
    private final Path plots;
    private final Path historyFile;
    private final long originNanos;
    private final HistoryReader historyReader;
    private final Map<String, Object> pretraining = new ConcurrentHashMap<>();
    private volatile Agent prepared;

    /**
     * @param historyFile the one service's history file (--history-file), used without labels
     * @param originNanos the fleet's grid: every service's periods start at it plus whole periods
     * @param historyReader reads a service's request rate of the last days, for an agent that forecasts
     */
    ServiceLoops(LiveOptions options, ServiceDiscovery discovery, SharedQueries queries, ServiceModel model, Path weights,
                 Path plots, Path historyFile, long originNanos, HistoryReader historyReader) {
        this.historyReader = historyReader;
        this.options = options;
        this.discovery = discovery;
        this.queries = queries;
        this.model = model;
        this.weights = weights;
        this.plots = plots;
        this.historyFile = historyFile;
        this.originNanos = originNanos;
    }

    /** Reads the request rate of the {@code periods} periods up to {@code end} by {@code promql}. */
    @FunctionalInterface
    interface HistoryReader {
        RateHistory read(String promql, Instant end, Duration period, int periods);
    }

    /**
     * The agent of the one named service, made before the loop starts so that a saved file or a
     * pre-training trace that cannot be used ends the program at start: used by its first loop.
     */
    ServiceLoops withPrepared(Agent agent) {
        this.prepared = agent;
        return this;
    }

    @Override
    public ControlLoop create(DiscoveredService service, ServiceSettings settings, LoopMetrics metrics) throws IOException {
        double cores = Fleet.coresPerReplica(service, options.coresPerReplica != null ? options.coresPerReplica
                : model.coresPerReplica());
        ServiceModel replica;
        try {
            replica = model.withCoresPerReplica(cores);
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException("the CPU limit of " + service.key(), cores, "CPU a replica of the model can have ("
                    + e.getMessage() + ")");
        }
        Path dir = discovery.byLabels() ? weights.resolve(service.key()) : weights;
        Path plotsDir = discovery.byLabels() ? plots.resolve(service.key()) : plots;
        Files.createDirectories(dir);
        Files.createDirectories(plotsDir);
        Path history = discovery.byLabels() || historyFile == null ? dir.resolve("history.csv") : historyFile;
        Setup setup = setup(settings, replica);
        AgentSettings agentSettings = agentSettings(settings, setup);
        Agent agent = prepared != null ? prepared : agent(service, settings, setup, agentSettings, dir);
        prepared = null;

        ReplicaScaler orchestrator = discovery.scaler(service);
        ReplicaScaler scaler = settings.dryRun() ? new DryRunScaler(orchestrator) : orchestrator;
        Duration period = Duration.ofMillis(Math.round(options.period.periodSeconds * 1000));
        LiveTicker ticker = LiveTicker.aligned(period, originNanos, d -> Thread.sleep(d.toMillis()), System::nanoTime);
        MissingMetrics missing = new MissingMetrics();
        MetricsSource source = queries.register(service.key(), settings, cores, metric -> {
            metrics.fetchError(metric.field(), metric.kind());
            missing.missing(metric);
        });
        if (agent instanceof Forecasting forecasting) {
            foresee(forecasting, service, setup, period);
        }
        Environment environment = new Environment(scaler, source, ticker,
                settings.agent().reward(settings.sloP95Ms(), settings.limits().max()), settings.limits(), options.episodeSteps());
        return new ControlLoop(environment, ticker, scaler, agent, new org.rlautoscaler.autoscaler.safety.SafetyChain(
                setup.safety()), metrics,
                new ControlLoop.Settings(settings.learn(), options.resetEpisodes,
                        agent.learns() ? dir.resolve(agent.fileName()) : null, history,
                        (name, rewards, errors) -> LearningPlots.writeInto(plotsDir, name, rewards, errors),
                        options.unreadyAfterPeriods),
                Clock.systemUTC(), missing);
    }

    /**
     * The agent starts forecasting from the service's request rate of the last
     * {@value Forecasting#HISTORY_DAYS} days in Prometheus, one point a period; without it, from
     * what it sees from now on.
     */
    private void foresee(Forecasting forecasting, DiscoveredService service, Setup setup, Duration period) {
        Instant now = Instant.now();
        int periods = (int) (Duration.ofDays(Forecasting.HISTORY_DAYS).toMillis() / period.toMillis());
        String query = queries.requestRateQuery(service.key()).orElseThrow();
        RateHistory history = historyReader.read(query, now, period, periods);
        ForecastSetup looking = setup.forecastSetup(now.toEpochMilli() / 1000.0);
        forecasting.foresee(looking, history.rates());
        log.info("{}: read {} of {} periods of its request rate over the last {} days from Prometheus{}; the forecast "
                        + "looks {} s ahead{}", service.key(), history.found(), periods, Forecasting.HISTORY_DAYS,
                history.problem().isEmpty() ? "" : " (stopped: " + history.problem() + ")",
                Math.round(looking.horizonPeriods() * looking.periodSeconds()),
                history.found() == 0 ? ", from what it sees from now on" : "");
    }

    @Override
    public void released(DiscoveredService service) {
        queries.unregister(service.key());
    }

    /** The simulated setup of the service: the period and episode of the options, the service's objective and limits. */
    private Setup setup(ServiceSettings settings, ServiceModel replica) {
        SafetyConfig safety = new SafetyConfig(settings.limits(), Duration.ofMillis(Math.round(settings.cooldownSeconds() * 1000)),
                settings.maxStep(), Duration.ofMillis(Math.round(options.safety.stabilizationSeconds * 1000)));
        int fallback = options.fallbackReplicas == 0 ? 0 : settings.limits().clamp(options.fallbackReplicas);
        return new Setup(ClusterModel.of(replica), options.period.periodSeconds, settings.sloP95Ms(), settings.limits(),
                options.episodeSteps(), safety.withFallback(new Fallback(fallback, options.fallbackAfterPeriods)));
    }

    private AgentSettings agentSettings(ServiceSettings settings, Setup setup) {
        return options.agents.settings(settings.limits(), options.epsilon,
                Workload.scaledPeak(setup.model(), settings.limits().max())).withHpaTarget(settings.hpaTarget());
    }

    /**
     * The service's agent: from its own saved file when it has one; else from the pre-training of
     * another service with the same settings, copied; else pre-trained now, and kept for the next.
     */
    private Agent agent(DiscoveredService service, ServiceSettings settings, Setup setup, AgentSettings agentSettings,
                        Path dir) throws IOException {
        LiveAgents.Source source = new LiveAgents.Source(settings.agent(), dir, options.pretrain.pretrainTrace,
                options.pretrain.pretrainEpisodes, options.modelFile == null ? "bundled" : options.modelFile.toString());
        if (!settings.agent().learns() || !discovery.byLabels()) {
            return LiveAgents.create(source, setup, agentSettings, Optional.empty(), Progress.CONSOLE).agent();
        }
        String fileName = settings.agent().create(setup.agentContext(agentSettings)).fileName();
        String key = Integer.toHexString(String.join("|", settings.agent().id(), settings.limits().toString(),
                Double.toString(settings.sloP95Ms()), Double.toString(settings.cooldownSeconds()),
                Integer.toString(settings.maxStep()), Double.toString(setup.model().service().coresPerReplica()),
                Double.toString(setup.periodSeconds()), Integer.toString(setup.episodeSteps()), agentSettings.toString(),
                String.valueOf(options.pretrain.pretrainTrace), Integer.toString(options.pretrain.pretrainEpisodes),
                String.valueOf(options.modelFile)).hashCode());
        Path shared = weights.resolve(".pretrained").resolve(key).resolve(fileName);
        synchronized (pretraining.computeIfAbsent(key, k -> new Object())) {
            Path own = dir.resolve(fileName);
            if (!Files.exists(own) && Files.isRegularFile(shared)) {
                log.info("{}: starting from the pre-training of a service with the same settings ({})", service.key(), shared);
                Files.copy(shared, own, StandardCopyOption.REPLACE_EXISTING);
            }
            LiveAgents.Prepared prepared = LiveAgents.create(source, setup, agentSettings, Optional.empty(), Progress.CONSOLE);
            if (prepared.origin() == LiveAgents.Origin.PRETRAINED) {
                Files.createDirectories(shared.getParent());
                Files.copy(own, shared, StandardCopyOption.REPLACE_EXISTING);
            }
            return prepared.agent();
        }
    }
}
