package org.rlautoscaler.autoscaler.kubernetes;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import org.rlautoscaler.autoscaler.env.ReplicaScaler;
import org.rlautoscaler.autoscaler.fleet.DiscoveredService;
import org.rlautoscaler.autoscaler.fleet.ServiceDiscovery;
import org.rlautoscaler.autoscaler.fleet.ServiceLabels;

/**
 * The Deployments of one namespace annotated {@code rl-autoscaler/enable: "true"}, listed with
 * one call; their annotations {@code rl-autoscaler/KEY} are read as the Swarm labels
 * {@code rl-autoscaler.KEY} (annotations, since labels cannot hold PromQL). Each is scaled by a
 * {@link KubernetesScaler} on the same client. Listing Deployments is all the RBAC this needs
 * beyond what one Deployment's scaling needs (see k8s/load-balancer.yaml).
 */
public final class KubernetesDiscovery implements ServiceDiscovery {
    /** The annotations' prefix. */
    public static final String PREFIX = "rl-autoscaler/";

    private final KubernetesClient client;
    private final String namespace;
    private final String server;

    /** Connects as {@link KubernetesScaler#connect} does; namespace blank: the configured one, else {@code default}. */
    public static KubernetesDiscovery connect(String namespace) {
        Config config = Config.autoConfigure(null);
        config.setRequestRetryBackoffLimit(KubernetesScaler.CLIENT_RETRIES);
        return new KubernetesDiscovery(new KubernetesClientBuilder().withConfig(config).build(), namespace);
    }

    /** Uses a client made elsewhere (tests point one at a mock API server); {@link #close()} closes it. */
    public KubernetesDiscovery(KubernetesClient client, String namespace) {
        this.client = Objects.requireNonNull(client, "client");
        String configured = client.getNamespace() == null || client.getNamespace().isBlank() ? "default" : client.getNamespace();
        this.namespace = namespace == null || namespace.isBlank() ? configured : namespace.strip();
        this.server = String.valueOf(client.getMasterUrl());
    }

    @Override
    public List<DiscoveredService> discover() {
        List<Deployment> deployments = ApiErrors.call("list the Deployments of namespace " + namespace, server,
                () -> client.apps().deployments().inNamespace(namespace).list().getItems());
        return deployments.stream().filter(d -> d.getMetadata() != null && d.getMetadata().getName() != null)
                .map(d -> Map.entry(d, labels(d.getMetadata().getAnnotations())))
                .filter(entry -> ServiceLabels.enabled(entry.getValue()))
                .map(entry -> new DiscoveredService(entry.getKey().getMetadata().getName(), namespace, entry.getValue(),
                        cpuLimit(entry.getKey())))
                .toList();
    }

    /** The annotations {@code rl-autoscaler/KEY} as labels {@code rl-autoscaler.KEY}; the others are not read. */
    static Map<String, String> labels(Map<String, String> annotations) {
        Map<String, String> labels = new LinkedHashMap<>();
        if (annotations != null) {
            annotations.forEach((key, value) -> {
                if (key.startsWith(PREFIX)) {
                    labels.put(ServiceLabels.PREFIX + key.substring(PREFIX.length()), value);
                }
            });
        }
        return labels;
    }

    /** The CPU limit of the pod's first container, when it sets one. */
    private static OptionalDouble cpuLimit(Deployment deployment) {
        try {
            List<Container> containers = deployment.getSpec().getTemplate().getSpec().getContainers();
            Quantity cpu = containers.getFirst().getResources().getLimits().get("cpu");
            double cores = Quantity.getAmountInBytes(cpu).doubleValue();
            return cores > 0 ? OptionalDouble.of(cores) : OptionalDouble.empty();
        } catch (RuntimeException absent) { // no spec, containers, resources, limits or cpu
            return OptionalDouble.empty();
        }
    }

    @Override
    public ReplicaScaler scaler(DiscoveredService service) {
        return new KubernetesScaler(client, namespace, service.key(), false);
    }

    @Override
    public boolean byLabels() {
        return true;
    }

    @Override
    public String describe() {
        return "Deployments annotated " + PREFIX + "enable: \"true\" in namespace " + namespace + " (API server " + server + ")";
    }

    @Override
    public void close() {
        client.close();
    }
}
