package org.rlautoscaler.autoscaler.fleet;

import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * A service the orchestrator lists as opted in.
 *
 * @param key             its name where it is unique: the Swarm service's full name
 *                        ({@code mystack_web}), the Deployment's name; its directory under
 *                        WEIGHTS_DIR, its {@code service} label in Prometheus and in the
 *                        autoscaler's metrics
 * @param group           the stack or namespace it belongs to ("" for none)
 * @param labels          its labels (Swarm) or annotations (Kubernetes, with {@code rl-autoscaler/}
 *                        read as {@code rl-autoscaler.})
 * @param coresPerReplica the CPU limit of one replica, when the service sets one
 */
public record DiscoveredService(String key, String group, Map<String, String> labels, OptionalDouble coresPerReplica) {
    public DiscoveredService {
        Objects.requireNonNull(key, "key");
        group = group == null ? "" : group;
        labels = Map.copyOf(labels);
        Objects.requireNonNull(coresPerReplica, "coresPerReplica");
    }
}
