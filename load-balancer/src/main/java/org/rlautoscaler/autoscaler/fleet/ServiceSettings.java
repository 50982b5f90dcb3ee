package org.rlautoscaler.autoscaler.fleet;

import java.util.Objects;
import org.rlautoscaler.autoscaler.catalog.AgentKind;
import org.rlautoscaler.autoscaler.env.Limits;
import org.rlautoscaler.autoscaler.prometheus.Queries;

/**
 * How one service is scaled: the autoscaler's own settings, each replaced by the service's label
 * when it has one (see {@link ServiceLabels}).
 *
 * @param limits          the fewest and most replicas
 * @param agent           the agent that decides
 * @param learn           learn online (mode learn), or act greedily (mode greedy)
 * @param sloP95Ms        the objective: p95 latency, ms
 * @param cooldownSeconds no change until this long after the last one
 * @param maxStep         most replicas added or removed by one decision
 * @param hpaTarget       the hpa agent's target CPU fraction
 * @param dryRun          decide and log, never scale
 * @param queries         the query templates (see {@link QueryTemplates})
 * @param requestSelector label matchers added to the request metrics' selectors, such as
 *                        {@code path="/test"} (empty: every request)
 */
public record ServiceSettings(Limits limits, AgentKind agent, boolean learn, double sloP95Ms, double cooldownSeconds,
                              int maxStep, double hpaTarget, boolean dryRun, Queries queries, String requestSelector) {
    public ServiceSettings {
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(queries, "queries");
        requestSelector = requestSelector == null ? "" : requestSelector.strip();
    }

    /** What a person reads in the log and on the page: the settings a label can change. */
    public String describe() {
        return "agent " + agent + (agent.learns() ? " (" + (learn ? "learn" : "greedy") + " mode)" : "") + ", "
                + limits.min() + " to " + limits.max() + " replicas, objective p95 " + fmt(sloP95Ms) + " ms, cooldown "
                + fmt(cooldownSeconds) + " s, max step " + maxStep + (agent == AgentKind.HPA ? ", target " + fmt(hpaTarget) : "")
                + (dryRun ? ", DRY RUN" : "");
    }

    private static String fmt(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
