package org.rlautoscaler.autoscaler.agent;

import java.util.ArrayDeque;
import java.util.Deque;
import org.rlautoscaler.autoscaler.env.Observation;

/**
 * {@code hpa}: the Kubernetes Horizontal Pod Autoscaler's rule on CPU utilisation.
 * <ol>
 *   <li>{@code desired = ceil(current x utilisation / target)}, where current is the desired
 *       replica count and utilisation the CPU per replica;</li>
 *   <li>within the tolerance ({@code |utilisation / target - 1| <= 0.1}) nothing changes;</li>
 *   <li>a scale-up is limited to {@code max(2 x current, current + 4)} per period;</li>
 *   <li>a scale-down is stabilised: the result is the highest recommendation of the last
 *       {@code stabilisationSeconds} (300 s), so a brief dip does not remove replicas;</li>
 *   <li>a missing metric never scales down: the count is kept.</li>
 * </ol>
 */
public final class HpaPolicy implements Policy {
    public static final String NAME = "hpa";
    static final double TOLERANCE = 0.1;

    private final double targetUtilisation;
    private final double periodSeconds;
    private final double stabilisationSeconds;
    private final Deque<double[]> recommendations = new ArrayDeque<>(); // {time, replicas}
    private double now;

    /**
     * @param targetUtilisation CPU utilisation per replica to aim at, 0 to 1 (0.7 = 70 %)
     * @param periodSeconds     time between two decisions
     */
    public HpaPolicy(double targetUtilisation, double periodSeconds, double stabilisationSeconds) {
        this.targetUtilisation = targetUtilisation;
        this.periodSeconds = periodSeconds;
        this.stabilisationSeconds = stabilisationSeconds;
    }

    @Override
    public boolean canDecide(Observation observation) {
        return !Double.isNaN(observation.replicaCpuUtilisation());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void startEpisode() {
        recommendations.clear();
        now = 0;
    }

    @Override
    public Decision decide(Observation o) {
        now += periodSeconds;
        int current = o.desiredReplicas();
        double utilisation = o.replicaCpuUtilisation();
        if (Double.isNaN(utilisation)) {
            return Decision.rule(current, "hold: CPU utilisation is missing, and missing metrics never scale down");
        }
        double ratio = utilisation / targetUtilisation;
        int recommended = Math.abs(ratio - 1) <= TOLERANCE ? current : (int) Math.ceil(current * ratio);
        int limit = Math.max(2 * current, current + 4);
        if (recommended > limit) {
            recommended = limit;
        }
        recommendations.addLast(new double[] {now, recommended});
        while (!recommendations.isEmpty() && recommendations.peekFirst()[0] <= now - stabilisationSeconds) {
            recommendations.removeFirst();
        }
        int desired = recommended;
        if (recommended < current) {
            for (double[] r : recommendations) {
                desired = Math.max(desired, (int) r[1]);
            }
            desired = Math.min(desired, current);
        }
        return Decision.rule(desired, desired == current ? "within tolerance or stabilised" : "utilisation against target");
    }
}
