package org.rlautoscaler.autoscaler.agent.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The CPU scenarios of Kubernetes' {@code pkg/controller/podautoscaler/replica_calculator_test.go},
 * each named after the test it comes from. There, a pod's usage and request are given in
 * milli-cores; here the mean utilisation of the ready replicas is their sum of usage over their
 * sum of requests. Unready pods are our replicas asked for and still starting. Failed, pending and
 * deleted pods are not replicas we count at all.
 */
class ReplicaCalculatorTest {

    @Test
    void TestReplicaCalcScaleUp() {
        // 3 ready pods at 300, 500, 700 of 1000 m: 50 % against 30 % -> ratio 1.667 -> ceil(1.667 x 3) = 5
        assertEquals(5, ReplicaCalculator.recommend(3, 3, 1500.0 / 3000, 0.30));
    }

    @Test
    void TestReplicaCalcScaleUpUnreadyLessScale() {
        // 1 of 3 unready; the ready two at 500 and 700: 60 % -> ratio 2 > 1 with an unready pod, which
        // counts at 0 %: 1200 / 3000 = 40 % -> 1.333 -> ceil(1.333 x 3) = 4 (not 6)
        assertEquals(4, ReplicaCalculator.recommend(3, 2, 1200.0 / 2000, 0.30));
    }

    @Test
    void TestReplicaCalcScaleUpUnreadyNoScale() {
        // 2 of 3 unready; the ready one at 400: 40 % -> 1.333; the unready at 0 %: 400 / 3000 = 13 %
        // -> 0.433 < 1: the direction would flip, so the count stays
        assertEquals(3, ReplicaCalculator.recommend(3, 1, 400.0 / 1000, 0.30));
    }

    @Test
    void TestReplicaCalcScaleUpIgnoresFailedPods() {
        // 2 running pods at 500 and 700 (the 2 failed ones are not replicas): 60 % -> ceil(2 x 2) = 4
        assertEquals(4, ReplicaCalculator.recommend(2, 2, 1200.0 / 2000, 0.30));
    }

    @Test
    void TestReplicaCalcScaleDown() {
        // 5 pods at 100, 300, 500, 250, 250: 28 % against 50 % -> 0.56 -> ceil(2.8) = 3
        assertEquals(3, ReplicaCalculator.recommend(5, 5, 1400.0 / 5000, 0.50));
    }

    @Test
    void TestReplicaCalcScaleDownExcludeUnreadyPods() {
        // the 3 ready at 100, 300, 500: 30 % -> 0.6; on a scale-down the 2 unready are just left out:
        // ceil(0.6 x 3) = 2
        assertEquals(2, ReplicaCalculator.recommend(5, 3, 900.0 / 3000, 0.50));
    }

    @Test
    void TestReplicaCalcScaleDownExcludeUnscheduledPods() {
        // 1 ready pod at 100 m, 4 pending: 10 % -> 0.2 -> ceil(0.2 x 1) = 1
        assertEquals(1, ReplicaCalculator.recommend(5, 1, 100.0 / 1000, 0.50));
    }

    @Test
    void TestReplicaCalcTolerance() {
        // 3060 m of 3000 m requested: 102 % against 100 % -> |1.02 - 1| <= 0.1: no change
        assertEquals(3, ReplicaCalculator.recommend(3, 3, 3060.0 / 3000, 1.00));
    }

    @Test
    void TestReplicaCalcSuperfluousMetrics() {
        // 4 pods, 23500 m of 4000 m (the metrics of pods that do not exist dropped): 587 % -> ceil(5.87 x 4) = 24
        assertEquals(24, ReplicaCalculator.recommend(4, 4, 23500.0 / 4000, 1.00));
    }

    @Test
    void TestReplicaCalcComputedToleranceAlgImplementation() {
        // 10 pods at 150 m of 2998 m requested: 1500 / 2998 -> 50 % (truncated)
        // against 56 %: 0.893, 0.107 off, outside the tolerance -> ceil(8.93) = 9
        assertEquals(9, ReplicaCalculator.recommend(10, 10, 1500.0 / 2998, 0.56));
        // against 55 %: 0.909, within the tolerance -> 10
        assertEquals(10, ReplicaCalculator.recommend(10, 10, 1500.0 / 2998, 0.55));
    }

    @Test
    void utilisation_is_read_in_whole_percent_as_kubernetes_truncates_it() {
        // 0.58 is 57.99999999999999 in floating point; Kubernetes' integer 58 % against 50 % -> 1.16
        // -> ceil(1.16 x 5) = 6 (with 57 % it would be ceil(5.7) = 6 too; at 3 pods: ceil(3.48) = 4)
        assertEquals(4, ReplicaCalculator.recommend(3, 3, 0.58, 0.50));
        // 0.5399 is 53 %: against 50 %, 1.06, within the tolerance
        assertEquals(3, ReplicaCalculator.recommend(3, 3, 0.5399, 0.50));
    }

    @Test
    void no_ready_replica_keeps_the_count() {
        assertEquals(4, ReplicaCalculator.recommend(4, 0, 0.9, 0.5));
    }
}
