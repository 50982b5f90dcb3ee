package org.rlautoscaler.autoscaler.swarm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.core.DefaultDockerClientConfig;
import java.net.ServerSocket;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.rlautoscaler.autoscaler.env.ScalingException;
import org.rlautoscaler.autoscaler.env.ScalingException.Kind;

/** Which service a name means, and the errors when there is none, or no engine. */
class SwarmScalerLookupTest extends SwarmTestBase {
    @Test
    void finds_a_stack_service_by_its_short_name_and_the_stack() {
        services.create(services.prefix + "_application", 2);
        scaler = SwarmScaler.connect(null, "application", services.prefix);

        assertEquals(2, scaler.desiredReplicas());
        scaler.scaleTo(1);
        assertEquals(1, scaler.desiredReplicas());
    }

    @Test
    void finds_the_only_stack_prefixed_service_without_a_stack() {
        String shortName = "application" + random();
        services.create(services.prefix + "_" + shortName, 2);

        for (String stack : new String[] {"", null}) {
            try (SwarmScaler blank = SwarmScaler.connect(null, shortName, stack)) {
                assertEquals(2, blank.desiredReplicas());
            }
        }
    }

    @Test
    void several_stack_prefixed_services_are_not_found_and_named() {
        String shortName = "application" + random();
        services.createInStack(services.prefix + "a", shortName, 1);
        services.createInStack(services.prefix + "b", shortName, 1);
        scaler = SwarmScaler.connect(null, shortName, "");

        ScalingException e = assertThrows(ScalingException.class, scaler::desiredReplicas);

        assertEquals(Kind.not_found, e.kind());
        assertTrue(e.getMessage().endsWith("no service named " + shortName + ", and 2 services named *_" + shortName
                + ", in stacks [" + services.prefix + "a, " + services.prefix + "b]: give the stack name (STACK_NAME)"),
                e.getMessage());
    }

    @Test
    void a_missing_service_names_only_the_services_of_its_own_stack() {
        String stack = services.prefix + "mine";
        services.createInStack(stack, "prometheus", 1);
        services.createInStack(services.prefix + "theirs", "secret-service", 1);
        scaler = SwarmScaler.connect(null, "application", stack);

        ScalingException e = assertThrows(ScalingException.class, scaler::desiredReplicas);

        assertEquals(Kind.not_found, e.kind());
        assertTrue(e.getMessage().endsWith(": no service named application or " + stack + "_application; services of stack "
                + stack + ": " + stack + "_prometheus"), e.getMessage());
        assertFalse(e.getMessage().contains("secret-service"), e.getMessage());
    }

    @Test
    void without_a_stack_a_missing_service_counts_the_others_without_naming_them() {
        services.createInStack(services.prefix + "theirs", "secret-service", 1);
        String name = services.prefix + "-missing";
        scaler = SwarmScaler.connect(null, name, "");

        ScalingException e = assertThrows(ScalingException.class, scaler::desiredReplicas);

        assertTrue(e.getMessage().contains("no service named " + name + " or *_" + name + "; the engine runs "), e.getMessage());
        assertTrue(e.getMessage().endsWith(" (not listed: give STACK_NAME to see your stack's)"), e.getMessage());
        assertFalse(e.getMessage().contains("secret-service"), e.getMessage());
    }

    @Test
    void a_missing_service_is_not_found_and_named() {
        String name = services.prefix + "-missing";
        scaler = SwarmScaler.connect(null, name, "nostack");

        for (Executable call : calls(scaler)) {
            ScalingException e = assertThrows(ScalingException.class, call);
            assertEquals(Kind.not_found, e.kind());
            assertTrue(e.getMessage().contains("no service named " + name + " or nostack_" + name), e.getMessage());
            assertTrue(e.getMessage().contains(localEngine()), e.getMessage());
        }
    }

    @Test
    void a_global_service_is_not_replicated() {
        String name = services.prefix + "-global";
        services.createGlobal(name);
        scaler = SwarmScaler.connect(null, name, null);

        ScalingException e = assertThrows(ScalingException.class, () -> scaler.scaleTo(2));

        assertEquals(Kind.failed, e.kind());
        assertTrue(e.getMessage().contains("service " + name + " is not replicated (mode Global)"), e.getMessage());
    }

    @Test
    void an_engine_that_does_not_answer_is_unreachable() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        for (String host : List.of("unix:///tmp/no-such-docker.sock", "tcp://127.0.0.1:" + closedPort)) {
            try (SwarmScaler dead = SwarmScaler.connect(host, "application", "mystack")) {
                for (Executable call : calls(dead)) {
                    ScalingException e = assertThrows(ScalingException.class, call);
                    assertEquals(Kind.unreachable, e.kind(), e.getMessage());
                    assertTrue(e.getMessage().contains("application (stack mystack)"), e.getMessage());
                    assertTrue(e.getMessage().contains(host), e.getMessage());
                }
            }
        }
    }

    @Test
    void a_negative_replica_count_is_refused() {
        scaler = SwarmScaler.connect(null, "application", null);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> scaler.scaleTo(-1));

        assertEquals("Negative replica count -1 for service application", e.getMessage());
    }

    private static List<Executable> calls(SwarmScaler scaler) {
        return List.of(scaler::desiredReplicas, scaler::runningReplicas, () -> scaler.scaleTo(3));
    }

    /** Where {@code connect(null, ...)} goes: DOCKER_HOST, else the local socket. */
    private static String localEngine() {
        return DefaultDockerClientConfig.createDefaultConfigBuilder().build().getDockerHost().toString();
    }

    private static String random() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
