package org.rlautoscaler.autoscaler.kubernetes;

import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v1.Scale;
import io.fabric8.kubernetes.api.model.autoscaling.v1.ScaleBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * fabric8's mock API server over plain http, with a client pointed at it, and the objects the
 * tests put in it: a Deployment {@code test/application} selecting {@code app=application}, its
 * pods, Scales and Status answers.
 */
final class MockApiServer implements AutoCloseable {
    static final String NS = "test";
    static final String DEPLOYMENT_PATH = "/apis/apps/v1/namespaces/test/deployments/application";
    static final String SCALE_PATH = DEPLOYMENT_PATH + "/scale";

    final KubernetesMockServer server;
    final KubernetesClient client;

    private MockApiServer(KubernetesMockServer server) {
        this.server = server;
        server.init();
        this.client = server.createClient();
    }

    /** CRUD mode: stores what it is sent and serves it back, scale subresource included. */
    static MockApiServer crud() {
        return new MockApiServer(new KubernetesMockServer(
                new Context(), new MockWebServer(), new HashMap<>(), new KubernetesCrudDispatcher(), false));
    }

    /** Expectations mode: answers only what {@code server.expect()} set up, 404 otherwise. */
    static MockApiServer expectations() {
        return new MockApiServer(new KubernetesMockServer(false));
    }

    /** Bodies of the requests received so far with this method and path (it consumes the record). */
    List<String> requests(String method, String path) throws InterruptedException {
        List<String> bodies = new ArrayList<>();
        for (int i = server.getRequestCount(); i > 0; i--) {
            RecordedRequest request = server.takeRequest(1, TimeUnit.SECONDS);
            if (request != null && request.getMethod().equals(method) && request.getPath().equals(path)) {
                bodies.add(request.getBody().readUtf8());
            }
        }
        return bodies;
    }

    @Override
    public void close() {
        client.close();
        server.destroy();
    }

    static Deployment deployment(int replicas) {
        return new DeploymentBuilder()
                .withNewMetadata().withName("application").withNamespace(NS).endMetadata()
                .withNewSpec()
                    .withReplicas(replicas)
                    .withNewSelector().addToMatchLabels("app", "application").endSelector()
                    .withNewTemplate()
                        .withNewMetadata().addToLabels("app", "application").endMetadata()
                        .withNewSpec().addNewContainer().withName("app").withImage("application:1").endContainer()
                        .endSpec()
                    .endTemplate()
                .endSpec()
                .build();
    }

    /** A pod labelled {@code app=<app>} in {@code phase}; {@code ready}: its Ready condition, null for none. */
    static PodBuilder pod(String name, String app, String phase, String ready) {
        PodBuilder pod = new PodBuilder()
                .withNewMetadata().withName(name).withNamespace(NS).addToLabels("app", app).endMetadata()
                .withNewSpec().addNewContainer().withName("app").withImage("application:1").endContainer().endSpec()
                .withNewStatus().withPhase(phase).endStatus();
        if (ready != null) {
            pod.editStatus().addNewCondition().withType("Ready").withStatus(ready).endCondition().endStatus();
        }
        return pod;
    }

    static Scale scale(int replicas, String resourceVersion) {
        return new ScaleBuilder()
                .withNewMetadata().withName("application").withNamespace(NS).withResourceVersion(resourceVersion)
                .endMetadata()
                .withNewSpec().withReplicas(replicas).endSpec()
                .build();
    }

    static Status status(int code, String reason, String message) {
        return new StatusBuilder().withStatus("Failure").withCode(code).withReason(reason).withMessage(message).build();
    }
}
