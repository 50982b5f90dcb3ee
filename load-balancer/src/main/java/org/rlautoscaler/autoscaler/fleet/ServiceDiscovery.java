package org.rlautoscaler.autoscaler.fleet;

import java.util.List;
import org.rlautoscaler.autoscaler.env.ReplicaScaler;

/**
 * Where the services to scale are found, and how each is scaled: a Docker Swarm engine, a
 * Kubernetes namespace, or the one service named by {@code SERVICE_NAME}.
 */
public interface ServiceDiscovery extends AutoCloseable {
    /**
     * The services to scale now.
     *
     * @throws org.rlautoscaler.autoscaler.env.ScalingException when the orchestrator cannot be read
     */
    List<DiscoveredService> discover();

    /** What scales {@code service}. */
    ReplicaScaler scaler(DiscoveredService service);

    /** True when services opt in by their labels; false for the one named service. */
    boolean byLabels();

    /** Where the services are looked for, in words: "services labelled rl-autoscaler.enable=true in stack mystack". */
    String describe();

    @Override
    default void close() {}
}
