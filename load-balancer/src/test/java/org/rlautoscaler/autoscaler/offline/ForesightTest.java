package org.rlautoscaler.autoscaler.offline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.rlautoscaler.autoscaler.agent.ForecastSetup;
import org.rlautoscaler.autoscaler.agent.headroom.QLearningAgent;
import org.rlautoscaler.autoscaler.env.Limits;
import org.rlautoscaler.autoscaler.metrics.ElasticityMetrics;
import org.rlautoscaler.autoscaler.metrics.Result;
import org.rlautoscaler.autoscaler.metrics.Run;
import org.rlautoscaler.autoscaler.reward.SloCostReward;
import org.rlautoscaler.autoscaler.safety.SafetyConfig;
import org.rlautoscaler.autoscaler.sim.ClusterModel;
import org.rlautoscaler.autoscaler.sim.Workload;

/**
 * qlearning with and without its forecast, on a business day it has seen two weeks of: quiet
 * nights, a rush at 09:00 five times the night's load, a lull at 13:00, quiet again from 18:00,
 * weekends at a third, 3 % noise a period. The same trained agent acts on the third week, learning
 * online, once blind and once having read the two weeks before. The figures are exact:
 * training and evaluation are deterministic.
 */
class ForesightTest {
    private static final Limits LIMITS = new Limits(1, 10);
    private static final SafetyConfig SAFETY = new SafetyConfig(LIMITS, Duration.ofSeconds(30), 2, Duration.ofSeconds(60));
    private static final SloCostReward REWARD = SloCostReward.defaults(100, 10);
    private static final Setup SETUP = new Setup(ClusterModel.defaults(), 15, 100, LIMITS, 40, SAFETY);
    private static final int DAY = 5_760;

    /** {@code days} of business days from a Monday, 15 s periods, peaking near 80 % of 10 replicas. */
    private static Workload businessDays(int days) {
        SplittableRandom noise = new SplittableRandom(5);
        double[] rates = new double[days * DAY];
        for (int i = 0; i < rates.length; i++) {
            double hour = (i % DAY) / 240.0;
            double level = hour < 9 || hour >= 18 ? 0.16 : hour < 13 ? 0.8 : hour < 14 ? 0.5 : 0.7;
            rates[i] = ((i / DAY) % 7 >= 5 ? 0.33 : 1) * level * (1 + 0.03 * noise.nextGaussian());
        }
        return new Workload("business days", rates, "business days").scaled(SETUP.model().replicaCapacity() * 10, "peak");
    }

    /** Periods above the objective in the first 10 minutes after 09:00 of the week's weekdays. */
    private static int rushMisses(Run run) {
        int misses = 0;
        for (int day = 0; day < 5; day++) {
            for (int i = day * DAY + 9 * 240; i < day * DAY + 9 * 240 + 40; i++) {
                misses += run.p95LatencyMs()[i] > 100 ? 1 : 0;
            }
        }
        return misses;
    }

    @Test
    void having_read_two_weeks_it_meets_the_morning_rush_ready() throws Exception {
        Workload weeks = businessDays(21);
        Workload history = weeks.slice(0, 14 * DAY, "history");
        Workload week = weeks.slice(14 * DAY, 21 * DAY, "third week");
        QLearningAgent trained = new QLearningAgent(LIMITS, REWARD, QLearningAgent.defaults(20_000), 1);
        new Trainer(SETUP).train(trained, REWARD, history, 20_000, 1, steps -> {});
        Path file = Files.createTempFile("qlearning-", ".json");
        try {
            trained.save(file);
            QLearningAgent blind = QLearningAgent.acting(LIMITS, REWARD, 0, 1);
            blind.load(file);
            Run without = new Evaluator(SETUP).evaluate("blind", future -> blind, REWARD, week, 1, SAFETY, true);
            QLearningAgent foreseeing = QLearningAgent.acting(LIMITS, REWARD, 0, 1);
            foreseeing.load(file);
            foreseeing.foresee(ForecastSetup.covering(15, SETUP.model().service().startupSeconds(), 30, 14 * DAY * 15.0),
                    Arrays.copyOfRange(history.ratePerStep(), 7 * DAY, 14 * DAY));
            Run with = new Evaluator(SETUP).evaluate("foreseeing", future -> foreseeing, REWARD, week, 1, SAFETY, true);

            String outcome = describe(without) + "; " + describe(with);
            assertEquals("blind: 3.48 % above the objective, 90 in the rushes, 768.6 replica-hours; "
                    + "foreseeing: 3.47 % above the objective, 86 in the rushes, 768.6 replica-hours", outcome);
            // Tuesday's rush, from 3 periods before its first to the one after: blind, it asks for more once
            // the rush is there; foreseeing, two replicas 45 s before (then the cooldown holds it)
            int rush = DAY + 9 * 240 - 1;
            assertEquals("blind 3 3 3 3 4, foreseeing 3 5 5 5 6", "blind " + desired(without, rush) + ", foreseeing "
                    + desired(with, rush));
            assertTrue(foreseeing.forecastTrust().endsWith("a rise of 40 % or more 0.66 (89 checked)"),
                    foreseeing.forecastTrust());
            assertTrue(rushMisses(with) < rushMisses(without), outcome);
            assertTrue(ElasticityMetrics.of(with).replicaSeconds() <= 1.01 * ElasticityMetrics.of(without).replicaSeconds(),
                    outcome);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** The replicas asked for from 3 periods before {@code step} to the one after it. */
    private static String desired(Run run, int step) {
        return Arrays.stream(run.desired(), step - 3, step + 2).mapToObj(String::valueOf)
                .collect(java.util.stream.Collectors.joining(" "));
    }

    private static String describe(Run run) {
        Result result = ElasticityMetrics.of(run);
        return String.format(Locale.ROOT, "%s: %.2f %% above the objective, %d in the rushes, %.1f replica-hours",
                run.policy(), result.sloViolationPct(), rushMisses(run), result.replicaSeconds() / 3600);
    }
}
