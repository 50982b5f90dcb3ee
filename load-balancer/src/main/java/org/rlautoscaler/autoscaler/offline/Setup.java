package org.rlautoscaler.autoscaler.offline;

import org.rlautoscaler.autoscaler.env.Environment;
import org.rlautoscaler.autoscaler.env.Limits;
import org.rlautoscaler.autoscaler.env.RewardFunction;
import org.rlautoscaler.autoscaler.sim.ClusterModel;
import org.rlautoscaler.autoscaler.sim.SimulatedCluster;
import org.rlautoscaler.autoscaler.sim.Workload;

/**
 * Everything an offline run shares: the cluster's physics, the control period, the latency
 * objective, the replica limits and the episode length.
 *
 * @param model         the simulated cluster's physics
 * @param periodSeconds time between two decisions, seconds
 * @param sloP95Ms      latency objective: p95 at or below this, milliseconds
 * @param limits        replica range
 * @param episodeSteps  steps of a training episode ({@code max_time_minutes} / period)
 */
public record Setup(ClusterModel model, double periodSeconds, double sloP95Ms, Limits limits, int episodeSteps) {

    /** A cluster for {@code workload}, starting with the minimum replicas. */
    public SimulatedCluster cluster(Workload workload, boolean randomStart) {
        return new SimulatedCluster(model, workload, periodSeconds, sloP95Ms, limits.min(), limits.max(), randomStart);
    }

    /** The environment around {@code cluster}, judging steps with {@code reward}. */
    public Environment environment(SimulatedCluster cluster, RewardFunction reward, long maxSteps) {
        return new Environment(cluster, cluster, cluster, reward, limits, maxSteps);
    }
}
