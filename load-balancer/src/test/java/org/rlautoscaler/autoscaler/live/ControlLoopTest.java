package org.rlautoscaler.autoscaler.live;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.IntUnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rlautoscaler.autoscaler.agent.Agent;
import org.rlautoscaler.autoscaler.agent.Decision;
import org.rlautoscaler.autoscaler.agent.Hyperparameters;
import org.rlautoscaler.autoscaler.agent.headroom.Headroom;
import org.rlautoscaler.autoscaler.agent.headroom.QLearningAgent;
import org.rlautoscaler.autoscaler.agent.original.SwarmCpuRamAgent;
import org.rlautoscaler.autoscaler.env.Environment;
import org.rlautoscaler.autoscaler.env.Limits;
import org.rlautoscaler.autoscaler.env.MissingMetric;
import org.rlautoscaler.autoscaler.env.Observation;
import org.rlautoscaler.autoscaler.env.ReplicaScaler;
import org.rlautoscaler.autoscaler.env.ScalingException;
import org.rlautoscaler.autoscaler.plots.LearningPlots;
import org.rlautoscaler.autoscaler.reward.SloCostReward;
import org.rlautoscaler.autoscaler.safety.Fallback;
import org.rlautoscaler.autoscaler.safety.SafetyChain;
import org.rlautoscaler.autoscaler.safety.SafetyConfig;
import org.rlautoscaler.autoscaler.safety.SafetyReason;

/** The loop with in-memory fakes of the orchestrator, Prometheus and time: every safety reason, every failure. */
class ControlLoopTest {
    private static final Duration PERIOD = Duration.ofSeconds(15);
    private static final Limits LIMITS = new Limits(1, 10);
    @TempDir
    Path dir;

    private final Fakes.Time time = new Fakes.Time();
    private final LoopMetrics metrics = new LoopMetrics();

    /** A policy that wants {@code next(current)} replicas. */
    private static Agent wants(IntUnaryOperator next) {
        return new Agent() {
            @Override
            public String name() {
                return "scripted";
            }

            @Override
            public Decision act(Observation o) {
                return Decision.rule(next.applyAsInt(o.desiredReplicas()), "scripted");
            }
        };
    }

    private ControlLoop loop(ReplicaScaler scaler, Fakes.Metrics source, Agent policy, ControlLoop.Settings settings,
                             long episodeSteps) throws IOException {
        LiveTicker ticker = time.ticker(PERIOD);
        Environment environment = new Environment(scaler, source, ticker, SloCostReward.defaults(100, 10), LIMITS, episodeSteps);
        SafetyChain safety = new SafetyChain(new SafetyConfig(LIMITS, Duration.ofSeconds(30), 2, Duration.ofSeconds(60))
                .withFallback(fallback));
        return new ControlLoop(environment, ticker, scaler, policy, safety, metrics, settings, time.clock());
    }

    private Fallback fallback = Fallback.NONE;

    private static Fakes.Metrics blind() {
        return new Fakes.Metrics(replicas -> new Observation(replicas, replicas, Double.NaN, 20, Double.NaN, Double.NaN,
                Double.NaN, Double.NaN));
    }

    private ControlLoop.Settings plain() {
        return new ControlLoop.Settings(true, false, null, dir.resolve("history.csv"), null);
    }

    private static Fakes.Metrics steadyLoad(double load) {
        return new Fakes.Metrics(replicas -> Fakes.load(load, replicas));
    }

    @Test
    void a_decision_within_the_limits_is_applied_and_counted() throws IOException {
        Fakes.Service service = new Fakes.Service(1);
        ControlLoop loop = loop(service, steadyLoad(2), wants(r -> r + 2), plain(), 0);
        loop.runOnce();
        assertEquals(List.of(3), service.scaledTo);
        assertEquals(1.0, metrics.decisions("scale_out", SafetyReason.as_decided));
        assertEquals(List.of(PERIOD), time.waits);
    }

    @Test
    void wanting_more_than_the_maximum_is_clamped_and_rate_limited() throws IOException {
        Fakes.Service service = new Fakes.Service(9);
        loop(service, steadyLoad(2), wants(r -> 50), plain(), 0).runOnce();
        assertEquals(10, service.desired);
        assertEquals(1.0, metrics.decisions("scale_out", SafetyReason.clamped_to_max));
    }

    @Test
    void missing_metrics_hold_and_retry_after_1_2_4_seconds_then_the_period() throws IOException {
        Fakes.Service service = new Fakes.Service(4);
        Fakes.Metrics source = new Fakes.Metrics(replicas -> new Observation(replicas, replicas, Double.NaN, 20,
                Double.NaN, Double.NaN, Double.NaN, Double.NaN));
        ControlLoop loop = loop(service, source, wants(r -> 1), plain(), 0);
        for (int i = 0; i < 3; i++) {
            loop.runOnce();
        }
        assertEquals(List.of(), service.scaledTo, "never scales down while blind");
        assertEquals(3.0, metrics.decisions("hold", SafetyReason.missing_metrics));
        assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4)), time.waits);

        source.byDesired = replicas -> Fakes.load(0.5, replicas);
        loop.runOnce();  // decides on the last blind observation: holds, and the next wait is a whole period
        loop.runOnce();
        assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8), PERIOD),
                time.waits);
        assertEquals(List.of(2), service.scaledTo, "sees again, acts again (4 -> 2, at most 2 at once)");
    }

    @Test
    void an_agent_that_decides_from_cpu_alone_acts_while_latency_is_missing() throws IOException {
        Fakes.Service service = new Fakes.Service(2);
        Fakes.Metrics source = new Fakes.Metrics(replicas -> new Observation(replicas, replicas, 50, 20,
                1.8 / replicas, 100, Double.NaN, Double.NaN));
        loop(service, source, org.rlautoscaler.autoscaler.agent.rules.ThresholdPolicy.defaults(), plain(), 0).runOnce();
        assertEquals(List.of(3), service.scaledTo, "90 % CPU per replica: one more, latency or not");
        assertEquals(List.of(PERIOD), time.waits);
    }

    @Test
    void the_cooldown_holds_the_change_after_a_change() throws IOException {
        Fakes.Service service = new Fakes.Service(2);
        ControlLoop loop = loop(service, steadyLoad(1), wants(r -> r + 1), plain(), 0);
        loop.runOnce();  // t=0: 2 -> 3
        loop.runOnce();  // t=15: held
        loop.runOnce();  // t=30: 3 -> 4
        assertEquals(List.of(3, 4), service.scaledTo);
        assertEquals(1.0, metrics.decisions("hold", SafetyReason.cooldown));
    }

    @Test
    void an_unreachable_orchestrator_is_counted_held_and_retried() throws IOException {
        Fakes.Service service = new Fakes.Service(2);
        ControlLoop loop = loop(service, steadyLoad(1), wants(r -> r + 1), plain(), 0);
        service.failure = new ScalingException(ScalingException.Kind.unreachable, "engine stopped");
        loop.runOnce();
        loop.runOnce();
        assertEquals(2.0, metrics.scalingErrors("unreachable"));
        assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2)), time.waits);
        service.failure = null;
        loop.runOnce();
        assertEquals(List.of(3), service.scaledTo);
    }

    @Test
    void dry_run_decides_but_never_scales() throws IOException {
        Fakes.Service service = new Fakes.Service(2);
        loop(new DryRunScaler(service), steadyLoad(1), wants(r -> 4), plain(), 0).runOnce();
        assertEquals(List.of(), service.scaledTo);
        assertEquals(1.0, metrics.decisions("scale_out", SafetyReason.as_decided));
    }

    @Test
    void every_period_is_one_history_line() throws IOException {
        Fakes.Service service = new Fakes.Service(2);
        ControlLoop loop = loop(service, steadyLoad(1), wants(r -> r), plain(), 0);
        for (int i = 0; i < 4; i++) {
            loop.runOnce();
        }
        List<String> lines = Files.readAllLines(dir.resolve("history.csv"));
        assertEquals(LiveHistory.HEADER, lines.getFirst());
        assertEquals(5, lines.size());
        assertTrue(lines.get(1).startsWith("2026-11-23T12:00:00Z,2,2,"), lines.get(1));
        assertTrue(lines.get(1).contains(",2,2,hold,as_decided,false,"), lines.get(1));
    }

    private static SwarmCpuRamAgent tabular(double epsilon) {
        return new SwarmCpuRamAgent(2, LIMITS, Hyperparameters.constant(0.2, 0.9, epsilon), 1);
    }

    @Test
    void a_learning_agent_saves_its_table_after_every_update_and_a_restart_resumes_from_it() throws Exception {
        Path weights = dir.resolve("swarm-cpu-ram-qtable.json");
        SwarmCpuRamAgent agent = tabular(0.0);
        Fakes.Service service = new Fakes.Service(2);
        ControlLoop loop = loop(service, steadyLoad(1.5), agent, new ControlLoop.Settings(true, false, weights,
                dir.resolve("history.csv"), null), 0);
        for (int i = 0; i < 6; i++) {
            loop.runOnce();
        }
        assertTrue(agent.learner().updates() > 0, "some steps were learnt from");
        SwarmCpuRamAgent restarted = tabular(0.0);
        restarted.load(weights);
        assertArrayEquals(agent.learner().table().values(), restarted.learner().table().values());
        assertEquals(agent.learner().updates(), restarted.learner().updates(), "the update count survives a restart");
        for (int i = 0; i < 2; i++) {  // a restarted loop goes on counting from the saved count
            loop(service, steadyLoad(1.5), restarted, new ControlLoop.Settings(true, false, weights, null, null), 0).runOnce();
        }
        assertTrue(restarted.learner().updates() > agent.learner().updates());
        assertTrue(Files.readString(weights).contains("\"updates\" : " + restarted.learner().updates()),
                "the file counts every update since the first run");
        try (var files = Files.list(dir)) {
            assertTrue(files.noneMatch(f -> f.toString().endsWith(".tmp")), "no temporary file left behind");
        }
    }

    @Test
    void qlearning_learns_online_after_its_warm_up_and_saves_what_it_learnt() throws Exception {
        Path weights = dir.resolve("qlearning-qtable.json");
        QLearningAgent agent = new QLearningAgent(LIMITS, SloCostReward.defaults(100, 10),
                Hyperparameters.constant(0.02, 0.3, 0.0), 1);
        ControlLoop loop = loop(new Fakes.Service(2), steadyLoad(1.5), agent, new ControlLoop.Settings(true, false, weights,
                null, null), 0);
        for (int i = 0; i < QLearningAgent.WARMUP_PERIODS + 3; i++) {
            loop.runOnce();
        }
        // the periods after the warm-up, each planned for every rung of the ladder
        assertEquals(3 * Headroom.LADDER.size(), agent.status().updates());
        QLearningAgent restarted = new QLearningAgent(LIMITS, SloCostReward.defaults(100, 10),
                Hyperparameters.constant(0.02, 0.3, 0.0), 1);
        restarted.load(weights);
        assertEquals(agent.policy(), restarted.policy());
    }

    @Test
    void greedy_mode_does_not_learn() throws IOException {
        SwarmCpuRamAgent agent = tabular(0.5);
        ControlLoop loop = loop(new Fakes.Service(2), steadyLoad(1.5), agent,
                new ControlLoop.Settings(false, false, dir.resolve("q.json"), null, null), 0);
        for (int i = 0; i < 5; i++) {
            loop.runOnce();
        }
        assertEquals(0, agent.learner().updates());
        assertEquals(0.0, agent.learner().epsilon());
        assertTrue(Files.notExists(dir.resolve("q.json")));
    }

    @Test
    void at_the_end_of_an_episode_plots_are_refreshed_and_the_original_reset_is_available() throws IOException {
        Fakes.Service service = new Fakes.Service(1);
        SwarmCpuRamAgent agent = tabular(0.0);
        Path plots = dir.resolve("plots");
        Files.createDirectories(plots);
        ControlLoop loop = loop(service, steadyLoad(3), agent, new ControlLoop.Settings(true, true, null, null,
                (name, rewards, errors) -> LearningPlots.writeInto(plots, name, rewards, errors)), 3);
        service.desired = 5;
        for (int i = 0; i < 3; i++) {
            loop.runOnce();
        }
        assertEquals(1, service.desired, "reset to MIN_REPLICAS after the episode's 3 periods");
        assertTrue(Files.size(plots.resolve("swarm-cpu-ram-reward.png")) > 0);
        assertTrue(Files.size(plots.resolve("swarm-cpu-ram-mse.png")) > 0);
    }

    @Test
    void a_service_scaled_by_hand_above_the_maximum_goes_to_it_at_once_and_the_log_counts_what_was_applied() throws IOException {
        Fakes.Service service = new Fakes.Service(14);
        ControlLoop loop = loop(service, steadyLoad(1), wants(r -> r - 1), plain(), 0);
        loop.runOnce();
        assertEquals(List.of(10), service.scaledTo, "straight to MAX_REPLICAS, not 12 (steps of 2)");
        assertEquals(1.0, metrics.decisions("scale_in", SafetyReason.above_max));
        List<String> lines = Files.readAllLines(dir.resolve("history.csv"));
        assertTrue(lines.get(1).contains(",13,10,scale_in,above_max,"), "wanted 13, applied 10: " + lines.get(1));
        Condition limited = loop.status().condition(Condition.Type.ScalingLimited);
        assertEquals(Condition.Status.True, limited.status());
        assertEquals("TooManyReplicas", limited.reason());
        assertEquals(1.0, metrics.condition("ScalingLimited", "True"));
    }

    @Test
    void an_unreachable_orchestrator_makes_the_loop_unready_after_three_periods_and_ready_again_once_it_answers()
            throws IOException {
        Fakes.Service service = new Fakes.Service(2);
        ControlLoop loop = loop(service, steadyLoad(1), wants(r -> r), plain(), 0);
        loop.runOnce();
        assertTrue(loop.status().ready());
        assertEquals(1.0, metrics.condition("AbleToScale", "True"));
        service.failure = new ScalingException(ScalingException.Kind.unreachable, "engine stopped");
        loop.runOnce();
        loop.runOnce();
        assertTrue(loop.status().ready(), "two failed periods: still ready");
        loop.runOnce();
        LoopStatus.Snapshot snapshot = loop.status().snapshot();
        assertEquals(false, snapshot.ready());
        assertEquals(3, snapshot.failedInARow());
        assertEquals("cannot read the service: unreachable: engine stopped", snapshot.lastError());
        Condition able = loop.status().condition(Condition.Type.AbleToScale);
        assertEquals(new Condition(Condition.Type.AbleToScale, Condition.Status.False, "FailedGetScale",
                "unreachable: engine stopped", java.time.Instant.parse("2026-11-23T12:00:15Z")), able, "since the first failure");
        assertEquals(1.0, metrics.condition("AbleToScale", "False"));
        assertEquals(0.0, metrics.condition("AbleToScale", "True"));

        service.failure = null;
        loop.runOnce();
        assertTrue(loop.status().ready());
        assertEquals(Condition.Status.True, loop.status().condition(Condition.Type.AbleToScale).status());
    }

    @Test
    void missing_metrics_make_scaling_inactive_naming_them_and_their_queries_then_unready() throws IOException {
        Fakes.Service service = new Fakes.Service(4);
        ControlLoop loop = loop(service, blind(), wants(r -> 1), plain(), 0);
        for (int i = 0; i < 3; i++) {
            loop.metricMissing(new MissingMetric("requestRate", "sum(rate(x[30s]))", "unreachable",
                    "cannot reach http://prometheus:9090"));
            loop.runOnce();
        }
        Condition active = loop.status().condition(Condition.Type.ScalingActive);
        assertEquals(Condition.Status.False, active.status());
        assertEquals("FailedGetMetrics", active.reason());
        assertEquals("missing cpu_usage, replica_cpu, request_rate, mean_latency, p95_latency (1 metric missing: requestRate "
                + "(unreachable: cannot reach http://prometheus:9090; query sum(rate(x[30s]))))", active.message());
        assertEquals(false, loop.status().ready());
        assertEquals(List.of(), service.scaledTo, "holds while blind");
    }

    @Test
    void with_a_fallback_blind_periods_ask_for_the_fallback_count_after_the_threshold() throws IOException {
        fallback = new Fallback(6, 2);
        Fakes.Service service = new Fakes.Service(2);
        ControlLoop loop = loop(service, blind(), wants(r -> 1), plain(), 0);
        loop.runOnce();
        assertEquals(List.of(), service.scaledTo, "first blind period: holds");
        loop.runOnce();
        assertEquals(List.of(6), service.scaledTo, "second: the fallback, whatever the step limit");
        assertEquals(1.0, metrics.decisions("scale_out", SafetyReason.fallback));
        assertEquals("FallbackReplicas", loop.status().condition(Condition.Type.ScalingActive).reason());
    }

    @Test
    void a_call_cut_short_by_the_shutdown_is_not_counted_as_a_failure() throws IOException {
        Fakes.Service service = new Fakes.Service(2);
        ControlLoop loop = loop(service, steadyLoad(1), wants(r -> r + 1), plain(), 0);
        loop.runOnce();
        loop.stop();
        service.failure = new ScalingException(ScalingException.Kind.failed, "request cancelled",
                new java.util.concurrent.CancellationException("Request execution cancelled"));
        loop.runOnce();
        assertEquals(0.0, metrics.scalingErrors("failed"));
        assertTrue(loop.status().ready());
    }
}
