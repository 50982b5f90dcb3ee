package org.rlautoscaler.autoscaler.cli;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.rlautoscaler.autoscaler.env.Limits;
import org.rlautoscaler.autoscaler.offline.Setup;
import org.rlautoscaler.autoscaler.prometheus.Queries;
import org.rlautoscaler.autoscaler.safety.Fallback;
import org.rlautoscaler.autoscaler.safety.SafetyConfig;
import org.rlautoscaler.autoscaler.sim.ClusterModel;
import org.rlautoscaler.autoscaler.sim.ServiceModel;
import org.rlautoscaler.common.cli.Range;
import org.rlautoscaler.common.config.HttpUrl;
import org.rlautoscaler.common.config.InvalidSettingException;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The settings of the live loop; the original's keep their names (SERVICE_NAME, MIN_REPLICAS, ...). */
public final class LiveOptions {
    enum Mode { learn, greedy }

    /** What runs the service. */
    enum Orchestrator { swarm, kubernetes }

    @Option(names = "--orchestrator", paramLabel = "NAME", defaultValue = "swarm",
            description = "swarm: a Docker Swarm service; kubernetes: a Deployment, through the API. Default: ${DEFAULT-VALUE}.")
    Orchestrator orchestrator;

    @Option(names = "--namespace", paramLabel = "NAME", defaultValue = "",
            description = "kubernetes: the Deployment's namespace. Default: the client configuration's (in a pod: its own), else default.")
    String namespace;

    @Option(names = "--agent", paramLabel = "NAME", defaultValue = "qlearning",
            description = "${bundle:agents.live}. Default: ${DEFAULT-VALUE}.")
    String agent;

    @Option(names = "--mode", paramLabel = "MODE", defaultValue = "learn",
            description = "learn: epsilon-greedy, learning online (the original); greedy: act on the saved Q-table without "
                    + "learning (the original's validation phase). Default: ${DEFAULT-VALUE}.")
    Mode mode;

    @Option(names = "--service-name", paramLabel = "NAME", defaultValue = "application",
            description = "The Swarm service (this name, or STACK_NAME_this name) or the Kubernetes Deployment to scale. Default: ${DEFAULT-VALUE}.")
    String serviceName;

    @Option(names = "--stack-name", paramLabel = "NAME", defaultValue = "",
            description = "Stack the service belongs to (mystack finds mystack_application). Default: none, then any single *_SERVICE_NAME.")
    String stackName;

    @Option(names = "--dry-run", defaultValue = "false", fallbackValue = "true", arity = "0..1",
            description = "Decide and log, never scale. Default: ${DEFAULT-VALUE}.")
    boolean dryRun;

    @Option(names = "--reset-episodes", defaultValue = "false", fallbackValue = "true", arity = "0..1",
            description = "At the end of each episode scale back to MIN_REPLICAS, as the original did. Default: ${DEFAULT-VALUE}.")
    boolean resetEpisodes;

    @Option(names = "--prometheus-url", paramLabel = "URL", defaultValue = "http://prometheus:9090",
            description = "Prometheus server, http:// or https://. Default: ${DEFAULT-VALUE}.")
    String prometheusUrl;

    @Option(names = "--docker-host", paramLabel = "URL",
            description = "Docker engine: unix:///path, tcp://host:port or npipe:///path. Default: unix:///var/run/docker.sock.")
    String dockerHost;

    @Option(names = "--weights-dir", paramLabel = "DIR", defaultValue = "/QSavedWeights",
            description = "Where the Q-table (AGENT-qtable.json) is saved after every update. Default: ${DEFAULT-VALUE}.")
    Path weightsDir;

    @Option(names = "--plots-dir", paramLabel = "DIR", defaultValue = "/plots",
            description = "Where the learning plots are refreshed after every episode. Default: ${DEFAULT-VALUE}.")
    Path plotsDir;

    @Option(names = "--history-file", paramLabel = "FILE",
            description = "One CSV line per period. Default: WEIGHTS_DIR/history.csv.")
    Path historyFile;

    @Range(min = 0, max = 65535)
    @Option(names = "--metrics-port", paramLabel = "PORT", defaultValue = "8002",
            description = "Port of the autoscaler's /metrics, /health, /ready and /api/status; 0 picks a free port. Default: ${DEFAULT-VALUE}.")
    int metricsPort;

    @Range(min = 0.01, max = 1024)
    @Option(names = "--cores-per-replica", paramLabel = "CORES",
            description = "CPU a replica may use (its limit), to turn CPU seconds into utilisation. Default: the model's "
                    + "cores_per_replica (--model-file).")
    Double coresPerReplica;

    @Option(names = "--model-file", paramLabel = "FILE",
            description = "The service model (from calibrate) that pre-training simulates. Default: the bundled model, "
                    + "calibrated on the web application's /test.")
    Path modelFile;

    @Mixin
    SharedCoresOptions shared;

    @Range(min = 0, max = 1)
    @Option(names = "--epsilon", paramLabel = "FRACTION", defaultValue = "0",
            description = "learn mode: chance of a random action on the live service. Default: ${DEFAULT-VALUE}: the agent "
                    + "learns online from its own greedy actions and explores only when this is set above 0.")
    double epsilon;

    @Range(min = 1, max = 10_000)
    @Option(names = "--unready-after-periods", paramLabel = "N", defaultValue = "3",
            description = "/ready answers 503 after this many periods in a row that could not read the metrics or the "
                    + "service, or could not scale it. Default: ${DEFAULT-VALUE}.")
    int unreadyAfterPeriods;

    @Range(min = 0, max = 1000)
    @Option(names = "--fallback-replicas", paramLabel = "N", defaultValue = "0",
            description = "After FALLBACK_AFTER_PERIODS periods in a row without the metrics the agent decides from, ask "
                    + "for this many replicas (as KEDA's fallback). Default: ${DEFAULT-VALUE}: no fallback, hold.")
    int fallbackReplicas;

    @Range(min = 1, max = 10_000)
    @Option(names = "--fallback-after-periods", paramLabel = "N", defaultValue = "3",
            description = "Periods in a row without metrics before FALLBACK_REPLICAS applies. Default: ${DEFAULT-VALUE}.")
    int fallbackAfterPeriods;

    @Option(names = "--cpu-query", paramLabel = "PROMQL", defaultValue = Queries.CPU_USAGE, description = "Default: ${DEFAULT-VALUE}")
    String cpuQuery;

    @Option(names = "--ram-query", paramLabel = "PROMQL", defaultValue = Queries.RAM_USAGE, description = "Default: ${DEFAULT-VALUE}")
    String ramQuery;

    @Option(names = "--replica-cpu-query", paramLabel = "PROMQL", defaultValue = Queries.REPLICA_CPU_UTILISATION,
            description = "CPU cores used per replica. Default: ${DEFAULT-VALUE}")
    String replicaCpuQuery;

    @Option(names = "--request-rate-query", paramLabel = "PROMQL", defaultValue = Queries.REQUEST_RATE,
            description = "Requests per second. Default: ${DEFAULT-VALUE}")
    String requestRateQuery;

    @Option(names = "--mean-latency-query", paramLabel = "PROMQL", defaultValue = Queries.MEAN_LATENCY,
            description = "Mean latency in seconds. Default: ${DEFAULT-VALUE}")
    String meanLatencyQuery;

    @Option(names = "--p95-latency-query", paramLabel = "PROMQL", defaultValue = Queries.P95_LATENCY,
            description = "95th percentile latency in seconds. Default: ${DEFAULT-VALUE}")
    String p95LatencyQuery;

    @Option(names = "--running-time-query", paramLabel = "PROMQL", defaultValue = Queries.RUNNING_TIME,
            description = "Seconds since the youngest replica started (shown, and used to recognise a replica that "
                    + "restarted; no agent decides from it). Default: ${DEFAULT-VALUE}")
    String runningTimeQuery;

    @Mixin
    ReplicaLimitOptions limits;

    @Mixin
    PeriodOptions period;

    @Mixin
    PretrainOptions pretrain;

    @Mixin
    AgentOptions agents;

    @Mixin
    SafetyOptions safety;

    Limits limits() {
        return limits.limits();
    }

    /** Periods in an episode. */
    int episodeSteps() {
        return period.episodeSteps();
    }

    /**
     * The simulated cluster, period, objective, limits, episode length and safety chain the live
     * loop's agent pre-trains with, for {@code model}.
     */
    Setup setup(Limits limits, ServiceModel model) {
        return new Setup(ClusterModel.of(model), period.periodSeconds, period.sloP95Ms, limits, episodeSteps(),
                safety(limits));
    }

    SafetyConfig safety(Limits limits) {
        return safety.config(limits);
    }

    /** The live safety chain: with the fallback, which only a live loop needs. */
    SafetyConfig liveSafety(Limits limits) {
        if (fallbackReplicas != 0 && (fallbackReplicas < limits.min() || fallbackReplicas > limits.max())) {
            throw new InvalidSettingException("--fallback-replicas", fallbackReplicas, "0 (no fallback) or a count from --min-replicas ("
                    + limits.min() + ") to --max-replicas (" + limits.max() + ")");
        }
        return safety(limits).withFallback(new Fallback(fallbackReplicas, fallbackAfterPeriods));
    }

    /** The Prometheus base URL, checked: http or https, with a host. */
    String prometheusUrl() {
        try {
            return HttpUrl.parse(prometheusUrl).toString();
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException("--prometheus-url", prometheusUrl,
                    "an http:// or https:// URL such as http://prometheus:9090 (" + e.getMessage() + ")");
        }
    }

    /** The Docker engine's address, checked (null: docker-java's default, the local socket). */
    String dockerHost() {
        if (dockerHost == null) {
            return null;
        }
        String accepted = "unix:///path/to/docker.sock, tcp://host:port or npipe:///path";
        URI uri;
        try {
            uri = new URI(dockerHost.strip());
        } catch (URISyntaxException e) {
            throw new InvalidSettingException("--docker-host", dockerHost, accepted + " (" + e.getReason() + ")");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        boolean ok = switch (scheme) {
            case "unix", "npipe" -> uri.getPath() != null && !uri.getPath().isBlank();
            case "tcp" -> uri.getHost() != null && uri.getPort() > 0;
            default -> false;
        };
        if (!ok) {
            throw new InvalidSettingException("--docker-host", dockerHost, accepted);
        }
        return dockerHost.strip();
    }

    /** The query options, by flag, in the order of {@link Queries}. */
    Map<String, String> queryOptions() {
        Map<String, String> byFlag = new LinkedHashMap<>();
        byFlag.put("--cpu-query", cpuQuery);
        byFlag.put("--ram-query", ramQuery);
        byFlag.put("--replica-cpu-query", replicaCpuQuery);
        byFlag.put("--request-rate-query", requestRateQuery);
        byFlag.put("--mean-latency-query", meanLatencyQuery);
        byFlag.put("--p95-latency-query", p95LatencyQuery);
        byFlag.put("--running-time-query", runningTimeQuery);
        return byFlag;
    }

    Queries queries() {
        return new Queries(cpuQuery, ramQuery, replicaCpuQuery, requestRateQuery, meanLatencyQuery, p95LatencyQuery,
                runningTimeQuery);
    }
}
