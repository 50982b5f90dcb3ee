package org.rlautoscaler.autoscaler.env;

/**
 * The autoscaling environment, shaped like a Gymnasium environment: {@link #reset} starts an
 * episode and returns the first observation; {@link #step} applies an action (the number of
 * replicas wanted), lets one control period pass, and returns what followed. Episodes end by
 * truncation after {@code maxSteps} steps (the original's {@code max_time_minutes}).
 *
 * <p>It knows nothing of Docker, Prometheus or simulation: those are behind {@link ReplicaScaler},
 * {@link MetricsSource} and {@link Ticker}.
 */
public final class Environment {
    private final ReplicaScaler scaler;
    private final MetricsSource metrics;
    private final Ticker ticker;
    private final RewardFunction reward;
    private final Limits limits;
    private final long maxSteps;
    private Observation current;
    private long steps;

    /**
     * @param maxSteps steps before an episode is truncated; 0 or less: never
     */
    public Environment(ReplicaScaler scaler, MetricsSource metrics, Ticker ticker, RewardFunction reward,
                       Limits limits, long maxSteps) {
        this.scaler = scaler;
        this.metrics = metrics;
        this.ticker = ticker;
        this.reward = reward;
        this.limits = limits;
        this.maxSteps = maxSteps;
    }

    /** Starts an episode; the same seed gives the same episode in a simulation. */
    public Observation reset(long seed) {
        ticker.reset(seed);
        steps = 0;
        current = metrics.observe(scaler);
        return current;
    }

    /** Asks for {@code replicas} replicas (clamped to the limits), lets a period pass, and judges it. */
    public StepResult step(int replicas) {
        if (current == null) {
            throw new IllegalStateException("call reset() before step()");
        }
        int applied = limits.clamp(replicas);
        Observation before = current;
        scaler.scaleTo(applied);
        ticker.tick();
        current = metrics.observe(scaler);
        double r = reward.reward(before, applied, current);
        StepInfo info = ticker.describe(steps, replicas, applied);
        steps++;
        return new StepResult(current, r, false, maxSteps > 0 && steps >= maxSteps, info);
    }

    /**
     * Looks again without acting or advancing the episode: for a live loop that could not act
     * (missing metrics, an unreachable orchestrator) and tries again.
     */
    public Observation observe() {
        current = metrics.observe(scaler);
        return current;
    }

    public Observation current() {
        return current;
    }

    public Limits limits() {
        return limits;
    }

    public long steps() {
        return steps;
    }
}
