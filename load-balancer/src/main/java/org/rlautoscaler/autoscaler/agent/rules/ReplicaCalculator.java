package org.rlautoscaler.autoscaler.agent.rules;

/**
 * The Kubernetes HPA's replica calculation on CPU utilisation ({@code GetResourceReplicas} in
 * {@code replica_calculator.go}): metrics in, a recommended replica count out, nothing applied.
 *
 * <p>Utilisation is read in whole percent of a replica's CPU, as Kubernetes computes it
 * ({@code sum(usage) * 100 / sum(requests)}, truncated), over the ready replicas only; the usage
 * ratio is that percent over the target's. Within the tolerance the count stays. Otherwise the
 * ratio is multiplied by the ready replicas, not by the desired count. On a scale-up while some
 * replicas are not ready yet (asked for, still starting), those count as using 0 %: the ratio is
 * computed again over every replica, and if it no longer says "up" (or is within the tolerance)
 * the count stays.
 */
public final class ReplicaCalculator {
    /** Kubernetes' default {@code --horizontal-pod-autoscaler-tolerance}. */
    public static final double TOLERANCE = 0.1;

    private ReplicaCalculator() {}

    /** Utilisation in whole percent, truncated as Kubernetes' integer arithmetic does (0.58 is 58, not 57). */
    public static long percent(double utilisation) {
        return (long) Math.floor(utilisation * 100 + 1e-9);
    }

    /**
     * @param current     replicas the service is asked to run (the scale's spec)
     * @param ready       of those, replicas ready and reporting a metric
     * @param utilisation mean CPU of the ready replicas, as a fraction of a replica's CPU
     * @param target      the target utilisation, a fraction (0.7 = 70 %)
     * @return the recommended replica count, before stabilisation and limits
     */
    public static int recommend(int current, int ready, double utilisation, double target) {
        if (ready <= 0) {
            return current; // no ready replica reports a metric: Kubernetes errors out and keeps the count
        }
        int unready = Math.max(0, current - ready);
        long percent = percent(utilisation);
        double targetPercent = Math.round(target * 100);
        double ratio = percent / targetPercent;
        boolean rebalanceUnready = unready > 0 && ratio > 1.0;
        if (!rebalanceUnready) {
            if (Math.abs(1.0 - ratio) <= TOLERANCE) {
                return current;
            }
            return (int) Math.ceil(ratio * ready);
        }
        // On a scale-up, the replicas not ready yet count as using 0 % of their CPU.
        int counted = ready + unready;
        long newPercent = percent(utilisation * ready / counted);
        double newRatio = newPercent / targetPercent;
        if (Math.abs(1.0 - newRatio) <= TOLERANCE || newRatio < 1.0) {
            return current; // too small a change, or the direction would flip
        }
        int recommended = (int) Math.ceil(newRatio * counted);
        return recommended < current ? current : recommended;
    }
}
