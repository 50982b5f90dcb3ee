package org.rlautoscaler.autoscaler.live;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.rlautoscaler.autoscaler.agent.Agent;
import org.rlautoscaler.autoscaler.agent.Decision;
import org.rlautoscaler.autoscaler.env.Environment;
import org.rlautoscaler.autoscaler.env.Observation;
import org.rlautoscaler.autoscaler.env.ReplicaScaler;
import org.rlautoscaler.autoscaler.env.ScalingException;
import org.rlautoscaler.autoscaler.eval.LearningPlots;
import org.rlautoscaler.autoscaler.rollout.Rollout;
import org.rlautoscaler.autoscaler.safety.SafetyChain;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live control loop, one period at a time, through the same {@link Rollout} as training and
 * evaluation: observe, let the agent decide, pass the decision through the {@link SafetyChain},
 * apply it, learn from the result, save. Around it, what only a live service needs: missing
 * metrics and orchestrator failures never stop it (it holds, says why, counts it, and tries again
 * after 1 s, 2 s, 4 s ... up to a period), every decision is logged and counted with its reason,
 * and the history and the agent's file survive a crash.
 */
public final class ControlLoop {
    private static final Logger log = LoggerFactory.getLogger(ControlLoop.class);
    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);

    /**
     * @param learn         learn online (epsilon-greedy), or act greedily without learning
     * @param resetEpisodes at the end of each episode, scale back to MIN_REPLICAS as the original did
     * @param weightsFile   where a learning agent is saved after every update (null: not saved)
     * @param historyFile   the per-period CSV (null: none)
     * @param plotsDir      where the learning plots are refreshed after each episode (null: none)
     */
    public record Settings(boolean learn, boolean resetEpisodes, Path weightsFile, Path historyFile, Path plotsDir) {}

    private final Environment environment;
    private final LiveTicker ticker;
    private final ReplicaScaler scaler;
    private final Agent agent;
    private final Rollout rollout;
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

    public ControlLoop(Environment environment, LiveTicker ticker, ReplicaScaler scaler, Agent agent, SafetyChain safety,
                       LoopMetrics metrics, Settings settings, Clock clock) throws IOException {
        this.environment = environment;
        this.ticker = ticker;
        this.scaler = scaler;
        this.agent = agent;
        this.rollout = new Rollout(environment, agent, safety, clock::instant, settings.learn() && agent.learns());
        this.metrics = metrics;
        this.settings = settings;
        this.clock = clock;
        this.history = settings.historyFile() == null ? null : LiveHistory.open(settings.historyFile());
        metrics.tableEntries.set(agent.status().parameters());
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
            observe();
            Rollout.Pending pending = rollout.decide();
            Observation before = pending.before();
            Decision decision = pending.decision();
            SafetyChain.Verdict verdict = pending.verdict();
            metrics.observed(before);
            String action = metrics.decided(before.desiredReplicas(), verdict.replicas(), verdict.reason());
            log.info("Decision: {} to {} replicas (running {}); agent {} wanted {} ({}); safety: {} ({})", action,
                    verdict.replicas(), before.runningReplicas(), agent.name(), decision.replicas(), decision.reason(),
                    verdict.reason(), verdict.detail());
            if (pending.blind()) {
                ticker.retryAfter(retryDelay());
            }
            Rollout.Step step = rollout.apply(pending);
            failures = pending.blind() ? failures : 0;
            double qValue = step.learnt() ? learnt() : Double.NaN;
            episodeReward += step.result().reward();
            metrics.reward.set(step.result().reward());
            metrics.observed(step.result().observation());
            if (history != null) {
                history.append(pending.at(), before, decision.replicas(), verdict.replicas(), action, verdict.reason(),
                        decision.random(), step.result().reward(), qValue, agent.status().epsilon());
            }
            if (step.result().truncated()) {
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
            log.error("Cannot write the history or the agent's file: {}", e.toString());
        } finally {
            metrics.loopDuration.observe((System.nanoTime() - start - (ticker.sleptNanos() - sleptBefore)) / 1e9);
            metrics.lastLoop.set(clock.millis() / 1000.0);
            metrics.epsilon.set(agent.status().epsilon());
        }
    }

    /** The first period starts the episode; after a failure the loop looks again. */
    private void observe() {
        if (!started) {
            rollout.reset(0);
            started = true;
            needsObservation = false;
        } else if (needsObservation) {
            environment.observe();
            needsObservation = false;
        }
    }

    /** After a step learnt from: the plots' figures, the metrics, the saved file; returns Q(state, action). */
    private double learnt() throws IOException {
        var status = agent.status();
        mse.add(status.meanSquaredError());
        metrics.tableVisited.set(status.visitedParameters());
        if (settings.weightsFile() != null) {
            agent.save(settings.weightsFile());
        }
        return status.lastValue();
    }

    private void endEpisode() throws IOException {
        episodeRewards.add(episodeReward);
        log.info("Episode {} ended: total reward {}", episodeRewards.size(), episodeReward);
        episodeReward = 0;
        agent.startEpisode();
        if (settings.resetEpisodes()) {
            log.info("Resetting to {} replica(s), as the original did at each episode", environment.limits().min());
            scaler.scaleTo(environment.limits().min());
        }
        environment.reset(episodeRewards.size());
        if (settings.plotsDir() != null) {
            LearningPlots.write(episodeRewards.stream().mapToDouble(Double::doubleValue).toArray(),
                    mse.stream().mapToDouble(Double::doubleValue).toArray(),
                    settings.plotsDir().resolve(agent.name() + "-reward.png"),
                    settings.plotsDir().resolve(agent.name() + "-mse.png"));
        }
    }

    private Duration retryDelay() {
        Duration delay = FIRST_RETRY.multipliedBy(1L << Math.min(failures, 10));
        failures++;
        return delay.compareTo(ticker.period()) < 0 ? delay : ticker.period();
    }

    /** When the loop last finished a period, for /health. */
    public double lastLoopEpochSeconds() {
        return metrics.lastLoop.get();
    }
}
