package org.rlautoscaler.autoscaler.offline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.rlautoscaler.autoscaler.agent.headroom.QLearningAgent;
import org.rlautoscaler.autoscaler.env.Limits;
import org.rlautoscaler.autoscaler.metrics.ElasticityMetrics;
import org.rlautoscaler.autoscaler.metrics.Result;
import org.rlautoscaler.autoscaler.reward.SloCostReward;
import org.rlautoscaler.autoscaler.safety.SafetyConfig;
import org.rlautoscaler.autoscaler.sim.ClusterModel;
import org.rlautoscaler.autoscaler.sim.Workload;

/**
 * qlearning, trained on one service, acting on another that tolerates more (or less): learning
 * online from the evaluated load as it unfolds, it moves its miss curve to the service's and its
 * choice with it within the two days evaluated, where the same agent frozen keeps what it learnt
 * in training. The figures are exact: training and evaluation are deterministic.
 */
class OnlineAdaptationTest {
    private static final Limits LIMITS = new Limits(1, 10);
    private static final SafetyConfig SAFETY = new SafetyConfig(LIMITS, Duration.ofSeconds(30), 2, Duration.ofSeconds(60));
    private static final SloCostReward REWARD = SloCostReward.defaults(100, 10);
    private static final int EPISODES = 20_000;

    /** The bundled model with each request costing {@code factor} times its CPU: latency scales with it. */
    private static Setup service(double factor) {
        var model = ClusterModel.defaults().service();
        return new Setup(ClusterModel.of(model.withCpuSecondsPerRequest(model.cpuSecondsPerRequest() * factor)), 15, 100,
                LIMITS, 40, SAFETY);
    }

    /** A four-hour wave with 5 % noise a period, for {@code hours}, peaking near {@code peak} of 10 replicas' capacity. */
    private static Workload wave(Setup setup, int hours, long seed, double peak) {
        double[] rates = new double[hours * 240];
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < rates.length; i++) {
            rates[i] = (0.55 - 0.4 * Math.cos(2 * Math.PI * i / 960)) * (1 + 0.05 * random.nextGaussian());
        }
        return new Workload("wave", rates, "wave").scaled(setup.model().replicaCapacity() * 10 * peak, "peak");
    }

    private record Outcome(Result frozen, Result online, double shift, String meaning) {
        String describe() {
            return String.format(Locale.ROOT, "frozen %.2f %% above the objective, %.1f replica-hours; online %.2f %%, %.1f; "
                            + "shift %+.3f", frozen.sloViolationPct(), frozen.replicaSeconds() / 3600, online.sloViolationPct(),
                    online.replicaSeconds() / 3600, shift);
        }
    }

    /** Trained on a service {@code trainedOn} times the bundled one's CPU a request, evaluated 48 h on one {@code actsOn} times. */
    private static Outcome run(double trainedOn, double actsOn, double peak) throws Exception {
        Setup training = service(trainedOn);
        Setup evaluation = service(actsOn);
        QLearningAgent trained = new QLearningAgent(LIMITS, REWARD, QLearningAgent.defaults(EPISODES), 1);
        new Trainer(training).train(trained, REWARD, wave(training, 48, 7, peak), EPISODES, 1, steps -> {});
        Path file = Files.createTempFile("qlearning-", ".json");
        try {
            trained.save(file);
            Workload load = wave(evaluation, 48, 11, peak);
            Result frozen = ElasticityMetrics.of(new Evaluator(evaluation).evaluate("qlearning", future -> trained, REWARD,
                    load, 1, SAFETY, false));
            QLearningAgent acting = QLearningAgent.acting(LIMITS, REWARD, 0, 1);
            acting.load(file);
            Result online = ElasticityMetrics.of(new Evaluator(evaluation).evaluate("qlearning", future -> acting, REWARD,
                    load, 1, SAFETY, true));
            return new Outcome(frozen, online, acting.missCurveShift(),
                    acting.insight().map(org.rlautoscaler.autoscaler.agent.Insight::meaning).orElse(""));
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Test
    void on_a_service_that_tolerates_more_it_runs_tighter_at_no_more_misses() throws Exception {
        Outcome outcome = run(2.0, 0.5, 0.85); // the evaluated service answers four times as fast
        assertEquals("frozen 0.25 % above the objective, 357.4 replica-hours; online 0.32 %, 331.2; shift +0.225",
                outcome.describe());
        assertTrue(outcome.online().replicaSeconds() < 0.95 * outcome.frozen().replicaSeconds(), outcome.describe());
        assertTrue(outcome.online().sloViolationPct() <= outcome.frozen().sloViolationPct() + 0.1, outcome.describe());
        assertTrue(outcome.shift() > 0, "its miss curve moved to higher utilisation: " + outcome.describe());
        assertTrue(outcome.meaning().endsWith("; that chance from the miss curve learnt in training, moved by +0.225 of "
                + "utilisation to fit this service (it tolerates more)"), "its page says so: " + outcome.meaning());
    }

    @Test
    void on_a_service_that_tolerates_less_it_keeps_more_headroom_and_misses_less() throws Exception {
        Outcome outcome = run(0.5, 2.0, 0.5); // four times as slow, its load lower
        assertEquals("frozen 2.89 % above the objective, 246.2 replica-hours; online 0.49 %, 242.1; shift -0.075",
                outcome.describe());
        assertTrue(outcome.online().sloViolationPct() < 0.5 * outcome.frozen().sloViolationPct(), outcome.describe());
        assertTrue(outcome.online().replicaSeconds() <= 1.02 * outcome.frozen().replicaSeconds(), outcome.describe());
        assertTrue(outcome.shift() < 0, "its miss curve moved to lower utilisation: " + outcome.describe());
        assertTrue(outcome.meaning().endsWith("moved by -0.075 of utilisation to fit this service (it tolerates less)"),
                outcome.meaning());
    }
}
