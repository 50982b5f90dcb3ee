package org.rlautoscaler.autoscaler.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rlautoscaler.autoscaler.env.Observation;

/**
 * The service model: capacity on shared cores, measured latency curves, warm-up and start-up in
 * the simulated cluster, with exact numbers. 5 ms of CPU a request on one core: 200 req/s a replica.
 */
class ServiceModelTest {
    private static final double EXACT = 1e-9;
    /** Mean 10 ms and p95 20 ms at utilisation 0.2; 40 and 80 ms at 0.6. */
    static final MeasuredLatency CURVE = new MeasuredLatency(List.of(
            new MeasuredLatency.Point(0.2, 0.010, 0.020), new MeasuredLatency.Point(0.6, 0.040, 0.080)), 10);

    private static ServiceModel service(double shared, double startup, double warmup, double factor, double cv) {
        return new ServiceModel(0.005, 1, shared, 0, startup, warmup, factor, cv, 10, new QueueingLatency(0.005, 10));
    }

    private static SimulatedCluster cluster(ServiceModel service, double rate, int replicas) {
        double[] rates = new double[100];
        Arrays.fill(rates, rate);
        ClusterModel model = new ClusterModel(service, 12, 16_384, 1_536, 256, 0.5, 30, 0);
        SimulatedCluster cluster = new SimulatedCluster(model, Episodes.fixed(new Workload("flat", rates, "flat"), replicas), 30, 200, 10);
        cluster.reset(1);
        return cluster;
    }

    // ---- capacity ----

    @Test
    void three_replicas_on_two_cores_serve_what_two_cores_can() {
        ServiceModel onTwoCores = service(2, 10, 0, 1, 0);
        assertEquals(200, onTwoCores.capacity(1), EXACT);
        assertEquals(400, onTwoCores.capacity(2), EXACT);
        assertEquals(400, onTwoCores.capacity(3), EXACT);
        assertEquals(2, onTwoCores.cores(3), EXACT);
        assertEquals(600, service(Double.POSITIVE_INFINITY, 10, 0, 1, 0).capacity(3), EXACT);
    }

    @Test
    void three_replicas_on_two_cores_are_saturated_by_400_requests_a_second() {
        SimulatedCluster cluster = cluster(service(2, 10, 0, 1, 0), 400, 3);
        Observation o = cluster.observe(cluster);
        // 2 cores in use of the 3 the replicas may use: each replica reports 2/3 of its limit, in
        // replica_cpu and in cpu_usage (a cgroup's reading, not the host's 100 %)
        assertEquals(2.0 / 3, o.replicaCpuUtilisation(), EXACT);
        assertEquals(100.0 * 2 / 3, o.cpuUsage(), EXACT);
    }

    @Test
    void replicas_beyond_the_shared_cores_are_not_needed() {
        // p95 3 x 5 ms / (1 - rho) <= 30 ms while rho <= 0.5: 300 req/s needs 3 cores
        assertEquals(3, service(Double.POSITIVE_INFINITY, 10, 0, 1, 0).replicasNeeded(300, 0.030, 10));
        // 2 shared cores cannot meet it: every replica up to the 2 cores, no more
        assertEquals(2, service(2, 10, 0, 1, 0).replicasNeeded(300, 0.030, 10));
        assertEquals(1, service(2, 10, 0, 1, 0).replicasNeeded(100, 0.030, 10));
    }

    // ---- measured latency ----

    @Test
    void measured_latency_is_interpolated_on_a_log_scale_between_points() {
        assertEquals(0.020, CURVE.meanSeconds(0.4), EXACT);   // sqrt(10 x 40)
        assertEquals(0.040, CURVE.p95Seconds(0.4), EXACT);    // sqrt(20 x 80)
        assertEquals(0.010, CURVE.meanSeconds(0.2), EXACT);
        assertEquals(0.080, CURVE.p95Seconds(0.6), EXACT);
    }

    @Test
    void measured_latency_is_flat_below_the_first_point_and_reaches_the_timeout_at_saturation() {
        assertEquals(0.010, CURVE.meanSeconds(0), EXACT);
        assertEquals(0.020, CURVE.p95Seconds(0.1), EXACT);
        assertEquals(10, CURVE.p95Seconds(1), EXACT);
        // halfway from (0.6, 80 ms) to (1, 10 s): 80 ms x sqrt(125)
        assertEquals(0.080 * Math.sqrt(125), CURVE.p95Seconds(0.8), 1e-12);
    }

    @Test
    void the_highest_utilisation_inverts_the_p95_curve() {
        assertEquals(0.4, CURVE.highestUtilisation(0.040), EXACT);
        assertEquals(0.6, CURVE.highestUtilisation(0.080), EXACT);
        assertEquals(0.8, CURVE.highestUtilisation(0.080 * Math.sqrt(125)), 1e-12);
        assertEquals(0, CURVE.highestUtilisation(0.015), "an idle replica already misses 15 ms");
        assertEquals(1, CURVE.highestUtilisation(20));
    }

    @Test
    void a_costlier_request_scales_the_latency_curve() {
        ServiceModel model = new ServiceModel(0.005, 1, Double.POSITIVE_INFINITY, 0, 10, 0, 1, 1, 10, CURVE)
                .withCpuSecondsPerRequest(0.010);
        assertEquals(100, model.capacity(1), EXACT);
        assertEquals(0.040, model.latency().meanSeconds(0.4), EXACT);
    }

    @Test
    void a_curve_whose_latency_falls_is_refused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new MeasuredLatency(List.of(
                new MeasuredLatency.Point(0.2, 0.010, 0.020), new MeasuredLatency.Point(0.4, 0.005, 0.030)), 10));
        assertTrue(e.getMessage().startsWith("point 2 "), e.getMessage());
    }

    // ---- start-up and warm-up in the simulated cluster ----

    @Test
    void a_new_replica_is_slower_during_its_warm_up() {
        // start-up 10 s, warm-up 60 s at twice the CPU; 150 req/s; 30 s periods
        SimulatedCluster cluster = cluster(service(Double.POSITIVE_INFINITY, 10, 60, 2, 0), 150, 1);
        cluster.scaleTo(2);
        cluster.tick();
        // serves 20 of 30 s, all of it warming at half speed: 1 + 2/3 - 2/3 x 1/2 = 4/3 replicas -> 150 / 266.7
        assertEquals(0.5625, cluster.observe(cluster).replicaCpuUtilisation(), EXACT);
        // slower requests: (5/3 cores) / (4/3 effective) = 1.25 x 5 ms / (1 - 0.5625)
        assertEquals(1.25 * 5 / 0.4375, cluster.trueMeanLatencyMs(), 1e-9);
        cluster.tick();
        // warming all period: 1.5 replicas -> 150 / 300
        assertEquals(0.5, cluster.observe(cluster).replicaCpuUtilisation(), EXACT);
        cluster.tick();
        // warming 10 of 30 s: 2 - 1/6 replicas -> 150 / 366.7
        assertEquals(150 / (11.0 / 6 * 200), cluster.observe(cluster).replicaCpuUtilisation(), EXACT);
        cluster.tick();
        assertEquals(0.375, cluster.observe(cluster).replicaCpuUtilisation(), EXACT);
    }

    @Test
    void a_start_up_longer_than_a_period_spans_periods() {
        SimulatedCluster cluster = cluster(service(Double.POSITIVE_INFINITY, 45, 0, 1, 0), 150, 1);
        cluster.scaleTo(2);
        cluster.tick();
        Observation first = cluster.observe(cluster);
        assertEquals(1, first.runningReplicas(), "still starting after 30 of 45 s");
        assertEquals(2, first.desiredReplicas());
        assertEquals(0.75, first.replicaCpuUtilisation(), EXACT);
        cluster.tick();
        Observation second = cluster.observe(cluster);
        assertEquals(2, second.runningReplicas());
        // serves the last 15 of 30 s: 1.5 replicas -> 150 / 300
        assertEquals(0.5, second.replicaCpuUtilisation(), EXACT);
    }

    @Test
    void independent_arrivals_vary_from_period_to_period_around_the_rate() {
        SimulatedCluster even = cluster(service(Double.POSITIVE_INFINITY, 10, 0, 1, 0), 100, 1);
        SimulatedCluster poisson = cluster(service(Double.POSITIVE_INFINITY, 10, 0, 1, 1), 100, 1);
        double sum = 0;
        double sumSquares = 0;
        int periods = 2_000;
        for (int i = 0; i < periods; i++) {
            even.tick();
            poisson.tick();
            assertEquals(100, even.observe(even).requestRate(), EXACT);
            double rate = poisson.observe(poisson).requestRate();
            sum += rate;
            sumSquares += rate * rate;
        }
        double mean = sum / periods;
        double sd = Math.sqrt(sumSquares / periods - mean * mean);
        // 3000 arrivals a period vary by sqrt(3000) = 54.8, that is 1.83 req/s
        assertEquals(100, mean, 0.2);
        assertEquals(Math.sqrt(3000) / 30, sd, 0.15);
        assertNotEquals(100, poisson.observe(poisson).requestRate());
    }
}
