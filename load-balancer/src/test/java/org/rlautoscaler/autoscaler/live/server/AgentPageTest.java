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
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.rlautoscaler.autoscaler.agent.Hyperparameters;
import org.rlautoscaler.autoscaler.agent.original.SwarmCpuRamAgent;
import org.rlautoscaler.autoscaler.env.Environment;
import org.rlautoscaler.autoscaler.env.Limits;
import org.rlautoscaler.autoscaler.env.MetricsSource;
import org.rlautoscaler.autoscaler.env.Observation;
import org.rlautoscaler.autoscaler.env.ReplicaScaler;
import org.rlautoscaler.autoscaler.live.ControlLoop;
import org.rlautoscaler.autoscaler.live.Fakes;
import org.rlautoscaler.autoscaler.live.LiveTicker;
import org.rlautoscaler.autoscaler.live.LoopMetrics;
import org.rlautoscaler.autoscaler.reward.SloCostReward;
import org.rlautoscaler.autoscaler.safety.SafetyChain;
import org.rlautoscaler.autoscaler.safety.SafetyConfig;

/**
 * The agent's page's JSON, over real HTTP, after three periods of a scripted service: CPU 80 %
 * and RAM 30 % on every replica, and a Q-table that prefers scaling out there.
 */
class AgentPageTest {
    private static final Limits LIMITS = new Limits(1, 4);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A service whose replicas start at once, always at CPU 80 % and RAM 30 %; p95 is never read. */
    private static final class Service implements ReplicaScaler, MetricsSource {
        int replicas = 1;

        @Override
        public int desiredReplicas() {
            return replicas;
        }

        @Override
        public int runningReplicas() {
            return replicas;
        }

        @Override
        public void scaleTo(int replicas) {
            this.replicas = replicas;
        }

        @Override
        public Observation observe(ReplicaScaler scaler) {
            return new Observation(replicas, replicas, 80, 30, 0.8, 120, 20, Double.NaN);
        }
    }

    private final HttpClient http = HttpClient.newHttpClient();
    private HealthEndpoint endpoint;

    @AfterEach
    void close() {
        if (endpoint != null) {
            endpoint.close();
        }
    }

    @Test
    void three_periods_scale_out_hold_in_the_cooldown_and_scale_out_again() throws Exception {
        Fakes.Time time = new Fakes.Time(); // 2026-11-23T12:00:00Z, moving only when the loop waits
        Clock clock = time.clock();
        LiveTicker ticker = time.ticker(Duration.ofSeconds(15));
        Service service = new Service();
        SwarmCpuRamAgent agent = new SwarmCpuRamAgent(2, LIMITS, Hyperparameters.constant(0.1, 0.9, 0), 1);
        int row = agent.learner().table().encoding().index(1, 0); // CPU 80 %: bucket 1 of 2; RAM 30 %: bucket 0
        agent.learner().table().set(row, SwarmCpuRamAgent.SCALE_OUT, 5.0);
        agent.learner().table().set(row, SwarmCpuRamAgent.SCALE_IN, -1.0);
        Environment environment = new Environment(service, service, ticker, SloCostReward.defaults(100, 4), LIMITS, 0);
        LoopMetrics metrics = new LoopMetrics();
        ControlLoop loop = new ControlLoop(environment, ticker, service, agent,
                new SafetyChain(new SafetyConfig(LIMITS, Duration.ofSeconds(30), 2, Duration.ofSeconds(60))), metrics,
                new ControlLoop.Settings(false, false, null, null, null), clock);
        Map<String, Object> about = new LinkedHashMap<>();
        about.put("service", "scripted");
        about.put("agent", agent.name());
        endpoint = HealthEndpoint.start(0, metrics, about, 15, clock);

        assertEquals(0, get("/api/decisions").size(), "no decision before the loop runs");
        assertEquals("starting", get("/api/state").path("phase").asText());

        endpoint.serve(loop);
        for (int period = 0; period < 3; period++) {
            loop.runOnce();
        }

        JsonNode decisions = get("/api/decisions");
        assertEquals(3, decisions.size());
        assertEquals("""
                {"id":3,"time":"2026-11-23T12:00:30Z","replicas_before":2,"replicas_after":3,"wanted":3,\
                "action":"scale_out","reason":"best known action","safety":"as_decided","safety_detail":"wanted 3",\
                "agent_action":"scale_out","random":false}""", decisions.get(0).toString());
        JsonNode held = decisions.get(1);
        assertEquals(2, held.path("id").asInt());
        assertEquals("2026-11-23T12:00:15Z", held.path("time").asText());
        assertEquals(2, held.path("replicas_before").asInt());
        assertEquals(2, held.path("replicas_after").asInt());
        assertEquals(3, held.path("wanted").asInt());
        assertEquals("hold", held.path("action").asText());
        assertEquals("cooldown", held.path("safety").asText());
        assertEquals(1, decisions.get(2).path("id").asInt());
        assertEquals(1, decisions.get(2).path("replicas_before").asInt());
        assertEquals(2, decisions.get(2).path("replicas_after").asInt());

        JsonNode state = get("/api/state");
        assertEquals("scripted", state.path("service").asText());
        assertEquals("swarm-cpu-ram", state.path("agent").asText());
        assertEquals(0.0, state.path("epsilon").asDouble());
        assertEquals("""
                {"desired_replicas":2,"running_replicas":2,"request_rate_per_second":120.0,"cpu_usage_percent":80.0,\
                "ram_usage_percent":30.0,"replica_cpu_fraction":0.8,"mean_latency_ms":20.0,"p95_latency_ms":null,\
                "running_time_seconds":null}""",
                state.path("observation").toString());
        assertEquals("""
                {"state":"row 2: cpu_bucket 1 of 0-1, ram_bucket 0 of 0-1",\
                "meaning":"Q-value: the discounted reward it expects after this action","chosen":"scale_out",\
                "actions":[{"action":"scale_out","value":5.0,"detail":"updated 1 time","chosen":true},\
                {"action":"scale_in","value":-1.0,"detail":"updated 1 time","chosen":false}]}""",
                state.path("insight").toString());
        assertEquals(decisions.get(0), state.path("last_decision"), "the state's decision is the newest");

        JsonNode history = get("/api/history");
        assertEquals("[1.7954352E9,1.795435215E9,1.79543523E9]", history.path("time").toString());
        assertEquals("[120.0,120.0,120.0]", history.path("load").toString());
        assertEquals("[null,null,null]", history.path("forecast").toString(), "swarm-cpu-ram does not forecast");
        assertEquals("[2,2,3]", history.path("desired").toString(), "desired after each decision");
        assertEquals("[1,2,2]", history.path("running").toString(), "running when it decided");
        assertEquals("[null,null,null]", history.path("p95_ms").toString(), "p95 was never read");
        assertEquals(3, history.path("reward").size());
    }

    @Test
    void the_page_and_its_files_are_served_and_other_paths_are_404() throws Exception {
        endpoint = HealthEndpoint.start(0, new LoopMetrics(), Map.of(), 15, Clock.systemUTC());
        HttpResponse<String> page = send("/");
        assertEquals(200, page.statusCode());
        assertEquals("text/html;charset=utf-8", page.headers().firstValue("Content-Type").orElseThrow().replace(" ", ""));
        assertTrue(page.body().contains("<script src=\"/assets/uPlot.iife.min.js\"></script>"), page.body());
        for (String asset : new String[] {"/assets/agent-page.js", "/assets/agent-page.css", "/assets/uPlot.iife.min.js",
                "/assets/uPlot.min.css"}) {
            HttpResponse<String> response = send(asset);
            assertEquals(200, response.statusCode(), asset);
            assertTrue(response.body().length() > 1000, asset + " has " + response.body().length() + " characters");
        }
        HttpResponse<String> missing = send("/nope");
        assertEquals(404, missing.statusCode());
        assertTrue(missing.body().contains("not found: /nope; try / (the agent's page)"), missing.body());
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> response = send(path);
        assertEquals(200, response.statusCode(), path + ": " + response.body());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElseThrow(), path);
        return JSON.readTree(response.body());
    }

    private HttpResponse<String> send(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + endpoint.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
