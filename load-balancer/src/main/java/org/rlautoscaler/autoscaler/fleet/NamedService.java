package org.rlautoscaler.autoscaler.fleet;

import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.rlautoscaler.autoscaler.env.ReplicaScaler;

/**
 * The one service named by {@code SERVICE_NAME}: always there, whatever its labels, scaled with
 * the autoscaler's own settings.
 */
public final class NamedService implements ServiceDiscovery {
    private final DiscoveredService service;
    private final ReplicaScaler scaler;
    private final String description;

    /**
     * @param name        the service's name as given
     * @param group       its stack or namespace, as given ("" for none)
     * @param scaler      what scales it
     * @param description where it is, in words: "Swarm service application of stack mystack"
     */
    public NamedService(String name, String group, ReplicaScaler scaler, String description) {
        this.service = new DiscoveredService(name, group, Map.of(), OptionalDouble.empty());
        this.scaler = scaler;
        this.description = description;
    }

    @Override
    public List<DiscoveredService> discover() {
        return List.of(service);
    }

    @Override
    public ReplicaScaler scaler(DiscoveredService discovered) {
        return scaler;
    }

    @Override
    public boolean byLabels() {
        return false;
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public void close() {
        if (scaler instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                throw new IllegalStateException("cannot close " + description + "'s client: " + e, e);
            }
        }
    }
}
