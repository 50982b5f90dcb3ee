package org.rlautoscaler.autoscaler.live;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.rlautoscaler.autoscaler.agent.Agent;
import org.rlautoscaler.autoscaler.agent.Decision;
import org.rlautoscaler.autoscaler.agent.Forecasting;
import org.rlautoscaler.autoscaler.agent.Insight;
import org.rlautoscaler.autoscaler.env.Environment;
import org.rlautoscaler.autoscaler.env.MissingMetric;
import org.rlautoscaler.autoscaler.env.Observation;
import org.rlautoscaler.autoscaler.env.ReplicaScaler;
import org.rlautoscaler.autoscaler.env.ScalingException;
import org.rlautoscaler.autoscaler.rollout.Rollout;
import org.rlautoscaler.autoscaler.safety.SafetyChain;
import org.rlautoscaler.autoscaler.safety.SafetyReason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * The live control loop, one period at a time, through the same {@link Rollout} as training and
 * evaluation: observe, let the agent decide, pass the decision through the {@link SafetyChain},
 * apply it, learn from the result, save. Around it, what only a live service needs: missing
 * metrics and orchestrator failures never stop it (it holds, says why, counts it, and tries again
 * after 1 s, 2 s, 4 s ... up to a period), every decision is logged and counted with its reason,
 * the history and the agent's file survive a crash, and the {@link LoopStatus} tells
 * {@code /ready} and {@code /api/status} what the loop can and cannot do.
 */
public final class ControlLoop {
    private static final Logger log = LoggerFactory.getLogger(ControlLoop.class);
    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);

    /**
     * @param learn         learn online (epsilon-greedy), or act greedily without learning
     * @param resetEpisodes at the end of each episode, scale back to MIN_REPLICAS as the original did
     * @param weightsFile   where a learning agent is saved after every update (null: not saved)
     * @param historyFile   the per-period CSV (null: none)
     * @param episodeEnded  hears each episode's end, with the rewards and errors so far (null: nobody)
     * @param unreadyAfterPeriods failed periods in a row after which the loop is not ready
     */
    public record Settings(boolean learn, boolean resetEpisodes, Path weightsFile, Path historyFile,
                           EpisodeListener episodeEnded, int unreadyAfterPeriods) {
        public Settings {
            episodeEnded = episodeEnded == null ? EpisodeListener.NONE : episodeEnded;
        }

        /** Not ready after 3 failed periods in a row. */
        public Settings(boolean learn, boolean resetEpisodes, Path weightsFile, Path historyFile,
                        EpisodeListener episodeEnded) {
            this(learn, resetEpisodes, weightsFile, historyFile, episodeEnded, 3);
        }
    }

    /** Hears the end of each episode: for the learning plots. */
    @FunctionalInterface
    public interface EpisodeListener {
        /** Hears nothing. */
        EpisodeListener NONE = (agent, rewards, errors) -> {};

        /**
         * An episode ended.
         *
         * @param agent   the agent's name
         * @param rewards the total reward of every episode so far
         * @param errors  the mean squared error after each step learnt from so far
         */
        void episodeEnded(String agent, double[] rewards, double[] errors) throws IOException;
    }

    private final Environment environment;
    private final LiveTicker ticker;
    private final ReplicaScaler scaler;
    private final Agent agent;
    private final Rollout rollout;
    private final LoopMetrics metrics;
    private final Settings settings;
    private final Clock clock;
    private final LiveHistory history;
    private final LoopStatus status;
    private final LoopJournal journal = LoopJournal.standard();
    private final RestartDetector restarts = new RestartDetector();
    private long decisions;
    private final double startedEpochSeconds;
    private final MissingMetrics missing;
    private final List<Double> episodeRewards = new ArrayList<>();
    private final List<Double> mse = new ArrayList<>();
    private double episodeReward;
    private boolean needsObservation = true;
    private boolean started;
    private int failures;
    private volatile boolean stopped;
    private Level decisionLevel = Level.INFO;

    public ControlLoop(Environment environment, LiveTicker ticker, ReplicaScaler scaler, Agent agent, SafetyChain safety,
                       LoopMetrics metrics, Settings settings, Clock clock) throws IOException {
        this(environment, ticker, scaler, agent, safety, metrics, settings, clock, new MissingMetrics());
    }

    /**
     * A loop whose metrics source tells {@code missing} what it could not read (see
     * {@link #metricMissing}): the loop logs it once a period and shows it in ScalingActive.
     */
    public ControlLoop(Environment environment, LiveTicker ticker, ReplicaScaler scaler, Agent agent, SafetyChain safety,
                       LoopMetrics metrics, Settings settings, Clock clock, MissingMetrics missing) throws IOException {
        this.missing = missing;
        this.environment = environment;
        this.ticker = ticker;
        this.scaler = scaler;
        this.agent = agent;
        this.rollout = new Rollout(environment, agent, safety, clock::instant, settings.learn() && agent.learns());
        this.metrics = metrics;
        this.settings = settings;
        this.clock = clock;
        this.history = settings.historyFile() == null ? null : LiveHistory.open(settings.historyFile());
        this.startedEpochSeconds = clock.millis() / 1000.0;
        this.status = new LoopStatus(settings.unreadyAfterPeriods(), metrics, clock.instant());
        metrics.tableEntries(agent.status().parameters());
        metrics.limits(environment.limits());
    }

    /**
     * The level of each period's decision line (INFO by default; with LOG_FORMAT=json its fields
     * are keys of their own): lower it where the decisions are shown elsewhere, as by watch.
     */
    public void logDecisionsAt(Level level) {
        this.decisionLevel = level;
    }

    /** The decisions, the last hour and the agent's view, for the agent's page. */
    public LoopJournal journal() {
        return journal;
    }

    /** What the loop can do now: for /ready and /api/status. */
    public LoopStatus status() {
        return status;
    }

    /**
     * A metric of the next observation could not be read (the metrics source's listener): logged
     * once a period with the others, and the reason shown by the ScalingActive condition.
     */
    public void metricMissing(MissingMetric metric) {
        missing.missing(metric);
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

    /**
     * Runs periods until the process is asked to stop (SIGTERM, Ctrl-C): the shutdown hook stops
     * the loop after the current period and waits up to 20 s for it. A call to a hung
     * orchestrator ignores the interrupt: after 2 s the hook closes {@code orchestrator}'s client
     * to cut it short (null: nothing to close).
     */
    public void runUntilShutdown(AutoCloseable orchestrator) {
        Shutdown.runUntilSignalled(this::run, this::stop, orchestrator);
    }

    /** One period: returns after the period's wait. */
    public void runOnce() {
        long start = System.nanoTime();
        long sleptBefore = ticker.sleptNanos();
        boolean scaling = false;
        try {
            observe();
            Rollout.Pending pending = rollout.decide();
            Observation before = pending.before();
            Decision decision = pending.decision();
            SafetyChain.Verdict verdict = pending.verdict();
            Optional<Insight> insight = agent.insight();
            metrics.observed(before);
            restarts.observe(clock.millis() / 1000.0, before).ifPresent(restart -> {
                metrics.replicaRestarted();
                log.warn("Replica restart: {}", restart);
            });
            String action = metrics.decided(before.desiredReplicas(), verdict.replicas(), verdict.reason());
            log.atLevel(decisionLevel).addKeyValue("event", "decision").addKeyValue("action", action)
                    .addKeyValue("replicas_before", before.desiredReplicas()).addKeyValue("replicas_after", verdict.replicas())
                    .addKeyValue("running", before.runningReplicas()).addKeyValue("agent", agent.name())
                    .addKeyValue("wanted", decision.replicas()).addKeyValue("reason", decision.reason())
                    .addKeyValue("safety", verdict.reason().name()).addKeyValue("safety_detail", verdict.detail())
                    .log("Decision: {} to {} replicas (running {}); agent {} wanted {} ({}); safety: {} ({})", action,
                            verdict.replicas(), before.runningReplicas(), agent.name(), decision.replicas(),
                            decision.reason(), verdict.reason(), verdict.detail());
            String unread = takeMissing();
            decidedConditions(pending, unread);
            if (pending.blind()) {
                ticker.retryAfter(retryDelay());
            }
            scaling = true;
            Rollout.Step step = rollout.apply(pending);
            scaled(pending);
            if (pending.blind()) {
                status.failed("cannot read the metrics the agent decides from: " + unread, pending.at());
            } else {
                failures = 0;
                status.succeeded();
            }
            double qValue = step.learnt() ? learnt() : Double.NaN;
            episodeReward += step.result().reward();
            metrics.reward(step.result().reward());
            metrics.observed(step.result().observation());
            journal(pending, action, insight, step.result().reward());
            if (history != null) {
                history.append(pending.at(), before, decision.replicas(), verdict.replicas(), action, verdict.reason(),
                        decision.random(), step.result().reward(), qValue, agent.status().epsilon());
            }
            if (step.result().truncated()) {
                endEpisode();
            }
        } catch (ScalingException e) {
            if (stopped) {  // the shutdown interrupted a call: not a failure of the orchestrator
                log.info("Stopped during a call to the orchestrator ({})", e.getMessage());
                return;
            }
            metrics.scalingError(e.kind().name());
            Duration delay = retryDelay();
            log.warn("Holding: cannot {} the service ({}: {}); trying again in {} s", scaling ? "scale" : "read",
                    e.kind(), e.getMessage(), delay.toSeconds());
            Instant now = clock.instant();
            status.set(Condition.Type.AbleToScale, Condition.Status.False, scaling ? "FailedUpdateScale" : "FailedGetScale",
                    e.kind() + ": " + e.getMessage(), now);
            status.failed("cannot " + (scaling ? "scale" : "read") + " the service: " + e.kind() + ": " + e.getMessage(), now);
            needsObservation = true;
            ticker.retryAfter(delay);
            ticker.tick();
        } catch (IOException e) {
            log.error("Cannot write the history or the agent's file: {}", e.toString());
        } finally {
            metrics.loopDuration((System.nanoTime() - start - (ticker.sleptNanos() - sleptBefore)) / 1e9);
            metrics.lastLoop(clock.millis() / 1000.0);
            metrics.epsilon(agent.status().epsilon());
        }
    }

    /** The period on the agent's page. */
    private void journal(Rollout.Pending pending, String action, Optional<Insight> insight, double reward) {
        Observation before = pending.before();
        double forecast = agent instanceof Forecasting f
                ? f.forecast().map(Forecasting.Forecast::peakRate).orElse(Double.NaN) : Double.NaN;
        metrics.forecast(forecast);
        SafetyChain.Verdict verdict = pending.verdict();
        Decision decision = pending.decision();
        LoggedDecision logged = new LoggedDecision(++decisions, pending.at(), before.desiredReplicas(), verdict.replicas(),
                decision.replicas(), action, decision.reason(), verdict.reason().name(), verdict.detail(),
                insight.map(Insight::chosenAction).orElse(null), decision.random());
        journal.record(new LoopJournal.Latest(logged, before, insight, agent.status().epsilon()),
                new Sample(pending.at(), before.requestRate(), forecast, verdict.replicas(), before.runningReplicas(),
                        before.p95LatencyMs(), reward));
    }

    /** The metrics that were missing from the observation just decided on, in one line, and forgets them. */
    private String takeMissing() {
        List<MissingMetric> taken = missing.take();
        if (taken.isEmpty()) {
            return "";
        }
        String line = taken.size() + " metric" + (taken.size() == 1 ? "" : "s") + " missing: "
                + String.join("; ", taken.stream().map(MissingMetric::toString).toList());
        log.warn(line);
        return line;
    }

    /**
     * The conditions known once the loop has read the service and decided: the orchestrator
     * answered (AbleToScale, until the scaling says more), ScalingActive and ScalingLimited.
     */
    private void decidedConditions(Rollout.Pending pending, String unread) {
        SafetyChain.Verdict verdict = pending.verdict();
        if (status.condition(Condition.Type.AbleToScale).status() != Condition.Status.True) {
            status.set(Condition.Type.AbleToScale, Condition.Status.True, "ReadyForNewScale",
                    "the orchestrator answers: the service asks for " + pending.before().desiredReplicas() + " replicas",
                    pending.at());
        }
        if (pending.blind()) {
            status.set(Condition.Type.ScalingActive, Condition.Status.False,
                    verdict.reason() == SafetyReason.fallback ? "FallbackReplicas" : "FailedGetMetrics",
                    verdict.detail() + (unread.isEmpty() ? "" : " (" + unread + ")"), pending.at());
        } else {
            status.set(Condition.Type.ScalingActive, Condition.Status.True, "ValidMetricFound",
                    "the agent " + agent.name() + " reads every metric it decides from", pending.at());
        }
        switch (verdict.reason()) {
            case above_max, clamped_to_max -> status.set(Condition.Type.ScalingLimited, Condition.Status.True,
                    "TooManyReplicas", verdict.detail() + ": held at MAX_REPLICAS", pending.at());
            case below_min, clamped_to_min -> status.set(Condition.Type.ScalingLimited, Condition.Status.True,
                    "TooFewReplicas", verdict.detail() + ": held at MIN_REPLICAS", pending.at());
            default -> status.set(Condition.Type.ScalingLimited, Condition.Status.False, "DesiredWithinRange",
                    "the desired count is within MIN_REPLICAS and MAX_REPLICAS", pending.at());
        }
    }

    /** AbleToScale after the orchestrator took the verdict. */
    private void scaled(Rollout.Pending pending) {
        SafetyChain.Verdict verdict = pending.verdict();
        if (pending.changes()) {
            status.set(Condition.Type.AbleToScale, Condition.Status.True, "SucceededRescale",
                    "scaled from " + pending.before().desiredReplicas() + " to " + verdict.replicas() + " replicas",
                    pending.at());
        } else {
            status.set(Condition.Type.AbleToScale, Condition.Status.True, switch (verdict.reason()) {
                case cooldown -> "BackoffBoth";
                case stabilized -> "ScaleDownStabilized";
                default -> "ReadyForNewScale";
            }, "the orchestrator answers; " + verdict.reason() + " (" + verdict.detail() + ")", pending.at());
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
        metrics.tableVisited(status.visitedParameters());
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
        settings.episodeEnded().episodeEnded(agent.name(), episodeRewards.stream().mapToDouble(Double::doubleValue).toArray(),
                mse.stream().mapToDouble(Double::doubleValue).toArray());
    }

    private Duration retryDelay() {
        Duration delay = FIRST_RETRY.multipliedBy(1L << Math.min(failures, 10));
        failures++;
        return delay.compareTo(ticker.period()) < 0 ? delay : ticker.period();
    }

    /** When the loop was made, Unix time in seconds: /health's reference before the first period. */
    public double startedEpochSeconds() {
        return startedEpochSeconds;
    }

    /** When the loop last finished a period, Unix time in seconds (0: none yet), for /health. */
    public double lastLoopEpochSeconds() {
        return metrics.lastLoop();
    }
}
