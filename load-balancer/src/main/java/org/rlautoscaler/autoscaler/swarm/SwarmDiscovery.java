package org.rlautoscaler.autoscaler.swarm;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.ResourceRequirements;
import com.github.dockerjava.api.model.Service;
import com.github.dockerjava.api.model.ServiceSpec;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.transport.DockerHttpClient;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.rlautoscaler.autoscaler.env.ReplicaScaler;
import org.rlautoscaler.autoscaler.fleet.DiscoveredService;
import org.rlautoscaler.autoscaler.fleet.ServiceDiscovery;
import org.rlautoscaler.autoscaler.fleet.ServiceLabels;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Swarm services labelled {@code rl-autoscaler.enable=true}, in one stack (the services whose
 * label {@code com.docker.stack.namespace} names it) or in the whole swarm, listed with one call
 * to the engine, whose label filters do the selecting. Each is scaled by a {@link SwarmScaler} on
 * the same client.
 */
public final class SwarmDiscovery implements ServiceDiscovery {
    /** The label {@code docker stack deploy} puts on a stack's services. */
    public static final String STACK_LABEL = "com.docker.stack.namespace";
    private static final Logger log = LoggerFactory.getLogger(SwarmDiscovery.class);

    private final DockerClient docker;
    private final RawServiceApi raw;
    private final String engineHost;
    private final String stack;

    /**
     * @param stack the stack whose services are scaled; blank: every service of the swarm
     */
    public static SwarmDiscovery connect(String dockerHost, String stack) {
        DockerClientConfig config = SwarmScaler.config(dockerHost);
        return new SwarmDiscovery(config, SwarmScaler.http(config), stack);
    }

    SwarmDiscovery(DockerClientConfig config, DockerHttpClient http, String stack) {
        this.docker = DockerClientImpl.getInstance(config, http);
        this.raw = new RawServiceApi(http);
        this.engineHost = config.getDockerHost().toString();
        this.stack = stack == null ? "" : stack.strip();
    }

    @Override
    public List<DiscoveredService> discover() {
        Map<String, String> filter = new LinkedHashMap<>();
        filter.put(ServiceLabels.ENABLE, "true");
        if (!stack.isEmpty()) {
            filter.put(STACK_LABEL, stack);
        }
        List<Service> services = EngineErrors.call("list the services labelled " + ServiceLabels.ENABLE + "=true",
                engineHost, () -> docker.listServicesCmd().withLabelFilter(filter).exec());
        return services.stream().filter(service -> service.getSpec() != null && service.getSpec().getName() != null)
                .map(SwarmDiscovery::discovered).toList();
    }

    private static DiscoveredService discovered(Service service) {
        ServiceSpec spec = service.getSpec();
        Map<String, String> labels = spec.getLabels() == null ? Map.of() : spec.getLabels();
        return new DiscoveredService(spec.getName(), labels.getOrDefault(STACK_LABEL, ""), labels, cpuLimit(spec));
    }

    /** The CPU limit of each task ({@code deploy.resources.limits.cpus}), when set. */
    private static OptionalDouble cpuLimit(ServiceSpec spec) {
        ResourceRequirements resources = spec.getTaskTemplate() == null ? null : spec.getTaskTemplate().getResources();
        Long nanoCpus = resources == null || resources.getLimits() == null ? null : resources.getLimits().getNanoCPUs();
        return nanoCpus == null || nanoCpus <= 0 ? OptionalDouble.empty() : OptionalDouble.of(nanoCpus / 1e9);
    }

    @Override
    public ReplicaScaler scaler(DiscoveredService service) {
        return new SwarmScaler(docker, raw, engineHost, service.key(), "", false);
    }

    @Override
    public boolean byLabels() {
        return true;
    }

    @Override
    public String describe() {
        return "Swarm services labelled " + ServiceLabels.ENABLE + "=true " + (stack.isEmpty() ? "in the whole swarm"
                : "in stack " + stack) + " (Docker engine " + engineHost + ")";
    }

    @Override
    public void close() {
        try {
            docker.close();
        } catch (IOException e) {
            log.warn("Closing the Docker client for {} failed: {}", engineHost, e.toString());
        }
    }
}
