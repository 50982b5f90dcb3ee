package org.rlautoscaler.autoscaler.env;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Gymnasium semantics of the environment, with a hand-made scaler, metrics and clock. */
class EnvironmentTest {

    /** A scaler that remembers what it was asked. */
    static final class FakeScaler implements ReplicaScaler {
        int replicas;
        final List<Integer> asked = new ArrayList<>();

        FakeScaler(int replicas) {
            this.replicas = replicas;
        }

        @Override public int desiredReplicas() { return replicas; }
        @Override public int runningReplicas() { return replicas; }
        @Override public void scaleTo(int r) { asked.add(r); replicas = r; }
    }

    /** Metrics whose CPU counts the observations made (1, 2, 3, ...), replica counts from the scaler. */
    static final class FakeMetrics implements MetricsSource {
        int observed;

        @Override
        public Observation observe(ReplicaScaler scaler) {
            observed++;
            return new Observation(scaler.desiredReplicas(), scaler.runningReplicas(), observed, 50, 0.5, 100, 20, 60);
        }
    }

    /** A clock that counts ticks and remembers its seeds. */
    static final class FakeTicker implements Ticker {
        int ticks;
        final List<Long> seeds = new ArrayList<>();

        @Override public void reset(long seed) { seeds.add(seed); ticks = 0; }
        @Override public void tick() { ticks++; }
    }

    private final FakeScaler scaler = new FakeScaler(2);
    private final FakeMetrics metrics = new FakeMetrics();
    private final FakeTicker ticker = new FakeTicker();
    /** reward = replicas after - replicas before, so the test sees what it was given. */
    private final RewardFunction reward = (before, desired, after) -> 100 * desired + after.desiredReplicas() - before.desiredReplicas();

    private Environment environment(long maxSteps) {
        return new Environment(scaler, metrics, ticker, reward, new Limits(1, 5), maxSteps);
    }

    @Test
    void reset_returns_the_first_observation_and_seeds_the_clock() {
        Environment env = environment(10);
        Observation first = env.reset(7);
        assertEquals(new Observation(2, 2, 1, 50, 0.5, 100, 20, 60), first);
        assertSame(first, env.current());
        assertEquals(List.of(7L), ticker.seeds);
        assertEquals(0, env.steps());
        assertTrue(scaler.asked.isEmpty(), "reset does not scale");
    }

    @Test
    void a_step_scales_lets_a_period_pass_and_observes() {
        Environment env = environment(10);
        env.reset(1);
        StepResult result = env.step(4);
        assertEquals(List.of(4), scaler.asked);
        assertEquals(1, ticker.ticks);
        assertEquals(new Observation(4, 4, 2, 50, 0.5, 100, 20, 60), result.observation());
        assertSame(result.observation(), env.current());
        // reward: 100 * 4 + 4 - 2 = 402
        assertEquals(402.0, result.reward());
        assertEquals(new StepInfo(0, 4, 4, Double.NaN, -1), result.info());
        assertEquals(1, env.steps());
    }

    @Test
    void a_step_above_the_limits_is_clamped_to_the_maximum() {
        Environment env = environment(10);
        env.reset(1);
        StepResult result = env.step(9);
        assertEquals(9, result.info().requested());
        assertEquals(5, result.info().applied());
        assertEquals(List.of(5), scaler.asked);
        assertEquals(5, result.observation().desiredReplicas());
        // the reward judges the applied count: 100 * 5 + 5 - 2 = 503
        assertEquals(503.0, result.reward());
    }

    @Test
    void a_step_below_the_limits_is_clamped_to_the_minimum() {
        Environment env = environment(10);
        env.reset(1);
        StepResult result = env.step(0);
        assertEquals(0, result.info().requested());
        assertEquals(1, result.info().applied());
        assertEquals(List.of(1), scaler.asked);
        StepResult negative = env.step(-3);
        assertEquals(-3, negative.info().requested());
        assertEquals(1, negative.info().applied());
    }

    @Test
    void steps_are_numbered_from_0_in_their_info() {
        Environment env = environment(10);
        env.reset(1);
        assertEquals(0, env.step(2).info().step());
        assertEquals(1, env.step(3).info().step());
        assertEquals(2, env.step(4).info().step());
    }

    @Test
    void truncated_becomes_true_exactly_at_max_steps_and_terminated_is_never_true() {
        Environment env = environment(3);
        env.reset(1);
        StepResult first = env.step(2);
        StepResult second = env.step(3);
        StepResult third = env.step(4);
        assertFalse(first.truncated());
        assertFalse(second.truncated());
        assertTrue(third.truncated());
        assertFalse(first.terminated());
        assertFalse(second.terminated());
        assertFalse(third.terminated());
    }

    @Test
    void reset_starts_the_step_count_again() {
        Environment env = environment(2);
        env.reset(1);
        env.step(2);
        assertTrue(env.step(2).truncated());
        env.reset(2);
        assertEquals(0, env.steps());
        assertFalse(env.step(2).truncated());
        assertTrue(env.step(2).truncated());
        assertEquals(List.of(1L, 2L), ticker.seeds);
    }

    @Test
    void max_steps_of_0_never_truncates() {
        Environment env = environment(0);
        env.reset(1);
        for (int i = 0; i < 100; i++) {
            assertFalse(env.step(3).truncated());
        }
    }

    @Test
    void a_step_before_reset_is_refused() {
        Environment env = environment(10);
        assertThrows(IllegalStateException.class, () -> env.step(3));
        assertTrue(scaler.asked.isEmpty());
    }

    @Test
    void the_reward_sees_the_observation_before_the_applied_count_and_the_observation_after() {
        List<Object[]> calls = new ArrayList<>();
        Environment env = new Environment(scaler, metrics, ticker, (before, desired, after) -> {
            calls.add(new Object[] {before, desired, after});
            return 0;
        }, new Limits(1, 5), 10);
        Observation first = env.reset(1);
        StepResult result = env.step(8);
        assertEquals(1, calls.size());
        assertSame(first, calls.get(0)[0]);
        assertEquals(5, calls.get(0)[1]);
        assertSame(result.observation(), calls.get(0)[2]);
    }

    @Test
    void limits_must_satisfy_1_at_most_min_at_most_max() {
        assertThrows(IllegalArgumentException.class, () -> new Limits(0, 5));
        assertThrows(IllegalArgumentException.class, () -> new Limits(4, 3));
        assertEquals(3, new Limits(3, 3).clamp(7));
    }
}
