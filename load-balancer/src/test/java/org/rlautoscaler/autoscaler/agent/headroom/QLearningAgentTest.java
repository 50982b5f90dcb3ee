package org.rlautoscaler.autoscaler.agent.headroom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rlautoscaler.autoscaler.agent.AgentFileException;
import org.rlautoscaler.autoscaler.agent.Decision;
import org.rlautoscaler.autoscaler.agent.ForecastSetup;
import org.rlautoscaler.autoscaler.agent.Hyperparameters;
import org.rlautoscaler.autoscaler.agent.Insight;
import org.rlautoscaler.autoscaler.agent.Transition;
import org.rlautoscaler.autoscaler.env.Limits;
import org.rlautoscaler.autoscaler.env.Observation;
import org.rlautoscaler.autoscaler.reward.SloCostReward;

/** qlearning's parts: the proportional rung, the guard, the miss model, planning, and its file. */
class QLearningAgentTest {
    private static final Limits LIMITS = new Limits(1, 10);
    @TempDir
    Path dir;

    private static QLearningAgent agent() {
        return new QLearningAgent(LIMITS, SloCostReward.defaults(100, 10), Hyperparameters.constant(0.001, 0, 0), 1);
    }

    /** {@code replicas} running at {@code utilisation}, p95 {@code p95} ms. */
    private static Observation seen(int replicas, double utilisation, double p95) {
        return new Observation(replicas, replicas, 40, 20, utilisation, 100, p95 / 2, p95);
    }

    @Test
    void untrained_it_runs_the_middle_rung_on_the_peak_of_the_last_20_periods() {
        QLearningAgent agent = agent();
        agent.setLearning(false);
        // load 4 x 0.6 = 2.4 replicas' worth; the middle rung is 0.76: ceil(2.4 / 0.76) = 4
        Decision first = agent.act(seen(4, 0.6, 40));
        assertEquals(4, first.replicas());
        assertEquals(6, first.action());
        assertEquals("target 0.76 of the peak of the last 20 periods (for load 0.8-2.5 replicas, volatility under 2 %, "
                + "flat, p95 under 0.8 x objective)", first.reason());
        // a burst of 4 x 0.9 = 3.6 -> ceil(4.74) = 5; then the load falls to 1.2, but the peak 3.6 holds 5
        assertEquals(5, agent.act(seen(4, 0.9, 40)).replicas());
        assertEquals(5, agent.act(seen(5, 0.24, 40)).replicas());
    }

    @Test
    void a_forecast_of_a_fall_removes_no_replica_while_p95_is_above_the_objective_and_none_below_the_rule() {
        // a week in which the load falls from 100/s to 10/s at 18:00 each day; it is 17:59 now
        int day = 5_760;
        double[] history = new double[7 * day];
        for (int i = 0; i < history.length; i++) {
            history[i] = i % day < 72 * 60 ? 100 : 10;
        }
        QLearningAgent stressed = QLearningAgent.acting(LIMITS, SloCostReward.defaults(100, 10), 0, 1);
        stressed.foresee(new ForecastSetup(15, 3, history.length * 15.0 - 4 * 15), java.util.Arrays.copyOf(history,
                history.length - 4));
        Decision held = stressed.act(new Observation(6, 6, 10, 20, 0.1, 100, 125, 250));
        assertEquals(6, held.replicas(), "a fall expected, p95 250 ms above 100 ms: " + held.reason());
        assertTrue(stressed.forecast().orElseThrow().peakRate() <= 100.0 + 1e-9, "it expects no rise");

        QLearningAgent calm = QLearningAgent.acting(LIMITS, SloCostReward.defaults(100, 10), 0, 1);
        calm.foresee(new ForecastSetup(15, 3, history.length * 15.0 - 4 * 15), java.util.Arrays.copyOf(history,
                history.length - 4));
        QLearningAgent blind = QLearningAgent.acting(LIMITS, SloCostReward.defaults(100, 10), 0, 1);
        Observation quiet = new Observation(6, 6, 10, 20, 0.1, 100, 20, 40);
        assertEquals(blind.act(quiet).replicas(), calm.act(quiet).replicas(), "a forecast asks for no fewer than the rule");
    }

    @Test
    void it_removes_no_replica_while_p95_is_above_the_objective() {
        QLearningAgent agent = agent();
        agent.setLearning(false);
        Decision decision = agent.act(seen(6, 0.1, 250));
        assertEquals(6, decision.replicas(), "ceil(0.6 / 0.76) = 1 wanted, but p95 250 ms > 100 ms");
        assertTrue(decision.reason().endsWith("; removes no replica while p95 is above the objective"), decision.reason());
    }

    @Test
    void a_missing_metric_holds_and_is_not_a_decision_of_the_ladder() {
        Decision decision = agent().act(new Observation(3, 3, 40, 20, Double.NaN, 100, 10, 20));
        assertEquals(3, decision.replicas());
        assertEquals(-1, decision.action());
        assertEquals("hold: a metric the agent needs is missing", decision.reason());
    }

    @Test
    void the_miss_model_is_one_half_before_any_observation_and_never_falls_as_utilisation_rises() {
        MissModel model = new MissModel();
        assertEquals(0.5, model.missChance(0.7));
        for (int i = 0; i < 98; i++) {
            model.observe(0.50, false);
            model.observe(0.90, true);
        }
        model.observe(0.70, true);  // a miss where few were seen...
        model.observe(0.80, false); // ...and a success above it
        assertEquals(1.0 / 100, model.missChance(0.50), 1e-12);   // (0 + 1) / (98 + 2)
        assertEquals(99.0 / 100, model.missChance(0.90), 1e-12);  // (98 + 1) / (98 + 2)
        // 0.70 alone would say 2/3 and 0.80 1/3: pooled, both (2 + 1) / (3 + 3) = 0.5
        assertEquals(0.5, model.missChance(0.70), 1e-12);
        assertEquals(0.5, model.missChance(0.80), 1e-12);
        double last = 0;
        for (double u = 0; u <= 1.3; u += 0.01) {
            assertTrue(model.missChance(u) >= last, "not falling at " + u);
            last = model.missChance(u);
        }
    }

    @Test
    void after_its_warm_up_every_period_is_planned_for_every_rung() {
        QLearningAgent agent = agent();
        agent.setLearning(true);
        agent.startEpisode();
        Observation steady = seen(4, 0.6, 40);
        for (int period = 1; period <= QLearningAgent.WARMUP_PERIODS + 2; period++) {
            Decision decision = agent.act(steady);
            agent.learn(new Transition(steady, decision, -1, steady, true));
        }
        assertEquals(2L * Headroom.LADDER.size(), agent.status().updates());
    }

    @Test
    void its_insight_is_the_regime_it_decided_in_and_each_rungs_expected_cost_with_the_taken_one_marked() {
        QLearningAgent agent = agent();
        agent.setLearning(false);
        assertTrue(agent.insight().isEmpty(), "nothing before it acts");
        Observation steady = seen(4, 0.6, 40); // 2.4 replicas' worth, needing 2.4 / 0.8 = 3
        Insight untried = insightOf(agent, agent.act(steady));
        assertEquals(6, untried.chosen(), "0.76 when none was tried");
        assertTrue(Double.isNaN(untried.actions().get(0).value()));
        assertEquals("never met in this regime", untried.actions().get(0).detail());
        for (int period = 1; period <= QLearningAgent.WARMUP_PERIODS + 2; period++) {
            agent.learn(new Transition(steady, agent.act(steady), -1, steady, true));
        }
        Decision decision = agent.act(steady);
        Insight insight = insightOf(agent, decision);
        assertEquals("load 0.8-2.5 replicas, volatility under 2 %, flat, p95 under 0.8 x objective", insight.state());
        assertEquals(Headroom.LADDER.size(), insight.actions().size());
        assertEquals(Headroom.LADDER.get(decision.action()).toString(), insight.chosenAction());
        // ceil(2.4 / 0.95) = 3 replicas of the 3 needed; ceil(2.4 / 0.66) = 4
        assertTrue(insight.actions().get(0).detail().startsWith("1.00 x the replicas needed, misses the objective "),
                insight.actions().get(0).detail());
        assertTrue(insight.actions().get(8).detail().startsWith("1.33 x the replicas needed, misses the objective "),
                insight.actions().get(8).detail());
        assertTrue(agent.act(new Observation(3, 3, 40, 20, Double.NaN, 100, 10, 20)) != null && agent.insight().isEmpty(),
                "none when a metric it needs is missing");
    }

    private static Insight insightOf(QLearningAgent agent, Decision decision) {
        Insight insight = agent.insight().orElseThrow();
        assertEquals(decision.action(), insight.chosen(), "the marked rung is the decision's");
        return insight;
    }

    @Test
    void what_it_learnt_survives_a_save_and_a_load() throws Exception {
        QLearningAgent agent = agent();
        agent.setLearning(true);
        for (int period = 0; period < 40; period++) {
            Observation o = seen(4, 0.5 + 0.01 * (period % 7), 40 + period);
            agent.learn(new Transition(o, agent.act(o), -1, o, true));
        }
        Path file = dir.resolve("qlearning-qtable.json");
        agent.save(file);
        QLearningAgent restarted = agent();
        restarted.load(file);
        assertEquals(agent.policy(), restarted.policy());
        assertEquals(agent.status().updates(), restarted.status().updates());
        assertTrue(Files.readString(file).contains("\"miss_model_periods\""));
    }

    @Test
    void a_file_it_cannot_use_is_refused_saying_why() throws IOException {
        Path garbage = dir.resolve("garbage.json");
        Files.writeString(garbage, "{\"format\": 1, \"agent\": \"qlearning\", \"extra\": true}");
        assertTrue(assertThrows(AgentFileException.class, () -> agent().load(garbage)).getMessage()
                .startsWith(garbage + " is not a saved qlearning agent (Unrecognized field \"extra\""));
        Path table = dir.resolve("table.json");
        Files.writeString(table, "{\"format\": 1, \"agent\": \"latency-table\"}");
        assertEquals(table + " is a saved agent latency-table, not qlearning",
                assertThrows(AgentFileException.class, () -> agent().load(table)).getMessage());
        Path other = dir.resolve("other.json");
        agent().save(other);
        Files.writeString(other, Files.readString(other).replace("\"target\" : 0.95", "\"target\" : 0.97"));
        assertTrue(assertThrows(AgentFileException.class, () -> agent().load(other)).getMessage()
                .startsWith(other + " was learnt with another ladder or other regimes (ladder [target 0.97 of the peak of the last 20 periods, "));
        assertEquals(dir.resolve("none.json") + ": no such file",
                assertThrows(AgentFileException.class, () -> agent().load(dir.resolve("none.json"))).getMessage());
    }
}
