package org.rlautoscaler.autoscaler.swarm;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Service;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.rlautoscaler.autoscaler.env.ScalingException;
import org.rlautoscaler.autoscaler.env.ScalingException.Kind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the Swarm service the user means by a short name. {@code docker stack deploy} names a
 * stack's services {@code <stack>_<service>} (the original deployment scaled
 * {@code mystack_application}), so users may give either name. In order:
 * <ol>
 *   <li>the service named exactly {@code serviceName};
 *   <li>with a stack: the service named {@code stackName + "_" + serviceName};
 *   <li>without a stack: the only service whose name ends with {@code "_" + serviceName}.
 * </ol>
 * None, or several in the last step, is {@link Kind#not_found}. The message names the services
 * of the same stack only (the engine may run other people's), and otherwise counts them.
 * The ID found is remembered, and looked up again when the engine no longer knows it (the
 * service was removed and recreated, by a stack redeploy for instance).
 *
 * <p>Names are compared here rather than with the engine's {@code name} filter, which matches
 * prefixes: {@code app} would find {@code application}.
 */
final class ServiceLocator {
    private static final Logger log = LoggerFactory.getLogger(ServiceLocator.class);

    private final DockerClient docker;
    private final String engineHost;
    private final String serviceName;
    private final String stackName;
    private volatile String serviceId;

    ServiceLocator(DockerClient docker, String engineHost, String serviceName, String stackName) {
        this.docker = Objects.requireNonNull(docker, "docker");
        this.engineHost = engineHost;
        this.serviceName = requireName(serviceName);
        this.stackName = stackName == null ? "" : stackName.strip();
    }

    /**
     * Calls the engine about the service with its remembered ID; where the engine answers 404
     * for that ID, finds the service by name again and calls once more.
     *
     * @param what what the call does, for messages: "inspect"
     */
    <T> T onService(String what, Function<String, T> call) {
        String description = what + " service " + description();
        String id = serviceId;
        if (id != null) {
            try {
                return call.apply(id);
            } catch (RuntimeException e) {
                if (!EngineErrors.isNotFound(e)) {
                    throw EngineErrors.translate(description, engineHost, e);
                }
                log.info("Service {} ({}) is gone; looking it up again", description(), id);
            }
        }
        String found = resolveId();
        serviceId = found;
        return EngineErrors.call(description, engineHost, () -> call.apply(found));
    }

    /** Forgets the remembered ID: the next call looks the service up by name. */
    void forget() {
        serviceId = null;
    }

    /** The service's ID, looked up now. */
    private String resolveId() {
        List<Service> services = EngineErrors.call("list services to find " + description(), engineHost,
                () -> docker.listServicesCmd().exec());
        return pick(services);
    }

    /** The label {@code docker stack deploy} puts on a stack's services. */
    static final String STACK_LABEL = "com.docker.stack.namespace";

    /** What the user asked for, for messages: {@code application (stack mystack)}. */
    String description() {
        return stackName.isEmpty() ? serviceName : serviceName + " (stack " + stackName + ")";
    }

    private String pick(List<Service> services) {
        List<Service> exact = named(services, serviceName);
        if (exact.size() == 1) {
            return exact.getFirst().getId();
        }
        if (!stackName.isEmpty()) {
            String stacked = stackName + "_" + serviceName;
            List<Service> inStack = named(services, stacked);
            if (inStack.size() == 1) {
                return inStack.getFirst().getId();
            }
            throw notFound("no service named " + serviceName + " or " + stacked, services);
        }
        String suffix = "_" + serviceName;
        List<Service> suffixed = services.stream()
                .filter(service -> nameOf(service).endsWith(suffix))
                .toList();
        if (suffixed.size() == 1) {
            return suffixed.getFirst().getId();
        }
        if (suffixed.isEmpty()) {
            throw notFound("no service named " + serviceName + " or *" + suffix, services);
        }
        List<String> stacks = suffixed.stream().map(ServiceLocator::stackOf).sorted().toList();
        throw new ScalingException(Kind.not_found, "Docker engine " + engineHost + ": no service named " + serviceName
                + ", and " + suffixed.size() + " services named *" + suffix + ", in stacks " + stacks
                + ": give the stack name (STACK_NAME)");
    }

    /**
     * Not found: with a stack, the names of that stack's services, which are the user's own;
     * without one, only how many services the engine runs.
     */
    private ScalingException notFound(String what, List<Service> services) {
        String others;
        if (stackName.isEmpty()) {
            others = "the engine runs " + services.size() + " service" + (services.size() == 1 ? "" : "s")
                    + " (not listed: give STACK_NAME to see your stack's)";
        } else {
            List<String> inStack = services.stream().filter(service -> stackName.equals(stackOf(service)))
                    .map(ServiceLocator::nameOf).sorted().toList();
            others = inStack.isEmpty() ? "stack " + stackName + " has no services"
                    : "services of stack " + stackName + ": " + String.join(", ", inStack);
        }
        return new ScalingException(Kind.not_found, "Docker engine " + engineHost + ": " + what + "; " + others);
    }

    private static String stackOf(Service service) {
        var labels = service.getSpec() == null ? null : service.getSpec().getLabels();
        String stack = labels == null ? null : labels.get(STACK_LABEL);
        return stack == null ? "(none)" : stack;
    }

    private static List<Service> named(List<Service> services, String name) {
        return services.stream().filter(service -> name.equals(nameOf(service))).toList();
    }

    private static String nameOf(Service service) {
        return service.getSpec() == null ? "" : String.valueOf(service.getSpec().getName());
    }

    private static String requireName(String serviceName) {
        if (serviceName == null || serviceName.isBlank()) {
            throw new IllegalArgumentException("a service name is needed, got '" + serviceName + "'");
        }
        return serviceName.strip();
    }
}
