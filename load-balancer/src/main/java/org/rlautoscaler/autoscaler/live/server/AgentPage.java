package org.rlautoscaler.autoscaler.live.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.rlautoscaler.autoscaler.agent.Insight;
import org.rlautoscaler.autoscaler.env.Observation;
import org.rlautoscaler.autoscaler.live.LoggedDecision;
import org.rlautoscaler.autoscaler.live.LoopJournal;
import org.rlautoscaler.autoscaler.live.Sample;

/**
 * The agent's page: the HTML, script and style at {@code /} and {@code /assets/}, and the JSON it
 * polls, built from the loop's {@link LoopJournal}:
 * <pre>
 * curl localhost:8002/api/decisions   # the last 200 decisions, newest first
 * curl localhost:8002/api/state       # /api/status, plus the observation, the agent's state and values, the last decision
 * curl localhost:8002/api/history     # the last hour, one column per series, for the chart
 * </pre>
 * Numbers that were not read (NaN) are {@code null}.
 */
final class AgentPage {
    /** A file the page loads: its classpath resource and content type. */
    record Asset(String resource, String contentType) {}

    /** The key of the page that lists the services, served at {@code /} when services opt in by labels. */
    static final String SERVICES_PAGE = "/services.html";

    /** What {@code /} and {@code /assets/} serve; the chart library is the one the web application's /graphics uses. */
    static final Map<String, Asset> ASSETS = Map.of(
            "/", new Asset("agent-page/index.html", "text/html; charset=utf-8"),
            SERVICES_PAGE, new Asset("agent-page/services.html", "text/html; charset=utf-8"),
            "/assets/services-page.js", new Asset("agent-page/services-page.js", "text/javascript; charset=utf-8"),
            "/assets/agent-page.js", new Asset("agent-page/agent-page.js", "text/javascript; charset=utf-8"),
            "/assets/agent-page.css", new Asset("agent-page/agent-page.css", "text/css; charset=utf-8"),
            "/assets/uPlot.iife.min.js", new Asset("org/rlautoscaler/common/vendor/uplot/uPlot.iife.min.js",
                    "text/javascript; charset=utf-8"),
            "/assets/uPlot.min.css", new Asset("org/rlautoscaler/common/vendor/uplot/uPlot.min.css", "text/css; charset=utf-8"));

    private AgentPage() {}

    /** An asset's bytes, read from the classpath. */
    static byte[] read(Asset asset) {
        try (InputStream in = AgentPage.class.getClassLoader().getResourceAsStream(asset.resource())) {
            if (in == null) {
                throw new IllegalStateException("the page's file " + asset.resource() + " is missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code /api/decisions}: newest first. */
    static ArrayNode decisions(ObjectMapper json, List<LoggedDecision> decisions) {
        ArrayNode array = json.createArrayNode();
        decisions.forEach(d -> decision(array.addObject(), d));
        return array;
    }

    static ObjectNode decision(ObjectNode node, LoggedDecision d) {
        return node.put("id", d.id()).put("time", d.time().toString()).put("replicas_before", d.replicasBefore())
                .put("replicas_after", d.replicasAfter()).put("wanted", d.wanted()).put("action", d.action())
                .put("reason", d.reason()).put("safety", d.safety()).put("safety_detail", d.safetyDetail())
                .put("agent_action", d.agentAction()).put("random", d.random());
    }

    /** What {@code /api/state} adds to {@code /api/status}: the newest decision, what the agent saw and expected. */
    static void state(ObjectNode body, LoopJournal journal) {
        LoopJournal.Latest latest = journal.latest().orElse(null);
        if (latest == null) {
            body.putNull("epsilon").putNull("observation").putNull("insight").putNull("last_decision");
            return;
        }
        number(body, "epsilon", latest.epsilon());
        Observation o = latest.observation();
        ObjectNode observation = body.putObject("observation");
        observation.put("desired_replicas", o.desiredReplicas()).put("running_replicas", o.runningReplicas());
        number(observation, "request_rate_per_second", o.requestRate());
        number(observation, "cpu_usage_percent", o.cpuUsage());
        number(observation, "ram_usage_percent", o.ramUsage());
        number(observation, "replica_cpu_fraction", o.replicaCpuUtilisation());
        number(observation, "mean_latency_ms", o.meanLatencyMs());
        number(observation, "p95_latency_ms", o.p95LatencyMs());
        number(observation, "running_time_seconds", o.runningTimeSeconds());
        if (latest.insight().isEmpty()) {
            body.putNull("insight");
        } else {
            Insight insight = latest.insight().get();
            ObjectNode node = body.putObject("insight").put("state", insight.state()).put("meaning", insight.meaning())
                    .put("chosen", insight.chosenAction());
            ArrayNode actions = node.putArray("actions");
            for (int a = 0; a < insight.actions().size(); a++) {
                Insight.ActionValue action = insight.actions().get(a);
                ObjectNode each = actions.addObject().put("action", action.action());
                number(each, "value", action.value());
                each.put("detail", action.detail()).put("chosen", a == insight.chosen());
            }
        }
        decision(body.putObject("last_decision"), latest.decision());
    }

    /** {@code /api/history}: the last hour, one array per series, times in Unix seconds. */
    static ObjectNode history(ObjectMapper json, List<Sample> samples) {
        ObjectNode body = json.createObjectNode();
        ArrayNode time = body.putArray("time");
        ArrayNode load = body.putArray("load");
        ArrayNode forecast = body.putArray("forecast");
        ArrayNode desired = body.putArray("desired");
        ArrayNode running = body.putArray("running");
        ArrayNode p95 = body.putArray("p95_ms");
        ArrayNode reward = body.putArray("reward");
        for (Sample s : samples) {
            time.add(s.time().toEpochMilli() / 1000.0);
            add(load, s.load());
            add(forecast, s.forecast());
            desired.add(s.desired());
            running.add(s.running());
            add(p95, s.p95Ms());
            add(reward, s.reward());
        }
        return body;
    }

    private static void number(ObjectNode node, String key, double value) {
        if (Double.isFinite(value)) {
            node.put(key, value);
        } else {
            node.putNull(key);
        }
    }

    private static void add(ArrayNode array, double value) {
        if (Double.isFinite(value)) {
            array.add(value);
        } else {
            array.addNull();
        }
    }
}
