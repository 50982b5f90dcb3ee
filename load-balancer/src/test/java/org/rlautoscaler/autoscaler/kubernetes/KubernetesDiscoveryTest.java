package org.rlautoscaler.autoscaler.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rlautoscaler.autoscaler.kubernetes.MockApiServer.NS;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.rlautoscaler.autoscaler.agent.rules.HpaPolicy;
import org.rlautoscaler.autoscaler.catalog.AgentKind;
import org.rlautoscaler.autoscaler.env.Environment;
import org.rlautoscaler.autoscaler.env.Limits;
import org.rlautoscaler.autoscaler.env.Observation;
import org.rlautoscaler.autoscaler.env.ReplicaScaler;
import org.rlautoscaler.autoscaler.fleet.DiscoveredService;
import org.rlautoscaler.autoscaler.fleet.Fleet;
import org.rlautoscaler.autoscaler.fleet.QueryTemplates;
import org.rlautoscaler.autoscaler.fleet.ServiceSettings;
import org.rlautoscaler.autoscaler.live.ControlLoop;
import org.rlautoscaler.autoscaler.live.LiveTicker;
import org.rlautoscaler.autoscaler.live.LoopMetrics;
import org.rlautoscaler.autoscaler.live.server.ServiceView;
import org.rlautoscaler.autoscaler.reward.SloCostReward;
import org.rlautoscaler.autoscaler.safety.SafetyChain;
import org.rlautoscaler.autoscaler.safety.SafetyConfig;

/**
 * Deployments opt in with annotations, on fabric8's mock API server (CRUD mode): of two
 * Deployments under the same load, only the annotated one is found and scaled, within its own
 * annotated range, by the fleet's loop through the real {@link KubernetesScaler}.
 */
class KubernetesDiscoveryTest {
    private MockApiServer api;
    private Fleet fleet;

    @AfterEach
    void stop() {
        if (fleet != null) {
            fleet.stop(Duration.ofSeconds(10));
        }
        if (api != null) {
            api.close();
        }
    }

    private static Deployment deployment(String name, Map<String, String> annotations) {
        return new DeploymentBuilder()
                .withNewMetadata().withName(name).withNamespace(NS).withAnnotations(annotations).endMetadata()
                .withNewSpec()
                    .withReplicas(1)
                    .withNewSelector().addToMatchLabels("app", name).endSelector()
                    .withNewTemplate()
                        .withNewMetadata().addToLabels("app", name).endMetadata()
                        .withNewSpec().addNewContainer().withName("app").withImage("application:1")
                            .withNewResources().addToLimits("cpu", new Quantity("500m")).endResources()
                        .endContainer().endSpec()
                    .endTemplate()
                .endSpec()
                .build();
    }

    private int replicas(String name) {
        return api.client.apps().deployments().inNamespace(NS).withName(name).get().getSpec().getReplicas();
    }

    @Test
    void only_the_annotated_deployment_is_found_and_scaled() throws Exception {
        api = MockApiServer.crud();
        api.client.apps().deployments().inNamespace(NS).resource(deployment("web", Map.of("rl-autoscaler/enable", "true",
                "rl-autoscaler/max-replicas", "5", "kubernetes.io/change-cause", "v2"))).create();
        api.client.apps().deployments().inNamespace(NS).resource(deployment("batch", Map.of())).create();
        KubernetesDiscovery discovery = new KubernetesDiscovery(api.client, NS);

        List<DiscoveredService> found = discovery.discover();
        assertEquals(List.of(new DiscoveredService("web", NS, Map.of("rl-autoscaler.enable", "true",
                "rl-autoscaler.max-replicas", "5"), OptionalDouble.of(0.5))), found);

        long origin = System.nanoTime();
        Duration period = Duration.ofMillis(20);
        ServiceSettings defaults = new ServiceSettings(new Limits(1, 3), AgentKind.HPA, true, 100, 0, 4, 0.7, false,
                QueryTemplates.conventions(), "");
        Fleet.LoopFactory factory = (service, settings, metrics) -> {
            ReplicaScaler scaler = discovery.scaler(service);
            LiveTicker ticker = LiveTicker.aligned(period, origin, d -> Thread.sleep(d.toMillis()), System::nanoTime);
            // Both Deployments would want 4 replicas: 2.8 cores of work at 70 % of a core each.
            Environment environment = new Environment(scaler, s -> {
                int count = s.desiredReplicas();
                return new Observation(count, count, 280.0 / count, 30, 2.8 / count, 100, 20, 40, 100);
            }, ticker, SloCostReward.defaults(settings.sloP95Ms(), settings.limits().max()), settings.limits(), 0);
            return new ControlLoop(environment, ticker, scaler, new HpaPolicy(HpaPolicy.NAME, settings.hpaTarget(),
                    settings.limits(), 0.02, 0), new SafetyChain(new SafetyConfig(settings.limits(), Duration.ZERO,
                    settings.maxStep(), Duration.ZERO)), metrics, new ControlLoop.Settings(false, false, null, null, null),
                    Clock.systemUTC());
        };
        fleet = new Fleet(discovery, defaults, factory, new LoopMetrics(""),
                LiveTicker.aligned(period, origin, d -> Thread.sleep(d.toMillis()), System::nanoTime), Clock.systemUTC(), 3);
        fleet.reconcile();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (replicas("web") != 4 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(4, replicas("web"), "web scaled to 4, above the autoscaler's own max of 3: its annotation says 5");
        assertEquals(1, replicas("batch"), "batch, not annotated, is left alone");
        assertEquals(List.of("web"), fleet.all().stream().map(ServiceView::key).toList());
    }
}
