package org.rlautoscaler.autoscaler.live.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.rlautoscaler.autoscaler.agent.rules.StaticPolicy;
import org.rlautoscaler.autoscaler.env.Environment;
import org.rlautoscaler.autoscaler.env.Limits;
import org.rlautoscaler.autoscaler.env.Observation;
import org.rlautoscaler.autoscaler.env.ReplicaScaler;
import org.rlautoscaler.autoscaler.live.Condition;
import org.rlautoscaler.autoscaler.live.ControlLoop;
import org.rlautoscaler.autoscaler.live.Fakes;
import org.rlautoscaler.autoscaler.live.LiveTicker;
import org.rlautoscaler.autoscaler.live.LoopMetrics;
import org.rlautoscaler.autoscaler.live.LoopStatus;
import org.rlautoscaler.autoscaler.reward.SloCostReward;
import org.rlautoscaler.autoscaler.safety.SafetyChain;
import org.rlautoscaler.autoscaler.safety.SafetyConfig;

/**
 * The port with several services, over real HTTP: /api/services lists them, each has its own
 * page and JSON, the paths about one service say to ask /api/services, and a service with an
 * invalid label shows why it is not scaled.
 */
class ServicesEndpointTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Limits LIMITS = new Limits(1, 4);
    private final HttpClient http = HttpClient.newHttpClient();
    private HealthEndpoint endpoint;

    @AfterEach
    void close() {
        if (endpoint != null) {
            endpoint.close();
        }
    }

    /** A loop of a service at 2 replicas that the static rule moves to 3, run for one period. */
    private static ControlLoop onePeriod(LoopMetrics metrics) throws java.io.IOException {
        Fakes.Time time = new Fakes.Time();
        LiveTicker ticker = time.ticker(Duration.ofSeconds(15));
        int[] replicas = {2};
        ReplicaScaler scaler = new ReplicaScaler() {
            @Override
            public int desiredReplicas() {
                return replicas[0];
            }

            @Override
            public int runningReplicas() {
                return replicas[0];
            }

            @Override
            public void scaleTo(int count) {
                replicas[0] = count;
            }
        };
        Environment environment = new Environment(scaler, s -> new Observation(replicas[0], replicas[0], 50, 30, 0.5, 40, 20,
                35), ticker, SloCostReward.defaults(100, 4), LIMITS, 0);
        ControlLoop loop = new ControlLoop(environment, ticker, scaler, new StaticPolicy(3),
                new SafetyChain(new SafetyConfig(LIMITS, Duration.ZERO, 2, Duration.ZERO)), metrics,
                new ControlLoop.Settings(false, false, null, null, null), time.clock());
        loop.runOnce();
        return loop;
    }

    @Test
    void several_services_each_with_its_own_json_and_page() throws Exception {
        LoopMetrics metrics = new LoopMetrics("");
        ControlLoop web = onePeriod(metrics.forService("shop_web"));
        LoopStatus invalid = new LoopStatus(3, metrics.forService("shop_bad"), Instant.EPOCH);
        invalid.set(Condition.Type.ScalingActive, Condition.Status.False, "InvalidLabel",
                "Invalid value for label rl-autoscaler.max-replicas: 'abc'; accepted: a whole number from 1 to 1000", Instant.EPOCH);
        List<ServiceView> views = List.of(
                new ServiceView("shop_bad", "shop", Map.of("service", "shop_bad", "invalid_label", "rl-autoscaler.max-replicas"),
                        invalid, Optional.empty()),
                new ServiceView("shop_web", "shop", Map.of("service", "shop_web", "agent", "static", "min_replicas", 1,
                        "max_replicas", 4), web.status(), Optional.of(web)));
        endpoint = HealthEndpoint.start(0, metrics, Map.of("orchestrator", "swarm"), 15, Clock.systemUTC());
        endpoint.serve(new Services() {
            @Override
            public List<ServiceView> all() {
                return views;
            }

            @Override
            public boolean byLabels() {
                return true;
            }

            @Override
            public Optional<String> problem() {
                return Optional.empty();
            }

            @Override
            public double lastPeriodEpochSeconds() {
                return System.currentTimeMillis() / 1000.0;
            }

            @Override
            public double startedEpochSeconds() {
                return 0;
            }
        });

        JsonNode services = get("/api/services", 200);
        assertEquals(2, services.size());
        assertEquals("shop_bad", services.get(0).path("service").asText());
        assertEquals("InvalidLabel", services.get(0).path("conditions").get(1).path("reason").asText());
        assertTrue(services.get(0).path("last_decision").isNull());
        JsonNode webLine = services.get(1);
        assertEquals(3, webLine.path("desired_replicas").asInt(), webLine.toString());
        assertEquals(2, webLine.path("running_replicas").asInt(), "running when it decided: " + webLine);
        assertEquals("scale_out", webLine.path("last_decision").path("action").asText());
        assertEquals("/services/shop_web/", webLine.path("page").asText());

        assertEquals("shop_web", get("/api/services/shop_web/state", 200).path("service").asText());
        assertEquals(3, get("/services/shop_web/api/state", 200).path("last_decision").path("replicas_after").asInt());
        assertEquals(1, get("/api/services/shop_web/decisions", 200).size());
        assertEquals("[2]", get("/api/services/shop_web/history", 200).path("running").toString());
        assertEquals("InvalidLabel", get("/api/services/shop_bad/status", 200).path("conditions").get(1).path("reason").asText());
        assertEquals("no service shop_none is scaled; see /api/services",
                get("/api/services/shop_none/state", 404).path("error").asText());
        assertEquals("2 services are scaled: /api/state describes one; see /api/services and /api/services/NAME/state",
                get("/api/state", 404).path("error").asText());
        JsonNode status = get("/api/status", 200);
        assertTrue(status.path("ready").asBoolean(), "an invalid label does not make the autoscaler unready: " + status);
        assertEquals(2, status.path("services").asInt());

        HttpResponse<String> list = send("/");
        assertTrue(list.body().contains("<title>Autoscaler: the services</title>"), list.body());
        for (String path : List.of("/services/shop_web/", "/services/shop_web")) {
            HttpResponse<String> page = send(path);
            assertEquals(200, page.statusCode(), path);
            assertTrue(page.body().contains("<title>Autoscaler: the agent's page</title>"), path + ": " + page.body());
        }
        assertEquals(200, send("/assets/services-page.js").statusCode());
        assertEquals(404, send("/services/shop_none/").statusCode());
    }

    private JsonNode get(String path, int status) throws Exception {
        HttpResponse<String> response = send(path);
        assertEquals(status, response.statusCode(), path + ": " + response.body());
        return JSON.readTree(response.body());
    }

    private HttpResponse<String> send(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + endpoint.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
