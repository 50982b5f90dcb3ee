package org.rlautoscaler.autoscaler.live;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.rlautoscaler.autoscaler.agent.Insight;
import org.rlautoscaler.autoscaler.env.Observation;

/**
 * What the agent's page shows, kept by the loop as it runs: the newest decisions, the last hour
 * of periods for the chart, and what the agent saw and expected at its last decision. The loop
 * writes once a period; the HTTP server reads from its own threads. Everything is in memory: a
 * restarted autoscaler starts a new journal (the history CSV keeps every period).
 */
public final class LoopJournal {
    /**
     * The newest decision with what the agent saw and expected when it took it.
     *
     * @param decision    the decision
     * @param observation what the agent decided on
     * @param insight     what it expected of each action, empty for a rule
     * @param epsilon     its chance of a random action then
     */
    public record Latest(LoggedDecision decision, Observation observation, Optional<Insight> insight, double epsilon) {}

    private final int maxDecisions;
    private final Duration window;
    private final Deque<LoggedDecision> decisions = new ArrayDeque<>();
    private final Deque<Sample> samples = new ArrayDeque<>();
    private Latest latest;

    /**
     * @param maxDecisions the decisions kept, newest first
     * @param window       the time the chart covers, up to the newest period
     */
    public LoopJournal(int maxDecisions, Duration window) {
        if (maxDecisions < 1 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("a journal keeps 1 decision or more over a positive window, got "
                    + maxDecisions + " and " + window);
        }
        this.maxDecisions = maxDecisions;
        this.window = window;
    }

    /** The last 200 decisions and the last hour. */
    public static LoopJournal standard() {
        return new LoopJournal(200, Duration.ofHours(1));
    }

    /** A period: its decision, what the agent saw and expected, and the chart's point. */
    public synchronized void record(Latest period, Sample sample) {
        latest = period;
        decisions.addFirst(period.decision());
        while (decisions.size() > maxDecisions) {
            decisions.removeLast();
        }
        samples.addLast(sample);
        Instant oldest = sample.time().minus(window);
        while (samples.getFirst().time().isBefore(oldest)) {
            samples.removeFirst();
        }
    }

    /** The decisions kept, newest first. */
    public synchronized List<LoggedDecision> decisions() {
        return List.copyOf(decisions);
    }

    /** The periods of the window, oldest first. */
    public synchronized List<Sample> samples() {
        return new ArrayList<>(samples);
    }

    /** The newest decision and its context; empty before the first. */
    public synchronized Optional<Latest> latest() {
        return Optional.ofNullable(latest);
    }
}
