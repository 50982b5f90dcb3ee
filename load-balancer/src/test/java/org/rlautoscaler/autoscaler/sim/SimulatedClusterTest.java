package org.rlautoscaler.autoscaler.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rlautoscaler.autoscaler.env.Observation;
import org.rlautoscaler.autoscaler.env.StepInfo;
import org.rlautoscaler.common.trace.Trace;

/**
 * The simulated cluster. For exact numbers: 5 ms of CPU per request on one core per replica
 * (capacity 200 req/s per replica), no idle CPU, no noise, start-up 10 s, a 30 s period and a
 * 30 s rate window (so each observation is the last period alone), timeout 10 s.
 */
class SimulatedClusterTest {
    private static final double EXACT = 1e-9;
    /** The textbook replica, without idle CPU or noise. */
    static final ClusterModel EXACT_MODEL = new ClusterModel(new ServiceModel(0.005, 1, Double.POSITIVE_INFINITY, 0, 10,
            0, 1, 0, 10, new QueueingLatency(0.005, 10)), 12, 16_384, 1_536, 256, 0.5, 30, 0.0);
    /** The textbook replica with the default host and noise. */
    static final ClusterModel QUEUEING = ClusterModel.of(ServiceModel.queueing(0.005, 1, 10, 10));

    private static Workload flat(double rate, int steps) {
        double[] rates = new double[steps];
        java.util.Arrays.fill(rates, rate);
        return new Workload("flat", rates, "flat " + rate);
    }

    private static SimulatedCluster cluster(Workload workload, int initialReplicas) {
        SimulatedCluster cluster = new SimulatedCluster(EXACT_MODEL, Episodes.fixed(workload, initialReplicas), 30, 200, 10);
        cluster.reset(1);
        return cluster;
    }

    // ---- determinism ----

    private static List<Observation> run(long seed) {
        double[] rates = new double[200];
        for (int i = 0; i < rates.length; i++) {
            rates[i] = 300 + 250 * Math.sin(i / 10.0);
        }
        SimulatedCluster cluster = new SimulatedCluster(ClusterModel.defaults(),
                Episodes.fixed(new Workload("sine", rates, "sine"), 2), 15, 200, 10);
        cluster.reset(seed);
        List<Observation> observations = new ArrayList<>();
        observations.add(cluster.observe(cluster));
        int[] actions = {2, 3, 5, 4, 1, 6, 6, 2, 8, 3};
        for (int step = 0; step < 50; step++) {
            cluster.scaleTo(actions[step % actions.length]);
            cluster.tick();
            observations.add(cluster.observe(cluster));
        }
        return observations;
    }

    @Test
    void the_same_seed_gives_identical_observation_sequences() {
        assertEquals(run(42), run(42));
    }

    @Test
    void different_seeds_give_different_sequences() {
        assertNotEquals(run(42), run(43));
    }

    @Test
    void resetting_with_the_same_seed_replays_the_episode() {
        double[] rates = {100, 400, 250, 50, 600};
        SimulatedCluster cluster = new SimulatedCluster(ClusterModel.defaults(), Episodes.fixed(new Workload("w", rates, "w"), 2),
                15, 200, 10);
        cluster.reset(5);
        Observation first = cluster.observe(cluster);
        cluster.scaleTo(4);
        cluster.tick();
        Observation second = cluster.observe(cluster);
        cluster.reset(5);
        assertEquals(first, cluster.observe(cluster));
        cluster.scaleTo(4);
        cluster.tick();
        assertEquals(second, cluster.observe(cluster));
    }

    // ---- start-up ----

    @Test
    void a_new_replica_serves_only_after_its_start_up_two_thirds_of_a_30_second_period() {
        SimulatedCluster cluster = cluster(flat(150, 10), 1);
        // 150 req/s on 1 replica of 200 req/s: utilisation 0.75
        assertEquals(0.75, cluster.observe(cluster).replicaCpuUtilisation(), EXACT);

        cluster.scaleTo(2);
        assertEquals(2, cluster.desiredReplicas());
        assertEquals(1, cluster.runningReplicas(), "the new replica is not running before the period");
        cluster.tick();
        // the new replica serves 30 - 10 = 20 s of 30: 1 + 2/3 replicas -> capacity 5/3 * 200 * 30 = 10000;
        // 150 * 30 = 4500 requests -> utilisation 0.45 (not 0.375)
        Observation starting = cluster.observe(cluster);
        assertEquals(0.45, starting.replicaCpuUtilisation(), EXACT);
        assertEquals(2, starting.runningReplicas());

        cluster.tick();
        // both serve the whole period: 4500 / 12000 = 0.375
        assertEquals(0.375, cluster.observe(cluster).replicaCpuUtilisation(), EXACT);
    }

    // ---- overload ----

    @Test
    void load_above_capacity_builds_a_backlog_and_latency() {
        SimulatedCluster cluster = cluster(new Workload("spike", new double[] {210, 100, 100}, "spike"), 1);
        // Period 0: 210 * 30 = 6300 requests, capacity 6000: 300 wait (fewer than 200 req/s * 10 s = 2000).
        // latency: M/M/1 at rho 0.999 = 0.005 / 0.001 = 5 s, + backlog 300 / 200 / 2 = 0.75 s -> 5750 ms;
        // p95 3 x 5 s = 15 s, capped at the 10 s timeout
        Observation overloaded = cluster.observe(cluster);
        assertEquals(1.0, overloaded.replicaCpuUtilisation(), EXACT);
        assertEquals(5750, overloaded.meanLatencyMs(), 1e-6);
        assertEquals(10_000, overloaded.p95LatencyMs(), 1e-6);
        assertEquals(5750, cluster.trueMeanLatencyMs(), 1e-6);
        assertEquals(10_000, cluster.trueP95LatencyMs(), 1e-6, "the true p95 is capped at the timeout");

        cluster.tick();
        // Period 1: 100 * 30 + 300 carried = 3300 of 6000 -> utilisation 0.55 (0.5 without the backlog);
        // latency 0.005 / (1 - 0.55) = 11.111 ms
        Observation draining = cluster.observe(cluster);
        assertEquals(0.55, draining.replicaCpuUtilisation(), EXACT);
        assertEquals(1000.0 * 0.005 / 0.45, draining.meanLatencyMs(), 1e-6);
        // the rate of requests answered, as the server counts them: the 3000 that came and the 300 that waited
        assertEquals(110, draining.requestRate(), EXACT);

        cluster.tick();
        // Period 2: backlog gone: 3000 / 6000 = 0.5; 0.005 / 0.5 = 10 ms
        Observation drained = cluster.observe(cluster);
        assertEquals(0.5, drained.replicaCpuUtilisation(), EXACT);
        assertEquals(10, drained.meanLatencyMs(), 1e-6);
    }

    @Test
    void the_backlog_is_capped_at_the_timeout_and_latency_at_10_seconds() {
        SimulatedCluster cluster = cluster(new Workload("flood", new double[] {400, 100}, "flood"), 1);
        // 12000 requests, 6000 served, 6000 waiting capped at 200 * 10 = 2000;
        // latency min(10, 5 + 2000 / 200 / 2 = 5) = 10 s
        assertEquals(10_000, cluster.observe(cluster).meanLatencyMs(), 1e-6);
        cluster.tick();
        // 3000 + 2000 = 5000 of 6000: utilisation 5/6
        assertEquals(5.0 / 6, cluster.observe(cluster).replicaCpuUtilisation(), EXACT);
    }

    // ---- scale-in ----

    @Test
    void scale_in_is_immediate() {
        SimulatedCluster cluster = cluster(flat(150, 10), 3);
        // 4500 / (3 * 6000) = 0.25
        assertEquals(0.25, cluster.observe(cluster).replicaCpuUtilisation(), EXACT);
        cluster.scaleTo(1);
        assertEquals(1, cluster.runningReplicas(), "removed at once, before the period");
        assertEquals(1, cluster.desiredReplicas());
        cluster.tick();
        Observation o = cluster.observe(cluster);
        // the whole period on 1 replica: 4500 / 6000 = 0.75; cpu_usage, against the replica's own limit, 75 %
        assertEquals(0.75, o.replicaCpuUtilisation(), EXACT);
        assertEquals(75, o.cpuUsage(), EXACT);
        assertEquals(1, o.runningReplicas());
    }

    @Test
    void ram_usage_counts_the_base_the_replicas_and_the_requests_in_flight() {
        SimulatedCluster cluster = cluster(flat(150, 10), 1);
        // latency 0.005 / 0.25 = 0.02 s; in flight 150 * 0.02 = 3 requests;
        // (1536 + 256 + 3 * 0.5) / 16384 = 1793.5 / 16384
        assertEquals(100 * 1793.5 / 16_384, cluster.observe(cluster).ramUsage(), 1e-9);
    }

    @Test
    void a_step_describes_its_true_rate_and_demand() {
        SimulatedCluster cluster = cluster(flat(150, 10), 1);
        cluster.scaleTo(2);
        cluster.tick();
        // demand at 150 req/s and a 200 ms p95: ceil(150 / (200 * (1 - 0.015 / 0.2))) = ceil(150 / 185) = 1
        assertEquals(new StepInfo(0, 5, 2, 150, 1), cluster.describe(0, 5, 2));
    }

    // ---- replicasNeeded ----

    /** Brute force: the fewest replicas whose p95 = 3 * service / (1 - rho) is at most the objective. */
    private static int bruteForce(ClusterModel model, double rate, double sloSeconds, int max) {
        double service = model.service().cpuSecondsPerRequest() / model.service().coresPerReplica();
        for (int n = 1; n <= max; n++) {
            double rho = rate / (n * model.replicaCapacity());
            if (rho < 1 && 3 * service / (1 - rho) <= sloSeconds + 1e-12) {
                return n;
            }
        }
        return max;
    }

    @Test
    void replicas_needed_matches_a_brute_force_search_over_replica_counts() {
        ClusterModel model = QUEUEING;
        for (double slo : new double[] {0.05, 0.2, 1.0}) {
            for (double rate = 0; rate <= 12_000; rate += 3.71) {
                assertEquals(bruteForce(model, rate, slo, 50), model.replicasNeeded(rate, slo, 50),
                        "rate " + rate + " req/s, p95 objective " + slo + " s");
            }
        }
    }

    @Test
    void replicas_needed_at_the_boundaries_of_a_200_ms_objective() {
        ClusterModel model = QUEUEING;
        // highest utilisation 1 - 3 * 0.005 / 0.2 = 0.925 -> 185 req/s per replica
        assertEquals(1, model.replicasNeeded(0, 0.2, 10));
        assertEquals(1, model.replicasNeeded(185, 0.2, 10));
        assertEquals(2, model.replicasNeeded(185.01, 0.2, 10));
        assertEquals(2, model.replicasNeeded(370, 0.2, 10));
        assertEquals(3, model.replicasNeeded(370.01, 0.2, 10));
        assertEquals(10, model.replicasNeeded(100_000, 0.2, 10), "at most max");
        for (int n = 1; n <= 10; n++) {
            assertEquals(n, bruteForce(model, 185.0 * n, 0.2, 10));
        }
    }

    @Test
    void an_objective_even_an_idle_replica_misses_needs_every_replica() {
        // 3 * 5 ms = 15 ms > 10 ms
        assertEquals(10, QUEUEING.replicasNeeded(1, 0.010, 10));
    }

    @Test
    void the_cluster_asks_the_model_with_its_objective_and_maximum() {
        SimulatedCluster cluster = new SimulatedCluster(QUEUEING, Episodes.fixed(flat(100, 4), 1), 15, 200, 8);
        assertEquals(3, cluster.replicasNeeded(500));   // ceil(500 / 185) = 3
        assertEquals(8, cluster.replicasNeeded(50_000));
    }

    // ---- Workload ----

    private static Trace trace(double... requests) {
        double[] seconds = new double[requests.length];
        for (int i = 0; i < seconds.length; i++) {
            seconds[i] = 60 * i;
        }
        return new Trace("t.csv", seconds, requests);
    }

    private static Workload compressed(int binsPerStep, double... requests) {
        return Workload.resample(trace(requests), 15, binsPerStep);
    }

    @Test
    void compressed_averages_bins_per_step_and_scaling_puts_the_peak_at_85_percent_of_the_peak_replicas() {
        // bins per step 2: (1 + 3)/2 = 2, (2 + 2)/2 = 2, (10 + 6)/2 = 8; peak 8.
        // peak rate = 4 replicas * 200 req/s * 0.85 = 680 -> scale 680 / 8 = 85: 170, 170, 680
        Workload w = compressed(2, 1, 3, 2, 2, 10, 6).scaledToItsPeak(QUEUEING, 4);
        assertEquals(3, w.steps());
        assertArrayEquals(new double[] {170, 170, 680}, w.ratePerStep(), EXACT);
        assertEquals("t.csv", w.source());
        assertEquals("t.csv: 6 bins of 60 s, 2 per step (time compressed 8 times) -> 3 steps; its busiest step, 0.1333/s, "
                + "scaled to 680.0 req/s (4 replicas at 85%)", w.description());
    }

    @Test
    void one_bin_per_step_compresses_a_minute_into_a_period() {
        // peak 10 -> scale 680 / 10 = 68
        Workload w = compressed(1, 1, 3, 2, 2, 10, 6).scaledToItsPeak(QUEUEING, 4);
        assertArrayEquals(new double[] {68, 204, 136, 136, 680, 408}, w.ratePerStep(), EXACT);
    }

    @Test
    void compression_drops_the_incomplete_last_step() {
        // 7 bins, 2 per step: 3 steps; the 7th bin (100) is left out, so the peak is 8
        Workload w = compressed(2, 1, 3, 2, 2, 10, 6, 100).scaledToItsPeak(QUEUEING, 4);
        assertArrayEquals(new double[] {170, 170, 680}, w.ratePerStep(), EXACT);
    }

    @Test
    void a_trace_shorter_than_one_step_is_refused() {
        assertThrows(IllegalArgumentException.class, () -> compressed(5, 1, 2, 3));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Workload.resample(new Trace("short.csv", new double[] {0}, new double[] {4}), 15, null));
        assertEquals("short.csv lasts 1 s, less than one control period of 15 s", e.getMessage());
    }

    @Test
    void a_silent_trace_stays_silent() {
        Workload w = compressed(2, 0, 0, 0, 0).scaledToItsPeak(QUEUEING, 4);
        assertArrayEquals(new double[] {0, 0}, w.ratePerStep(), EXACT);
    }

    @Test
    void in_real_time_a_bin_longer_than_a_period_is_spread_over_the_periods_it_covers() {
        // 60 s bins of 60 and 180 requests: 1 req/s for four 15 s periods, then 3 req/s for four
        Workload w = Workload.resample(trace(60, 180), 15, null);
        assertArrayEquals(new double[] {1, 1, 1, 1, 3, 3, 3, 3}, w.ratePerStep(), EXACT);
        assertEquals("t.csv: 2 bins of 60 s in real time -> 8 steps of 15 s", w.description());
    }

    @Test
    void in_real_time_a_period_longer_than_a_bin_takes_the_requests_of_the_bins_it_covers() {
        // 90 s periods over 60 s bins of 60, 180, 120, 120 requests:
        // [0, 90): 60 + half of 180 = 150 -> 1.667 req/s; [90, 180): 90 + 120 = 210 -> 2.333 req/s
        Workload w = Workload.resample(trace(60, 180, 120, 120), 90, null);
        assertArrayEquals(new double[] {150.0 / 90, 210.0 / 90}, w.ratePerStep(), EXACT);
    }

    @Test
    void the_peak_step_of_a_workload_is_85_percent_of_its_peak_replicas() {
        Workload w = compressed(1, 5, 40, 20, 1).scaledToItsPeak(QUEUEING, 6);
        // 6 * 200 * 0.85 = 1020; at 1020 req/s six replicas are 85 % busy
        assertEquals(1020, w.peak(), EXACT);
        assertTrue(w.peak() / (6 * QUEUEING.replicaCapacity()) <= 0.85 + EXACT);
    }
}
