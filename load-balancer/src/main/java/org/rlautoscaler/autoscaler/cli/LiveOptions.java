package org.rlautoscaler.autoscaler.cli;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.rlautoscaler.autoscaler.catalog.AgentKind;
import org.rlautoscaler.autoscaler.env.Limits;
import org.rlautoscaler.autoscaler.fleet.QueryTemplates;
import org.rlautoscaler.autoscaler.fleet.ServiceSettings;
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
    /**
     * How the query options' defaults are introduced: by labels, each is a template (see
     * {@link QueryTemplates}) that a service's label {@code rl-autoscaler.query.NAME} may replace.
     */
    private static final String QUERY_DEFAULTS = "By labels, a template for every service ({service}, {requests}, {cores} "
            + "filled in), which the label rl-autoscaler.query.NAME replaces. Default with --service-name: ";

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

    /** Where services that opt in with labels are looked for. */
    enum Scope { stack, swarm }

    @Option(names = "--service-name", paramLabel = "NAME", defaultValue = "",
            description = "Scale this one Swarm service (this name, or STACK_NAME_this name) or Kubernetes Deployment, "
                    + "whatever its labels. Default: none: every service labelled rl-autoscaler.enable=true (annotated "
                    + "rl-autoscaler/enable: \"true\" on Kubernetes), each with its own settings from its labels.")
    String serviceName;

    @Option(names = "--stack-name", paramLabel = "NAME", defaultValue = "",
            description = "The stack whose labelled services are scaled (--scope stack), or the stack of --service-name "
                    + "(mystack finds mystack_application). The stack file passes its own. Default: none.")
    String stackName;

    @Option(names = "--scope", paramLabel = "SCOPE", defaultValue = "stack",
            description = "Without --service-name, where labelled services are scaled: stack (those of --stack-name) or "
                    + "swarm (every service of the swarm). On Kubernetes: the Deployments of --namespace. Default: ${DEFAULT-VALUE}.")
    Scope scope;

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

    @Option(names = "--cpu-query", paramLabel = "PROMQL",
            description = "Percent of a replica's CPU limit in use. " + QUERY_DEFAULTS + Queries.CPU_USAGE + "; by labels: "
                    + QueryTemplates.CPU_USAGE)
    String cpuQuery;

    @Option(names = "--ram-query", paramLabel = "PROMQL",
            description = "Percent of memory in use. " + QUERY_DEFAULTS + Queries.RAM_USAGE + "; by labels: " + QueryTemplates.RAM_USAGE)
    String ramQuery;

    @Option(names = "--replica-cpu-query", paramLabel = "PROMQL", 
            description = "CPU cores used per replica. " + QUERY_DEFAULTS + Queries.REPLICA_CPU_UTILISATION + "; by labels: "
                    + QueryTemplates.REPLICA_CPU)
    String replicaCpuQuery;

    @Option(names = "--request-rate-query", paramLabel = "PROMQL", 
            description = "Requests per second. " + QUERY_DEFAULTS + Queries.REQUEST_RATE + "; by labels: "
                    + QueryTemplates.REQUEST_RATE)
    String requestRateQuery;

    @Option(names = "--mean-latency-query", paramLabel = "PROMQL", 
            description = "Mean latency in seconds. " + QUERY_DEFAULTS + Queries.MEAN_LATENCY + "; by labels: "
                    + QueryTemplates.MEAN_LATENCY)
    String meanLatencyQuery;

    @Option(names = "--p95-latency-query", paramLabel = "PROMQL", 
            description = "95th percentile latency in seconds. " + QUERY_DEFAULTS + Queries.P95_LATENCY + "; by labels: "
                    + QueryTemplates.P95_LATENCY)
    String p95LatencyQuery;

    @Option(names = "--running-time-query", paramLabel = "PROMQL", 
            description = "Seconds since the youngest replica started (shown, and used to recognise a replica that "
                    + "restarted; no agent decides from it). " + QUERY_DEFAULTS + Queries.RUNNING_TIME + "; by labels: "
                    + QueryTemplates.RUNNING_TIME)
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

    /** True when services opt in by labels: no --service-name. */
    boolean byLabels() {
        return serviceName == null || serviceName.isBlank();
    }

    /** The query options, by flag, in the order of {@link Queries}: as given, else the defaults of the mode. */
    Map<String, String> queryOptions() {
        Queries q = queries();
        Map<String, String> byFlag = new LinkedHashMap<>();
        byFlag.put("--cpu-query", q.cpuUsage());
        byFlag.put("--ram-query", q.ramUsage());
        byFlag.put("--replica-cpu-query", q.replicaCpuUtilisation());
        byFlag.put("--request-rate-query", q.requestRate());
        byFlag.put("--mean-latency-query", q.meanLatency());
        byFlag.put("--p95-latency-query", q.p95Latency());
        byFlag.put("--running-time-query", q.runningTime());
        return byFlag;
    }

    /**
     * The queries: each option as given, else the default of the mode (the web application's
     * queries for one named service, the conventional templates by labels).
     */
    Queries queries() {
        Queries defaults = byLabels() ? QueryTemplates.conventions() : Queries.defaults();
        return new Queries(or(cpuQuery, defaults.cpuUsage()), or(ramQuery, defaults.ramUsage()),
                or(replicaCpuQuery, defaults.replicaCpuUtilisation()), or(requestRateQuery, defaults.requestRate()),
                or(meanLatencyQuery, defaults.meanLatency()), or(p95LatencyQuery, defaults.p95Latency()),
                or(runningTimeQuery, defaults.runningTime()));
    }

    private static String or(String given, String otherwise) {
        return given != null ? given : otherwise;
    }

    /** The settings of every service, before its labels replace any. */
    ServiceSettings serviceDefaults(Limits limits) {
        AgentKind kind = AgentKind.parse("--agent", agent, AgentKind.liveKinds());
        return new ServiceSettings(limits, kind, mode == Mode.learn, period.sloP95Ms, safety.cooldownSeconds,
                safety.maxStep, agents.hpaTarget, dryRun, queries(), "");
    }
}
