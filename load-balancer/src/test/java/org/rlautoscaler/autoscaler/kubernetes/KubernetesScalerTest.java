package org.rlautoscaler.autoscaler.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rlautoscaler.autoscaler.kubernetes.MockApiServer.NS;
import static org.rlautoscaler.autoscaler.kubernetes.MockApiServer.DEPLOYMENT_PATH;
import static org.rlautoscaler.autoscaler.kubernetes.MockApiServer.SCALE_PATH;
import static org.rlautoscaler.autoscaler.kubernetes.MockApiServer.deployment;
import static org.rlautoscaler.autoscaler.kubernetes.MockApiServer.pod;
import static org.rlautoscaler.autoscaler.kubernetes.MockApiServer.scale;
import static org.rlautoscaler.autoscaler.kubernetes.MockApiServer.status;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.rlautoscaler.autoscaler.env.ScalingException;
import org.rlautoscaler.autoscaler.env.ScalingException.Kind;

/**
 * Runs {@link KubernetesScaler} against fabric8's mock API server: in CRUD mode for reads and
 * scaling, in expectations mode (canned answers) for conflicts and refusals a CRUD server never
 * gives; and against a port nobody listens on.
 */
class KubernetesScalerTest {
    private MockApiServer api;

    @AfterEach
    void stopServer() {
        if (api != null) {
            api.close();
        }
    }

    @Test
    void scales_a_deployment_through_its_scale_subresource() {
        api = MockApiServer.crud();
        api.client.apps().deployments().inNamespace(NS).resource(deployment(1)).create();
        KubernetesScaler scaler = new KubernetesScaler(api.client, NS, "application");

        assertEquals(1, scaler.desiredReplicas());
        scaler.scaleTo(3);
        assertEquals(3, scaler.desiredReplicas());
        assertEquals(3, api.client.apps().deployments().inNamespace(NS).withName("application").get()
                .getSpec().getReplicas());
        scaler.scaleTo(1);
        assertEquals(1, scaler.desiredReplicas());
    }

    @Test
    void counts_only_ready_serving_pods_of_the_deployments_selector() {
        api = MockApiServer.crud();
        api.client.apps().deployments().inNamespace(NS).resource(deployment(5)).create();
        List<Pod> pods = List.of(
                pod("ready-1", "application", "Running", "True").build(),
                pod("ready-2", "application", "Running", "True").build(),
                pod("not-ready", "application", "Running", "False").build(),
                pod("pending", "application", "Pending", null).build(),
                // The CRUD server drops a deletionTimestamp sent on create, as a real one does; a
                // pod with a finalizer stays after its deletion, terminating, with one set.
                pod("terminating", "application", "Running", "True")
                        .editMetadata().addToFinalizers("example.com/hold").endMetadata().build(),
                pod("other-app", "other", "Running", "True").build());
        pods.forEach(pod -> api.client.pods().inNamespace(NS).resource(pod).create());
        api.client.pods().inNamespace(NS).withName("terminating").delete();
        assertNotNull(api.client.pods().inNamespace(NS).withName("terminating").get().getMetadata()
                .getDeletionTimestamp());

        assertEquals(2, new KubernetesScaler(api.client, NS, "application").runningReplicas());
    }

    @Test
    void retries_a_scale_refused_with_409_and_succeeds() throws InterruptedException {
        api = MockApiServer.expectations();
        api.server.expect().get().withPath(SCALE_PATH).andReturn(200, scale(1, "7")).always();
        api.server.expect().put().withPath(SCALE_PATH)
                .andReturn(409, status(409, "Conflict", "the object has been modified")).once();
        api.server.expect().put().withPath(SCALE_PATH).andReturn(200, scale(3, "8")).once();

        new KubernetesScaler(api.client, NS, "application").scaleTo(3);

        List<String> puts = api.requests("PUT", SCALE_PATH);
        assertEquals(2, puts.size());
        // The read resourceVersion goes back with the update: that is what makes a stale one fail.
        assertTrue(puts.get(0).contains("\"resourceVersion\":\"7\""), puts.get(0));
        assertTrue(puts.get(0).contains("\"replicas\":3"), puts.get(0));
    }

    @Test
    void gives_up_with_conflict_when_every_scale_gets_409() throws InterruptedException {
        api = MockApiServer.expectations();
        api.server.expect().get().withPath(SCALE_PATH).andReturn(200, scale(1, "7")).always();
        api.server.expect().put().withPath(SCALE_PATH)
                .andReturn(409, status(409, "Conflict", "the object has been modified")).always();

        ScalingException e = assertThrows(ScalingException.class,
                () -> new KubernetesScaler(api.client, NS, "application").scaleTo(3));

        assertEquals(Kind.conflict, e.kind());
        assertTrue(e.getMessage().contains("Deployment test/application changed under every one of 6 attempts"),
                e.getMessage());
        assertEquals(KubernetesScaler.MAX_RETRIES + 1, api.requests("PUT", SCALE_PATH).size());
    }

    @Test
    void a_missing_deployment_is_not_found() {
        api = MockApiServer.crud();
        KubernetesScaler scaler = new KubernetesScaler(api.client, NS, "application");

        for (Executable call : calls(scaler)) {
            ScalingException e = assertThrows(ScalingException.class, call);
            assertEquals(Kind.not_found, e.kind());
            assertEquals("Kubernetes API server " + api.client.getMasterUrl()
                    + ": Deployment test/application does not exist", e.getMessage());
        }
    }

    @Test
    void a_refusal_by_rbac_is_forbidden_with_the_servers_message() {
        api = MockApiServer.expectations();
        String message = "deployments.apps \"application\" is forbidden: User"
                + " \"system:serviceaccount:test:autoscaler\" cannot get resource \"deployments\""
                + " in API group \"apps\" in the namespace \"test\"";
        api.server.expect().get().withPath(DEPLOYMENT_PATH).andReturn(403, status(403, "Forbidden", message)).always();

        ScalingException e = assertThrows(ScalingException.class,
                () -> new KubernetesScaler(api.client, NS, "application").desiredReplicas());

        assertEquals(Kind.forbidden, e.kind());
        assertEquals("Kubernetes API server " + api.client.getMasterUrl()
                + " refused to read Deployment test/application: HTTP 403 " + message, e.getMessage());
    }

    @Test
    void a_server_nobody_listens_on_is_unreachable() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Config config = new ConfigBuilder(Config.empty())
                .withMasterUrl("http://127.0.0.1:" + port)
                .withConnectionTimeout(1_000)
                .withRequestTimeout(2_000)
                .withRequestRetryBackoffLimit(0)
                .build();
        try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build()) {
            KubernetesScaler scaler = new KubernetesScaler(client, NS, "application");

            for (Executable call : calls(scaler)) {
                ScalingException e = assertThrows(ScalingException.class, call);
                assertEquals(Kind.unreachable, e.kind(), e.getMessage());
                assertTrue(e.getMessage().startsWith("Kubernetes API server http://127.0.0.1:" + port
                        + "/ could not be reached to read"), e.getMessage());
                assertTrue(e.getMessage().contains("Deployment test/application"), e.getMessage());
            }
        }
    }

    @Test
    void the_namespace_falls_back_to_the_clients_then_default() {
        api = MockApiServer.crud();
        assertEquals("Deployment test/application", new KubernetesScaler(api.client, NS, "application").description());
        String configured = api.client.getNamespace() == null ? "default" : api.client.getNamespace();
        assertEquals("Deployment " + configured + "/application",
                new KubernetesScaler(api.client, " ", "application").description());
    }

    @Test
    void connect_builds_a_client_from_the_default_configuration_without_calling_it() {
        try (KubernetesScaler scaler = KubernetesScaler.connect("prod", "application")) {
            assertEquals("Deployment prod/application", scaler.description());
        }
    }

    /** The three calls of the scaler, each of which must fail the same way. */
    private static List<Executable> calls(KubernetesScaler scaler) {
        return List.of(scaler::desiredReplicas, scaler::runningReplicas, () -> scaler.scaleTo(2));
    }
}
