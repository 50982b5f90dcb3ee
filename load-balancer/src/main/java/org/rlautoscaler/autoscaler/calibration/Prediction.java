package org.rlautoscaler.autoscaler.calibration;

import org.rlautoscaler.autoscaler.env.Observation;
import org.rlautoscaler.autoscaler.sim.ClusterModel;
import org.rlautoscaler.autoscaler.sim.Episodes;
import org.rlautoscaler.autoscaler.sim.ServiceModel;
import org.rlautoscaler.autoscaler.sim.SimulatedCluster;
import org.rlautoscaler.autoscaler.sim.Workload;

/**
 * What the simulated cluster predicts for a constant load: the mean over {@value #PERIODS}
 * periods of 15 s (without measurement noise) of its true latencies and of the CPU it reports.
 *
 * @param meanMs   mean latency, milliseconds
 * @param p95Ms    p95 latency, milliseconds
 * @param cpuCores CPU used by all replicas, cores
 */
public record Prediction(double meanMs, double p95Ms, double cpuCores) {
    static final int PERIODS = 40;

    public static Prediction of(ServiceModel service, int replicas, double rate) {
        ClusterModel model = ClusterModel.of(service).withNoise(0);
        Workload constant = new Workload("constant", new double[] {rate}, "constant " + rate + " req/s");
        SimulatedCluster cluster = new SimulatedCluster(model, Episodes.fixed(constant, replicas), 15, 100, replicas);
        cluster.reset(1);
        double mean = 0;
        double p95 = 0;
        double cores = 0;
        for (int i = 0; i < PERIODS; i++) {
            cluster.tick();
            Observation o = cluster.observe(cluster);
            mean += cluster.trueMeanLatencyMs();
            p95 += cluster.trueP95LatencyMs();
            cores += o.replicaCpuUtilisation() * o.runningReplicas() * service.coresPerReplica();
        }
        return new Prediction(mean / PERIODS, p95 / PERIODS, cores / PERIODS);
    }
}
