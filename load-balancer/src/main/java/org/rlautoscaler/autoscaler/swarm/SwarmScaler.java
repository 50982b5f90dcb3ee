package org.rlautoscaler.autoscaler.swarm;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Task;
import com.github.dockerjava.api.model.TaskState;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import com.github.dockerjava.transport.DockerHttpClient;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import org.rlautoscaler.autoscaler.env.ReplicaScaler;
import org.rlautoscaler.autoscaler.env.ScalingException;
import org.rlautoscaler.autoscaler.env.ScalingException.Kind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scales one replicated Docker Swarm service, and nothing else: it changes only the replica
 * count of that service's spec and sends every other field back as the engine returned it
 * (see {@link RawServiceApi} for why not through docker-java's service model).
 *
 * <p>Updates carry the service's version index, so a change someone else made in between (a
 * {@code docker service update}, a stack redeploy) is never overwritten: the engine refuses the
 * stale update ("update out of sequence"), and the scaler reads the service again and retries,
 * up to {@value #MAX_RETRIES} times. The service ID is cached, and looked up again by name when
 * the engine no longer knows it (the service was removed and recreated).
 *
 * <p>Every failure is a {@link ScalingException} naming the service and the engine.
 */
public final class SwarmScaler implements ReplicaScaler, AutoCloseable {
    /** Retries of an update that was out of sequence, before giving up with {@code conflict}. */
    static final int MAX_RETRIES = 5;
    /** Wait before the first retry; it doubles for each further one (50, 100, 200 ... ms). */
    static final Duration FIRST_BACKOFF = Duration.ofMillis(50);
    /** Time to open a connection to the engine. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** Time for the engine to answer one call; scaling calls return before tasks start. */
    static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(30);

    private static final Logger log = LoggerFactory.getLogger(SwarmScaler.class);

    private final DockerClient docker;
    private final RawServiceApi raw;
    private final String engineHost;
    private final ServiceLocator locator;
    private final boolean ownsClient;
    private volatile Runnable beforeUpdate = () -> {};

    /**
     * Connects to the engine at {@code dockerHost} ({@code unix:///var/run/docker.sock},
     * {@code tcp://host:2375}); null: {@code DOCKER_HOST}, else the local socket. The API
     * version is left unset so docker-java speaks the engine's own (pinning a newer one than the
     * engine's is refused). Nothing is called until the first read or scale.
     *
     * @param stackName the stack the service was deployed in, or null/blank: see {@link ServiceLocator}
     */
    public static SwarmScaler connect(String dockerHost, String serviceName, String stackName) {
        DockerClientConfig config = config(dockerHost);
        return new SwarmScaler(config, http(config), serviceName, stackName);
    }

    /** The client configuration for {@code dockerHost} (null or blank: {@code DOCKER_HOST}, else the local socket). */
    static DockerClientConfig config(String dockerHost) {
        DefaultDockerClientConfig.Builder builder = DefaultDockerClientConfig.createDefaultConfigBuilder();
        if (dockerHost != null && !dockerHost.isBlank()) {
            builder.withDockerHost(dockerHost.strip());
        }
        return builder.build();
    }

    /** A transport to the engine of {@code config}, with this class's timeouts. */
    static DockerHttpClient http(DockerClientConfig config) {
        return new ApacheDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .sslConfig(config.getSSLConfig())
                .connectionTimeout(CONNECT_TIMEOUT)
                .responseTimeout(RESPONSE_TIMEOUT)
                .build();
    }

    /**
     * Uses a transport made elsewhere (tests can wrap one to inject failures); {@link #close()}
     * closes it. Typed reads (services, tasks) go through docker-java's client on it, the spec's
     * read-modify-write through {@link RawServiceApi}.
     */
    public SwarmScaler(DockerClientConfig config, DockerHttpClient http, String serviceName, String stackName) {
        this(DockerClientImpl.getInstance(config, http), new RawServiceApi(http), config.getDockerHost().toString(),
                serviceName, stackName, true);
    }

    /** A scaler on a client shared with others (a {@link SwarmDiscovery}'s): closing it leaves the client open. */
    SwarmScaler(DockerClient docker, RawServiceApi raw, String engineHost, String serviceName, String stackName,
                boolean ownsClient) {
        this.docker = docker;
        this.raw = raw;
        this.engineHost = engineHost;
        this.ownsClient = ownsClient;
        this.locator = new ServiceLocator(docker, engineHost, serviceName, stackName);
    }

    /** Replicas the service's spec asks for ({@code Spec.Mode.Replicated.Replicas}). */
    @Override
    public int desiredReplicas() {
        return replicasOf(inspect());
    }

    /** The service's tasks that run now and are meant to (see {@link #isRunning}). */
    @Override
    public int runningReplicas() {
        return locator.onService("list the tasks of", id -> docker.listTasksCmd().withServiceFilter(id).exec())
                .stream()
                .filter(SwarmScaler::isRunning)
                .mapToInt(task -> 1)
                .sum();
    }

    /**
     * Sets the service's replica count to {@code replicas}; does nothing where the spec asks for
     * that many already. Returns once the engine accepted the spec: tasks start or stop after.
     */
    @Override
    public void scaleTo(int replicas) {
        if (replicas < 0) {
            throw new IllegalArgumentException("Negative replica count " + replicas + " for service "
                    + locator.description());
        }
        for (int retry = 0; ; retry++) {
            RawServiceApi.RawService service = inspect();
            int before = replicasOf(service);
            if (before == replicas) {
                return;
            }
            service.replicated().put("Replicas", replicas);
            beforeUpdate.run();
            try {
                raw.update(service.id(), service.version(), service.spec());
                log.info("Scaled service {} from {} to {} replicas", service.spec().path("Name").asText(),
                        before, replicas);
                return;
            } catch (RuntimeException e) {
                if (!EngineErrors.isOutOfSequence(e) && !EngineErrors.isNotFound(e)) {
                    throw EngineErrors.translate("scale service " + locator.description() + " to "
                            + replicas + " replicas", engineHost, e);
                }
                if (EngineErrors.isNotFound(e)) {
                    locator.forget();
                }
                if (retry == MAX_RETRIES) {
                    throw new ScalingException(Kind.conflict, "Docker engine " + engineHost
                            + ": service " + locator.description() + " changed under every one of "
                            + (MAX_RETRIES + 1) + " attempts to scale it to " + replicas + " replicas", e);
                }
                backOff(retry, replicas);
            }
        }
    }

    /**
     * The cores of the swarm's only node, which every replica then shares; empty when the swarm
     * has several nodes (replicas may be spread over them) or the engine does not say.
     */
    public java.util.OptionalDouble singleNodeCores() {
        try {
            var nodes = docker.listSwarmNodesCmd().exec();
            if (nodes.size() == 1 && nodes.getFirst().getDescription() != null
                    && nodes.getFirst().getDescription().getResources() != null
                    && nodes.getFirst().getDescription().getResources().getNanoCPUs() != null) {
                return java.util.OptionalDouble.of(nodes.getFirst().getDescription().getResources().getNanoCPUs() / 1e9);
            }
            return java.util.OptionalDouble.empty();
        } catch (RuntimeException e) {
            throw EngineErrors.translate("list the swarm's nodes", engineHost, e);
        }
    }

    /** Closes the client and its connections, unless it is shared. */
    @Override
    public void close() {
        if (!ownsClient) {
            return;
        }
        try {
            docker.close();
        } catch (IOException e) {
            log.warn("Closing the Docker client for {} failed: {}", engineHost, e.toString());
        }
    }

    /** Test hook: runs between reading the service and sending its update, on each attempt. */
    void beforeUpdate(Runnable hook) {
        this.beforeUpdate = Objects.requireNonNull(hook, "hook");
    }

    private RawServiceApi.RawService inspect() {
        return locator.onService("inspect", raw::inspect);
    }

    private int replicasOf(RawServiceApi.RawService service) {
        ObjectNode replicated = service.replicated();
        if (replicated == null) {
            throw new ScalingException(Kind.failed, "Docker engine " + engineHost + ": service "
                    + service.spec().path("Name").asText() + " is not replicated (mode " + service.mode()
                    + "): it has no replica count to scale");
        }
        // An absent count is read as 0.
        return Math.toIntExact(replicated.path("Replicas").asLong(0));
    }

    /**
     * A task that runs and is meant to: its current state is running and so is its desired state.
     * A task on a node that went down keeps its last reported state, running, while Swarm has
     * already replaced it (desired state shutdown): counting it would count a replica twice.
     */
    static boolean isRunning(Task task) {
        return task.getStatus() != null && task.getStatus().getState() == TaskState.RUNNING
                && (task.getDesiredState() == null || task.getDesiredState() == TaskState.RUNNING);
    }

    private void backOff(int retry, int replicas) {
        long millis = FIRST_BACKOFF.toMillis() << retry;
        log.info("Service {} changed while scaling it to {} replicas; retrying in {} ms",
                locator.description(), replicas, millis);
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ScalingException(Kind.failed, "Interrupted while scaling service "
                    + locator.description() + " on " + engineHost, e);
        }
    }
}
