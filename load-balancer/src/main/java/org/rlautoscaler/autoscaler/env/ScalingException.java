package org.rlautoscaler.autoscaler.env;

/**
 * A {@link ReplicaScaler} could not read or change the replica count. The control loop holds,
 * says why, counts it by {@link #kind()}, and tries again next period.
 */
public final class ScalingException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What went wrong, as a label for logs and metrics. */
    public enum Kind {
        /** The orchestrator's API could not be reached (engine stopped, socket missing). */
        unreachable,
        /** The service (or Deployment) does not exist. */
        not_found,
        /** Someone else kept changing the service: the update was out of sequence every time. */
        conflict,
        /** The orchestrator refused the call (permissions). */
        forbidden,
        /** Anything else the orchestrator answered. */
        failed
    }

    private final Kind kind;

    public ScalingException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public ScalingException(Kind kind, String message) {
        this(kind, message, null);
    }

    public Kind kind() {
        return kind;
    }
}
