package org.rlautoscaler.autoscaler.agent.rules;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import org.rlautoscaler.autoscaler.agent.Agent;
import org.rlautoscaler.autoscaler.agent.Decision;
import org.rlautoscaler.autoscaler.env.Limits;
import org.rlautoscaler.autoscaler.env.Observation;

/**
 * {@code hpa}: the Kubernetes Horizontal Pod Autoscaler on CPU utilisation, as its controller
 * ({@code horizontal.go}) treats an HPA without a {@code behavior} section, one decision per sync
 * period:
 * <ol>
 *   <li>a count outside the limits is brought to the nearer limit at once, before any metric is
 *       read;</li>
 *   <li>otherwise the recommendation of {@link ReplicaCalculator}: the usage ratio over the ready
 *       replicas, nothing within a tolerance of 0.1, replicas still starting counted at 0 % on a
 *       scale-up;</li>
 *   <li>stabilisation: the highest recommendation of the last {@code stabilisationSeconds}
 *       (300 s) including this one, so that a scale-down waits until the load has been lower for
 *       that long. The window starts with the count the service had when the autoscaler started
 *       ({@code recordInitialRecommendation}: the first five minutes never scale below it);</li>
 *   <li>the scale-up limit {@code max(2 x current, 4)} per decision ({@code calculateScaleUpLimit};
 *       an HPA with a {@code behavior} section defaults to the larger of 100 % and 4 pods per
 *       15 s instead, that is {@code max(2 x current, current + 4)}), then the limits;</li>
 *   <li>a missing CPU reading never scales: the count is kept.</li>
 * </ol>
 * {@code hpa-tuned} is the same rule with its target chosen on the training load
 * ({@code HpaTuning}).
 */
public final class HpaPolicy implements Agent {
    public static final String NAME = "hpa";
    public static final String TUNED = "hpa-tuned";
    /** Kubernetes' default {@code --horizontal-pod-autoscaler-downscale-stabilization}. */
    public static final double DOWNSCALE_STABILISATION_SECONDS = 300;
    /** {@code scaleUpLimitFactor} and {@code scaleUpLimitMinimum} of {@code horizontal.go}. */
    static final int SCALE_UP_LIMIT_FACTOR = 2;
    static final int SCALE_UP_LIMIT_MINIMUM = 4;

    private final String name;
    private final double targetUtilisation;
    private final Limits limits;
    private final double periodSeconds;
    private final double stabilisationSeconds;
    private final Deque<double[]> recommendations = new ArrayDeque<>(); // {time, replicas}, oldest first
    private double now;
    private boolean started;

    /**
     * @param name                 {@link #NAME} or {@link #TUNED}
     * @param targetUtilisation    CPU utilisation per replica to aim at, above 0 and at most 1 (0.7 = 70 %)
     * @param periodSeconds        time between two decisions (the HPA's sync period)
     * @param stabilisationSeconds the scale-down stabilisation window
     */
    public HpaPolicy(String name, double targetUtilisation, Limits limits, double periodSeconds,
                     double stabilisationSeconds) {
        if (!(targetUtilisation > 0 && targetUtilisation <= 1)) {
            throw new IllegalArgumentException("the HPA's target utilisation must be above 0 and at most 1, got "
                    + targetUtilisation);
        }
        this.name = name;
        this.targetUtilisation = targetUtilisation;
        this.limits = limits;
        this.periodSeconds = periodSeconds;
        this.stabilisationSeconds = stabilisationSeconds;
    }

    /** The plain {@code hpa} with Kubernetes' 300 s scale-down stabilisation. */
    public static HpaPolicy of(double targetUtilisation, Limits limits, double periodSeconds) {
        return new HpaPolicy(NAME, targetUtilisation, limits, periodSeconds, DOWNSCALE_STABILISATION_SECONDS);
    }

    @Override
    public boolean canDecide(Observation observation) {
        return !Double.isNaN(observation.replicaCpuUtilisation());
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void startEpisode() {
        recommendations.clear();
        now = 0;
        started = false;
    }

    /**
     * Replaces the recommendations remembered so far, as Kubernetes' tests set them: each of
     * {@code replicas} made {@code ageSeconds} before the next decision. An empty list is an HPA
     * that has run for a while without recommending anything lately (no initial size is recorded).
     */
    void rememberRecommendations(int[] replicas, double[] ageSeconds) {
        recommendations.clear();
        double next = now + periodSeconds;
        for (int i = 0; i < replicas.length; i++) {
            recommendations.addLast(new double[] {next - ageSeconds[i], replicas[i]});
        }
        started = true;
    }

    @Override
    public Decision act(Observation o) {
        now += periodSeconds;
        int current = o.desiredReplicas();
        if (!started) {
            recommendations.addLast(new double[] {now, current});
            started = true;
        }
        if (current > limits.max()) {
            return Decision.rule(limits.max(), "above the most replicas: to the limit");
        }
        if (current < limits.min()) {
            return Decision.rule(limits.min(), "below the fewest replicas: to the limit");
        }
        double utilisation = o.replicaCpuUtilisation();
        if (Double.isNaN(utilisation)) {
            return Decision.rule(current, "hold: CPU utilisation is missing, and missing metrics never scale");
        }
        int ready = Math.min(current, o.runningReplicas());
        int recommended = ReplicaCalculator.recommend(current, ready, utilisation, targetUtilisation);
        int stabilised = recommended;
        for (double[] r : recommendations) {
            if (r[0] >= now - stabilisationSeconds) {
                stabilised = Math.max(stabilised, (int) r[1]);
            }
        }
        while (!recommendations.isEmpty() && recommendations.peekFirst()[0] < now - stabilisationSeconds) {
            recommendations.removeFirst();
        }
        recommendations.addLast(new double[] {now, recommended});
        String reason = String.format(Locale.ROOT, "CPU %d%% of %d ready against target %d%%: recommends %d",
                ReplicaCalculator.percent(utilisation), ready, Math.round(targetUtilisation * 100), recommended);
        if (stabilised > recommended) {
            reason += ", stabilised at " + stabilised + " (highest of the last " + (long) stabilisationSeconds + " s)";
        }
        int limit = Math.max(SCALE_UP_LIMIT_FACTOR * current, SCALE_UP_LIMIT_MINIMUM);
        int desired = stabilised;
        if (desired > limit && limit < limits.max()) {
            desired = limit;
            reason += ", scale-up limited to " + limit;
        }
        return Decision.rule(limits.clamp(desired), reason);
    }
}
