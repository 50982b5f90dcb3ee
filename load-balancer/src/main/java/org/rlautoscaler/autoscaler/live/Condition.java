package org.rlautoscaler.autoscaler.live;

import java.time.Instant;

/**
 * One of the autoscaler's conditions, shaped like a HorizontalPodAutoscaler's
 * ({@code kubectl describe hpa}): {@code AbleToScale}, {@code ScalingActive}, {@code ScalingLimited}.
 *
 * @param type    the condition
 * @param status  {@code True}, {@code False} or {@code Unknown} (before the first period)
 * @param reason  one CamelCase word, as HPA's ({@code FailedGetMetrics}, {@code TooManyReplicas})
 * @param message what happened, in words, with the numbers
 * @param since   when the status last changed
 */
public record Condition(Type type, Status status, String reason, String message, Instant since) {
    /** The conditions the loop reports. */
    public enum Type {
        /** The loop can read and change the replica count (the orchestrator answers). */
        AbleToScale,
        /** The loop reads the metrics its agent decides from (Prometheus answers with values). */
        ScalingActive,
        /** The wanted count was cut to MIN_REPLICAS or MAX_REPLICAS. */
        ScalingLimited
    }

    /** As in Kubernetes: True, False or Unknown. */
    public enum Status { True, False, Unknown }
}
