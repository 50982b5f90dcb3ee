package org.rlautoscaler.autoscaler.kubernetes;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v1.Scale;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.RollableScalableResource;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.rlautoscaler.autoscaler.env.ReplicaScaler;
import org.rlautoscaler.autoscaler.env.ScalingException;
import org.rlautoscaler.autoscaler.env.ScalingException.Kind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scales one Kubernetes Deployment, and nothing else: it changes only {@code spec.replicas},
 * through the Deployment's {@code scale} subresource, so the RBAC Role needs {@code get} on
 * {@code deployments}, {@code get}/{@code update} on {@code deployments/scale} and {@code list} on
 * {@code pods} in the namespace, and nothing more.
 *
 * <p>Updates carry the Scale's {@code resourceVersion}, so a change someone else made in between
 * (an HPA, a {@code kubectl scale}, a rollout) is never overwritten: the API server refuses the
 * stale update with HTTP 409, and the scaler reads the Scale again and retries, up to
 * {@value #MAX_RETRIES} times.
 *
 * <p>Every failure is a {@link ScalingException} naming the Deployment, its namespace and the API
 * server.
 */
public final class KubernetesScaler implements ReplicaScaler, AutoCloseable {
    /** Retries of an update refused with 409 Conflict, before giving up with {@code conflict}. */
    static final int MAX_RETRIES = 5;
    /** Wait before the first retry; it doubles for each further one (50, 100, 200 ... ms). */
    static final Duration FIRST_BACKOFF = Duration.ofMillis(50);
    /**
     * Retries fabric8 itself makes of a call that failed to connect or got a 5xx. Its default (10,
     * doubling from 100 ms) would block the control loop for minutes; the loop tries again next
     * period anyway.
     */
    static final int CLIENT_RETRIES = 1;

    private static final Logger log = LoggerFactory.getLogger(KubernetesScaler.class);

    private final KubernetesClient client;
    private final boolean ownsClient;
    private final String namespace;
    private final String name;
    private final String server;

    /**
     * Connects with fabric8's default configuration: the pod's service account when running in a
     * cluster, else {@code KUBECONFIG} or {@code ~/.kube/config} (its current context). Nothing
     * is called until the first read or scale.
     *
     * @param namespace the Deployment's namespace; null or blank: the configured one, else
     *     {@code default}
     */
    public static KubernetesScaler connect(String namespace, String deploymentName) {
        // Set on the auto-configured Config itself: a copy through ConfigBuilder could lose what
        // refreshes expiring credentials (kubeconfig exec plugins, service-account tokens).
        Config config = Config.autoConfigure(null);
        config.setRequestRetryBackoffLimit(CLIENT_RETRIES);
        KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build();
        return new KubernetesScaler(client, namespace, deploymentName);
    }

    /**
     * Uses a client made elsewhere (tests point one at a mock API server); {@link #close()}
     * closes it.
     *
     * @param namespace the Deployment's namespace; null or blank: the client's, else {@code default}
     */
    public KubernetesScaler(KubernetesClient client, String namespace, String deploymentName) {
        this(client, namespace, deploymentName, true);
    }

    /** A scaler on a client shared with others (a {@link KubernetesDiscovery}'s): closing it leaves the client open. */
    KubernetesScaler(KubernetesClient client, String namespace, String deploymentName, boolean ownsClient) {
        this.ownsClient = ownsClient;
        this.client = Objects.requireNonNull(client, "client");
        this.name = Objects.requireNonNull(deploymentName, "deploymentName").strip();
        String configured = client.getNamespace() == null || client.getNamespace().isBlank()
                ? "default" : client.getNamespace();
        this.namespace = namespace == null || namespace.isBlank() ? configured : namespace.strip();
        this.server = String.valueOf(client.getMasterUrl());
    }

    /** Replicas the Deployment asks for ({@code spec.replicas}; absent reads as 1, as Kubernetes defaults it). */
    @Override
    public int desiredReplicas() {
        Deployment deployment = readDeployment();
        Integer replicas = deployment.getSpec() == null ? null : deployment.getSpec().getReplicas();
        return replicas == null ? 1 : replicas;
    }

    /**
     * The Deployment's pods that serve now: those its own selector matches that are Running,
     * Ready, and not being deleted. Pods of other Deployments in the namespace, and terminating
     * ones still draining, are not counted.
     */
    @Override
    public int runningReplicas() {
        Map<String, String> labels = ReadyPods.selectorOf(readDeployment());
        if (labels.isEmpty()) { // listing with no labels would count every pod in the namespace
            throw new ScalingException(Kind.failed, "Kubernetes API server " + server + ": "
                    + description() + " has no spec.selector.matchLabels to find its pods by");
        }
        return ApiErrors.call("list the pods of " + description(), server,
                () -> client.pods().inNamespace(namespace).withLabels(labels).list().getItems())
                .stream()
                .filter(ReadyPods::isServing)
                .mapToInt(pod -> 1)
                .sum();
    }

    /**
     * Sets the Deployment's {@code spec.replicas} to {@code replicas}; does nothing where it asks
     * for that many already. Returns once the API server accepted it: pods start or stop after.
     */
    @Override
    public void scaleTo(int replicas) {
        if (replicas < 0) {
            throw new IllegalArgumentException("Negative replica count " + replicas + " for " + description());
        }
        String what = "scale " + description() + " to " + replicas + " replicas";
        for (int retry = 0; ; retry++) {
            Scale scale = readScale();
            int before = scale.getSpec().getReplicas() == null ? 0 : scale.getSpec().getReplicas();
            if (before == replicas) {
                return;
            }
            scale.getSpec().setReplicas(replicas); // metadata.resourceVersion stays: a stale one gets 409
            try {
                deployment().scale(scale);
                log.info("Scaled {} from {} to {} replicas", description(), before, replicas);
                return;
            } catch (RuntimeException e) {
                if (!ApiErrors.isConflict(e)) {
                    throw ApiErrors.translate(what, server, e);
                }
                if (retry == MAX_RETRIES) {
                    throw new ScalingException(Kind.conflict, "Kubernetes API server " + server + ": "
                            + description() + " changed under every one of " + (MAX_RETRIES + 1)
                            + " attempts to scale it to " + replicas + " replicas", e);
                }
                backOff(retry, replicas);
            }
        }
    }

    /** Closes the client and its connections. */
    @Override
    public void close() {
        if (ownsClient) {
            client.close();
        }
    }

    /** "Deployment namespace/name", as messages name it. */
    String description() {
        return "Deployment " + namespace + "/" + name;
    }

    private RollableScalableResource<Deployment> deployment() {
        return client.apps().deployments().inNamespace(namespace).withName(name);
    }

    private Deployment readDeployment() {
        Deployment deployment = ApiErrors.call("read " + description(), server, () -> deployment().get());
        if (deployment == null) { // fabric8 answers a 404 on get() with null
            throw notFound(null);
        }
        return deployment;
    }

    private Scale readScale() {
        try {
            Scale scale = ApiErrors.call("read the scale of " + description(), server, () -> deployment().scale());
            if (scale == null || scale.getSpec() == null) {
                throw notFound(null);
            }
            return scale;
        } catch (ScalingException e) {
            // The scale subresource answers 404 where the Deployment is absent.
            throw e.kind() == Kind.not_found && e.getCause() != null ? notFound(e.getCause()) : e;
        }
    }

    private ScalingException notFound(Throwable cause) {
        return new ScalingException(Kind.not_found, "Kubernetes API server " + server + ": "
                + description() + " does not exist", cause);
    }

    private void backOff(int retry, int replicas) {
        long millis = FIRST_BACKOFF.toMillis() << retry;
        log.info("{} changed while scaling it to {} replicas; retrying in {} ms", description(), replicas, millis);
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ScalingException(Kind.failed, "Interrupted while scaling " + description() + " on " + server, e);
        }
    }
}
