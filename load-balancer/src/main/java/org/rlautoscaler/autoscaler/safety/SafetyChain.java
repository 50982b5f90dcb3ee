package org.rlautoscaler.autoscaler.safety;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import org.rlautoscaler.autoscaler.env.Observation;

/**
 * The ordered checks between what an agent decides and what is applied, in the manner of the
 * Kubernetes HPA controller: each step may change the decision, and the last one that did gives
 * the reason. Pure: it decides; the control loop applies, and tells it with {@link #applied}.
 * <ol>
 *   <li>bring a service that runs outside MIN_REPLICAS / MAX_REPLICAS (scaled by hand, or the
 *       limits changed) straight to the bound, as HPA does before it reads any metric; this
 *       step ends the review: no cooldown, rate limit or missing metric holds it;</li>
 *   <li>clamp the decision to MIN_REPLICAS / MAX_REPLICAS;</li>
 *   <li>hold when a metric the agent decides from is missing (a blind autoscaler must not act),
 *       or, after {@link Fallback#afterPeriods()} such periods in a row, ask for the fallback's
 *       replicas if one is set;</li>
 *   <li>hold during the cooldown after a change;</li>
 *   <li>limit the step to {@code maxStep} replicas;</li>
 *   <li>stabilise scale-downs: no lower than the highest recommendation of the window.</li>
 * </ol>
 */
public final class SafetyChain {
    private final SafetyConfig config;
    private final Deque<Recommendation> recent = new ArrayDeque<>();
    private Instant lastChange = Instant.MIN;
    private int blindInARow;

    /**
     * What the chain lets through.
     *
     * @param replicas the replicas to ask for
     * @param reason   the last step that changed the decision, or {@code as_decided}
     * @param detail   the numbers behind the reason, for the log
     */
    public record Verdict(int replicas, SafetyReason reason, String detail) {}

    private record Recommendation(Instant at, int replicas) {}

    public SafetyChain(SafetyConfig config) {
        this.config = config;
    }

    /**
     * Reviews the wish for {@code wanted} replicas when the service asks for {@code current};
     * {@code blind}: a metric the agent decides from is missing.
     */
    public Verdict review(int current, int wanted, Observation observation, boolean blind, Instant now) {
        blindInARow = blind ? blindInARow + 1 : 0;
        int bound = config.limits().clamp(current);
        if (bound != current) {
            recordRecommendation(now, bound);
            return new Verdict(bound, bound < current ? SafetyReason.above_max : SafetyReason.below_min,
                    "the service asks for " + current + " replicas, limits " + config.limits().min() + " to "
                            + config.limits().max() + "; agent wanted " + wanted);
        }
        int replicas = wanted;
        SafetyReason reason = SafetyReason.as_decided;
        String detail = "wanted " + wanted;

        int clamped = config.limits().clamp(replicas);
        if (clamped != replicas) {
            reason = clamped > replicas ? SafetyReason.clamped_to_min : SafetyReason.clamped_to_max;
            detail = "wanted " + wanted + ", limits " + config.limits().min() + " to " + config.limits().max();
            replicas = clamped;
        }
        recordRecommendation(now, replicas);

        if (blind) {
            Fallback fallback = config.fallback();
            if (fallback.enabled() && blindInARow >= fallback.afterPeriods()) {
                return new Verdict(config.limits().clamp(fallback.replicas()), SafetyReason.fallback,
                        "missing " + missing(observation) + " for " + blindInARow + " periods in a row; fallback "
                                + fallback.replicas() + " replicas");
            }
            return new Verdict(current, SafetyReason.missing_metrics, "missing " + missing(observation));
        }
        if (replicas != current && Duration.between(lastChange, now).compareTo(config.cooldown()) < 0) {
            return new Verdict(current, SafetyReason.cooldown, "last change " + Duration.between(lastChange, now).toSeconds()
                    + " s ago, cooldown " + config.cooldown().toSeconds() + " s");
        }
        if (Math.abs(replicas - current) > config.maxStep()) {
            int limited = current + Integer.signum(replicas - current) * config.maxStep();
            detail = "wanted " + replicas + ", at most " + config.maxStep() + " at once";
            replicas = limited;
            reason = SafetyReason.rate_limited;
        }
        if (replicas < current) {
            int highest = replicas;
            for (Recommendation r : recent) {
                highest = Math.max(highest, r.replicas());
            }
            highest = Math.min(highest, current);
            if (highest > replicas) {
                detail = "wanted " + replicas + ", highest recommendation of the last "
                        + config.stabilization().toSeconds() + " s is " + highest;
                replicas = highest;
                reason = SafetyReason.stabilized;
            }
        }
        return new Verdict(replicas, reason, detail);
    }

    /** Forgets the recommendations and the last change: a new episode. */
    public void reset() {
        recent.clear();
        blindInARow = 0;
        lastChange = Instant.MIN;
    }

    /** The loop changed the replica count at {@code now}: the cooldown starts. */
    public void applied(Instant now) {
        lastChange = now;
    }

    private void recordRecommendation(Instant now, int replicas) {
        recent.addLast(new Recommendation(now, replicas));
        Instant oldest = now.minus(config.stabilization());
        while (!recent.isEmpty() && recent.peekFirst().at().isBefore(oldest)) {
            recent.removeFirst();
        }
    }

    static String missing(Observation o) {
        StringBuilder names = new StringBuilder();
        append(names, o.cpuUsage(), "cpu_usage");
        append(names, o.ramUsage(), "ram_usage");
        append(names, o.replicaCpuUtilisation(), "replica_cpu");
        append(names, o.requestRate(), "request_rate");
        append(names, o.meanLatencyMs(), "mean_latency");
        append(names, o.p95LatencyMs(), "p95_latency");
        return names.toString();
    }

    private static void append(StringBuilder names, double value, String name) {
        if (Double.isNaN(value)) {
            names.append(names.isEmpty() ? "" : ", ").append(name);
        }
    }
}
