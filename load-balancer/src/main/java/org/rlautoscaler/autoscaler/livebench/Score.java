package org.rlautoscaler.autoscaler.livebench;

import java.util.ArrayList;
import java.util.List;
import org.rlautoscaler.autoscaler.math.Stats;

/**
 * How a policy did over a run, live or predicted, scored the same way.
 *
 * @param sloViolationPct periods whose p95 latency is above the objective (a period with no
 *                        answer counts as one), percent of the periods
 * @param replicaMinutes  replicas running, summed over the periods, in minutes
 * @param reactionSeconds median time from a rise of the offered load that needs another replica
 *                        to that replica serving, seconds; NaN when no such rise was answered
 * @param rises           rises of the offered load that needed more replicas than were serving
 * @param answered        of those, the rises the serving replicas caught up with before the run ended
 */
public record Score(double sloViolationPct, double replicaMinutes, double reactionSeconds, int rises, int answered) {

    /**
     * Scores a run of {@code periodSeconds} periods. A rise is a period whose {@code demand} (the
     * replicas the offered load needs to meet the objective) is above the previous period's and
     * above the replicas {@code serving}; its reaction lasts until the first period, from then on,
     * whose serving replicas reach that demand, counted in whole periods.
     */
    public static Score of(double periodSeconds, double sloP95Ms, double[] p95Ms, int[] running, int[] serving,
                           int[] demand) {
        int n = p95Ms.length;
        if (running.length != n || serving.length != n || demand.length != n || n == 0) {
            throw new IllegalArgumentException("a score needs the same number (at least 1) of each reading");
        }
        int violations = 0;
        long replicaPeriods = 0;
        for (int t = 0; t < n; t++) {
            if (!(p95Ms[t] <= sloP95Ms)) {
                violations++;
            }
            replicaPeriods += running[t];
        }
        List<Double> reactions = new ArrayList<>();
        int rises = 0;
        for (int t = 1; t < n; t++) {
            if (demand[t] > demand[t - 1] && demand[t] > serving[t]) {
                rises++;
                for (int u = t + 1; u < n; u++) {
                    if (serving[u] >= demand[t]) {
                        reactions.add((u - t) * periodSeconds);
                        break;
                    }
                }
            }
        }
        return new Score(100.0 * violations / n, replicaPeriods * periodSeconds / 60,
                Stats.median(reactions.stream().mapToDouble(Double::doubleValue).toArray()), rises, reactions.size());
    }
}
