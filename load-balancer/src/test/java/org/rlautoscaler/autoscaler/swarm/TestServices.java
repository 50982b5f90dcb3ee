package org.rlautoscaler.autoscaler.swarm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.ContainerSpec;
import com.github.dockerjava.api.model.Service;
import com.github.dockerjava.api.model.ServiceModeConfig;
import com.github.dockerjava.api.model.ServiceReplicatedModeOptions;
import com.github.dockerjava.api.model.ServiceSpec;
import com.github.dockerjava.api.model.TaskSpec;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.IntSupplier;

/**
 * Swarm services for one test run, made with docker-java on the local engine: named
 * {@code rltest-<random>-...}, labelled {@value #LABEL}{@code =true}, from the local image
 * {@value #IMAGE} (nothing can be pulled here) with an init, so their tasks stop at once.
 * {@link #close()} removes them all; {@link #removeLeftovers()} removes those of crashed runs.
 */
final class TestServices implements AutoCloseable {
    static final String LABEL = "rl-autoscaler-test";
    static final String IMAGE = "rl-autoscaler/busybox:test";
    private static final String NAME_PREFIX = "rltest-";
    private static final String RUN_LABEL = "rl-autoscaler-test-run";

    /** A unique prefix per run, so parallel runs and leftovers never collide. */
    final String prefix = NAME_PREFIX + UUID.randomUUID().toString().substring(0, 8);
    final DockerClient docker = localClient();

    static DockerClient localClient() {
        DefaultDockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder().build();
        return DockerClientImpl.getInstance(config, new ApacheDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .connectionTimeout(Duration.ofSeconds(5))
                .responseTimeout(Duration.ofSeconds(60))
                .build());
    }

    /** Creates {@code name} (taken as is) with {@code replicas} replicas; returns its ID. */
    String create(String name, int replicas) {
        ServiceSpec spec = spec(name).withMode(new ServiceModeConfig()
                .withReplicated(new ServiceReplicatedModeOptions().withReplicas(replicas)));
        return docker.createServiceCmd(spec).exec().getId();
    }

    /**
     * Creates {@code name} with the Docker CLI and a spec far richer than docker-java models
     * (capabilities, sysctls, placement preferences, health check, resources, update and rollback
     * policies, DNS round robin), to show that scaling keeps every field it does not know.
     */
    String createRich(String name, int replicas) {
        return cli("service", "create", "--detach", "--no-resolve-image", "--name", name,
                "--label", LABEL + "=true", "--label", RUN_LABEL + "=" + prefix, "--init",
                "--replicas", String.valueOf(replicas), "--env", "A=1", "--health-cmd", "true",
                "--health-interval", "5s", "--limit-cpu", "0.5", "--reserve-memory", "8m",
                "--update-parallelism", "2", "--restart-condition", "on-failure", "--stop-grace-period", "3s",
                "--endpoint-mode", "dnsrr", "--constraint", "node.role==manager", "--container-label", "c=1",
                "--hostname", "h", "--cap-add", "NET_ADMIN", "--sysctl", "net.core.somaxconn=1024",
                "--rollback-delay", "2s", "--placement-pref", "spread=node.id",
                IMAGE, "sleep", "3600");
    }

    /** Creates {@code stack_name} labelled as {@code docker stack deploy} labels a stack's services; returns its ID. */
    String createInStack(String stack, String name, int replicas) {
        ServiceSpec spec = spec(stack + "_" + name);
        Map<String, String> labels = new java.util.HashMap<>(spec.getLabels());
        labels.put("com.docker.stack.namespace", stack);
        return docker.createServiceCmd(spec.withLabels(labels).withMode(new ServiceModeConfig()
                .withReplicated(new ServiceReplicatedModeOptions().withReplicas(replicas)))).exec().getId();
    }

    /** Creates a global-mode service (one task per node: no replica count). */
    String createGlobal(String name) {
        ServiceSpec spec = spec(name).withMode(new ServiceModeConfig()
                .withGlobal(new com.github.dockerjava.api.model.ServiceGlobalModeOptions()));
        return docker.createServiceCmd(spec).exec().getId();
    }

    private ServiceSpec spec(String name) {
        return new ServiceSpec()
                .withName(name)
                .withLabels(Map.of(LABEL, "true", RUN_LABEL, prefix))
                .withTaskTemplate(new TaskSpec().withContainerSpec(new ContainerSpec()
                        .withImage(IMAGE)
                        .withInit(true)
                        .withLabels(Map.of(LABEL, "true"))));
    }

    Service inspect(String id) {
        return docker.inspectServiceCmd(id).exec();
    }

    /** The spec as the engine stores it, read with the Docker CLI rather than docker-java. */
    static JsonNode specJson(String id) {
        try {
            return new ObjectMapper().readTree(cli("service", "inspect", "--format", "{{json .Spec}}", id));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs {@code /usr/bin/docker} (the client matching the engine); returns its output. */
    static String cli(String... args) {
        List<String> command = new java.util.ArrayList<>(List.of("/usr/bin/docker"));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int exit = process.waitFor();
            if (exit != 0) {
                throw new IllegalStateException(command + " exited with " + exit + ": " + output);
            }
            return output.strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Polls {@code count} until it equals {@code expected}; fails after {@code timeout}. */
    static void await(int expected, IntSupplier count, Duration timeout, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int last = count.getAsInt();
        while (last != expected && System.nanoTime() < deadline) {
            Thread.sleep(250);
            last = count.getAsInt();
        }
        assertEquals(expected, last, what + " after " + timeout.toSeconds() + " s");
    }

    /** Removes this run's services. */
    @Override
    public void close() throws IOException {
        remove(Map.of(RUN_LABEL, prefix));
        docker.close();
    }

    /** Removes test services left by earlier runs (a crashed JVM runs no cleanup). */
    void removeLeftovers() {
        remove(Map.of(LABEL, "true"));
    }

    private void remove(Map<String, String> labels) {
        for (Service service : docker.listServicesCmd().withLabelFilter(labels).exec()) {
            // Only ours: someone else's test service would not carry this name prefix.
            if (service.getSpec().getName().startsWith(NAME_PREFIX)) {
                try {
                    docker.removeServiceCmd(service.getId()).exec();
                } catch (com.github.dockerjava.api.exception.NotFoundException gone) {
                    // removed meanwhile
                }
            }
        }
    }
}
