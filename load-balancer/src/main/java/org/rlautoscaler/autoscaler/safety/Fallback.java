package org.rlautoscaler.autoscaler.safety;

/**
 * What to run when the metrics stay missing, as KEDA's {@code fallback} does: after
 * {@code afterPeriods} periods in a row without the metrics the agent decides from, ask for
 * {@code replicas}. Off ({@link #NONE}) by default: a blind autoscaler holds.
 *
 * @param replicas     the replica count to fall back to; 0: no fallback, hold
 * @param afterPeriods blind periods in a row before falling back, 1 or more
 */
public record Fallback(int replicas, int afterPeriods) {
    /** No fallback: hold while blind. */
    public static final Fallback NONE = new Fallback(0, 1);

    public Fallback {
        if (replicas < 0 || afterPeriods < 1) {
            throw new IllegalArgumentException("a fallback needs replicas >= 0 and afterPeriods >= 1, got "
                    + replicas + " and " + afterPeriods);
        }
    }

    public boolean enabled() {
        return replicas > 0;
    }
}
