package org.rlautoscaler.autoscaler.live;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.rlautoscaler.autoscaler.agent.Decision;
import org.rlautoscaler.autoscaler.agent.Policy;
import org.rlautoscaler.autoscaler.agent.TabularAgent;
import org.rlautoscaler.autoscaler.env.Environment;
import org.rlautoscaler.autoscaler.env.Observation;
import org.rlautoscaler.autoscaler.env.ReplicaScaler;
import org.rlautoscaler.autoscaler.env.ScalingException;
import org.rlautoscaler.autoscaler.env.StepResult;
import org.rlautoscaler.autoscaler.eval.LearningPlots;
import org.rlautoscaler.autoscaler.qtable.QTableStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live control loop, one period at a time: observe, let the agent decide, pass the decision
 * through the {@link SafetyChain}, apply it (through the same {@link Environment} as offline),
 * learn from the result, save. Missing metrics and orchestrator failures never stop it: it holds,
 * says why, counts it, and tries again after 1 s, 2 s, 4 s ... up to a period.
 */
public final class ControlLoop {
    private static final Logger log = LoggerFactory.getLogger(ControlLoop.class);
    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);

    /**
     * @param learn         learn online (epsilon-greedy), or act greedily without learning
     * @param resetEpisodes at the end of each episode, scale back to MIN_REPLICAS as the original did
     * @param weightsFile   where the Q-table is saved after every update (null: not saved)
     * @param historyFile   the per-period CSV (null: none)
     * @param plotsDir      where the learning plots are refreshed after each episode (null: none)
     */
    public record Settings(boolean learn, boolean resetEpisodes, Path weightsFile, Path historyFile, Path plotsDir) {}

    private final Environment environment;
    private final LiveTicker ticker;
    private final ReplicaScaler scaler;
    private final Policy policy;
    private final SafetyChain safety;
    private final LoopMetrics metrics;
    private final Settings settings;
    private final Clock clock;
    private final LiveHistory history;
    private final List<Double> episodeRewards = new ArrayList<>();
    private final List<Double> mse = new ArrayList<>();
    private double episodeReward;
    private boolean needsObservation = true;
    private boolean started;
    private int failures;
    private volatile boolean stopped;

    public ControlLoop(Environment environment, LiveTicker ticker, ReplicaScaler scaler, Policy policy, SafetyChain safety,
                       LoopMetrics metrics, Settings settings, Clock clock) throws IOException {
        this.environment = environment;
        this.ticker = ticker;
        this.scaler = scaler;
        this.policy = policy;
        this.safety = safety;
        this.metrics = metrics;
        this.settings = settings;
        this.clock = clock;
        this.history = settings.historyFile() == null ? null : LiveHistory.open(settings.historyFile());
        if (policy instanceof TabularAgent tabular) {
            tabular.learner().exploring(settings.learn());
            metrics.tableEntries.set(tabular.learner().table().size());
        }
    }

    /** Runs periods until {@link #stop()}. */
    public void run() {
        while (!stopped && !Thread.currentThread().isInterrupted()) {
            runOnce();
        }
    }

    public void stop() {
        stopped = true;
    }

    /** One period: returns after the period's wait. */
    public void runOnce() {
        long start = System.nanoTime();
        long sleptBefore = ticker.sleptNanos();
        try {
            Observation before = observation();
            metrics.observed(before);
            Decision decision = policy.decide(before);
            int current = before.desiredReplicas();
            Instant now = clock.instant();
            boolean blind = !policy.canDecide(before);
            SafetyChain.Verdict verdict = safety.review(current, decision.replicas(), before, blind, now);
            String action = metrics.decided(current, verdict.replicas(), verdict.reason());
            log.info("Decision: {} to {} replicas (running {}); agent {} wanted {} ({}); safety: {} ({})", action,
                    verdict.replicas(), before.runningReplicas(), policy.name(), decision.replicas(), decision.reason(),
                    verdict.reason(), verdict.detail());
            if (verdict.replicas() != current) {
                safety.applied(now);
            }
            if (blind) {
                ticker.retryAfter(retryDelay());
            }
            StepResult result = environment.step(verdict.replicas());
            failures = blind ? failures : 0;
            Observation after = result.observation();
            double qValue = learn(before, decision, verdict, result.reward(), after);
            episodeReward += result.reward();
            metrics.reward.set(result.reward());
            metrics.observed(after);
            if (history != null) {
                history.append(now, before, decision.replicas(), verdict.replicas(), action, verdict.reason(),
                        decision.random(), result.reward(), qValue, epsilon());
            }
            if (result.truncated()) {
                endEpisode();
            }
        } catch (ScalingException e) {
            metrics.scalingErrors.labelValues(e.kind().name()).inc();
            Duration delay = retryDelay();
            log.warn("Holding: cannot read or scale the service ({}: {}); trying again in {} s", e.kind(), e.getMessage(),
                    delay.toSeconds());
            needsObservation = true;
            ticker.retryAfter(delay);
            ticker.tick();
        } catch (IOException e) {
            log.error("Cannot write the history or the Q-table: {}", e.toString());
        } finally {
            metrics.loopDuration.observe((System.nanoTime() - start - (ticker.sleptNanos() - sleptBefore)) / 1e9);
            metrics.lastLoop.set(clock.millis() / 1000.0);
            metrics.epsilon.set(epsilon());
        }
    }

    private Observation observation() {
        if (!started) {
            Observation first = environment.reset(0);
            started = true;
            needsObservation = false;
            return first;
        }
        if (needsObservation) {
            Observation fresh = environment.observe();
            needsObservation = false;
            return fresh;
        }
        return environment.current();
    }

    private double learn(Observation before, Decision decision, SafetyChain.Verdict verdict, double reward, Observation after)
            throws IOException {
        if (!(policy instanceof TabularAgent tabular) || !settings.learn()) {
            return Double.NaN;
        }
        if (verdict.reason() != SafetyReason.as_decided || decision.action() < 0) {
            return Double.NaN; // what was applied is not the agent's action: nothing to learn
        }
        policy.learn(before, decision, reward, after);
        mse.add(tabular.learner().meanSquaredError());
        metrics.tableVisited.set(tabular.learner().table().visitedEntries());
        if (settings.weightsFile() != null) {
            QTableStore.save(settings.weightsFile(), tabular.learner());
        }
        return tabular.lastValue();
    }

    private void endEpisode() throws IOException {
        episodeRewards.add(episodeReward);
        log.info("Episode {} ended: total reward {}", episodeRewards.size(), episodeReward);
        episodeReward = 0;
        policy.startEpisode();
        if (settings.resetEpisodes()) {
            log.info("Resetting to {} replica(s), as the original did at each episode", environment.limits().min());
            scaler.scaleTo(environment.limits().min());
        }
        environment.reset(episodeRewards.size());
        if (settings.plotsDir() != null) {
            LearningPlots.write(episodeRewards.stream().mapToDouble(Double::doubleValue).toArray(),
                    mse.stream().mapToDouble(Double::doubleValue).toArray(),
                    settings.plotsDir().resolve(policy.name() + "-reward.png"),
                    settings.plotsDir().resolve(policy.name() + "-mse.png"));
        }
    }

    private Duration retryDelay() {
        Duration delay = FIRST_RETRY.multipliedBy(1L << Math.min(failures, 10));
        failures++;
        return delay.compareTo(ticker.period()) < 0 ? delay : ticker.period();
    }

    private double epsilon() {
        return policy instanceof TabularAgent tabular ? tabular.learner().epsilon() : 0;
    }

    /** When the loop last finished a period, for /health. */
    public double lastLoopEpochSeconds() {
        return metrics.lastLoop.get();
    }
}
