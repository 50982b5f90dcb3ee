package org.rlautoscaler.autoscaler.agent.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;
import org.rlautoscaler.autoscaler.agent.Decision;
import org.rlautoscaler.autoscaler.env.Limits;
import org.rlautoscaler.autoscaler.env.Observation;

/**
 * The CPU scenarios of Kubernetes' {@code pkg/controller/podautoscaler/horizontal_test.go}, each
 * named after the test it comes from, run through {@link HpaPolicy} as one decision of the
 * controller on an HPA without {@code behavior}. Their {@code recommendations} field is
 * {@link HpaPolicy#rememberRecommendations}: nil is a first decision (the initial size is
 * recorded), an empty list an HPA with no recommendation in its window.
 *
 * <p>Not here: TestMissingReports (its 3 other pods do not exist; ours would be replicas still
 * starting, which Kubernetes treats otherwise), the hot-CPU, failed and deleted pod cases (no such
 * pods here), and TestUpscaleCap, which sets a {@code behavior}. Kubernetes' tests raise the
 * scale-up factor to 8 so as not to meet it; the limit test below uses the controller's own 2.
 */
class HpaPolicyTest {

    private static Observation replicas(int desired, int ready, double utilisation) {
        return new Observation(desired, ready, Double.NaN, Double.NaN, utilisation, Double.NaN, Double.NaN, Double.NaN);
    }

    private static HpaPolicy hpa(double target, int min, int max) {
        return HpaPolicy.of(target, new Limits(min, max), 15);
    }

    /** An HPA whose window holds no recommendation (Kubernetes' {@code recommendations: []}). */
    private static HpaPolicy running(double target, int min, int max) {
        HpaPolicy hpa = hpa(target, min, max);
        hpa.rememberRecommendations(new int[0], new double[0]);
        return hpa;
    }

    @Test
    void TestScaleUp() {
        // 3 pods at 300, 500, 700 of 1000 m: 50 % against 30 % -> 5 (the initial size 3 is below it)
        assertEquals(5, hpa(0.30, 2, 6).act(replicas(3, 3, 0.50)).replicas());
    }

    @Test
    void TestScaleUpUnreadyLessScale() {
        // 1 of 3 unready, the other two at 60 %: the unready one counts at 0 % -> 4
        assertEquals(4, hpa(0.30, 2, 6).act(replicas(3, 2, 0.60)).replicas());
    }

    @Test
    void TestScaleUpUnreadyNoScale() {
        // 2 of 3 unready, the ready one at 40 %: with the unready at 0 % the ratio is below 1 -> 3
        assertEquals(3, hpa(0.30, 2, 6).act(replicas(3, 1, 0.40)).replicas());
    }

    @Test
    void TestScaleDown() {
        // 5 pods at 28 % against 50 %, no recent recommendation -> 3
        assertEquals(3, running(0.50, 2, 6).act(replicas(5, 5, 0.28)).replicas());
    }

    @Test
    void TestScaleDownStabilizeInitialSize() {
        // the same on a first decision: the initial size 5 is a recommendation of the window -> 5
        HpaPolicy hpa = hpa(0.50, 2, 6);
        Decision decision = hpa.act(replicas(5, 5, 0.28));
        assertEquals(5, decision.replicas());
        assertEquals("CPU 28% of 5 ready against target 50%: recommends 3, stabilised at 5 (highest of the last 300 s)",
                decision.reason());
    }

    @Test
    void TestScaleDownIncludeUnreadyPods() {
        // 3 of 5 ready at 30 %: 0.6 x 3 -> 2 (on a scale-down the unready are left out)
        assertEquals(2, running(0.50, 2, 6).act(replicas(5, 3, 0.30)).replicas());
    }

    @Test
    void TestTolerance() {
        // 102 % against 100 %: within 0.1 -> 3
        assertEquals(3, hpa(1.00, 1, 5).act(replicas(3, 3, 3060.0 / 3000)).replicas());
    }

    @Test
    void TestMinReplicas() {
        // 114 m of 3000 m: 3 % against 90 % -> ceil(0.1) = 1 -> the fewest, 2
        assertEquals(2, running(0.90, 2, 5).act(replicas(3, 3, 114.0 / 3000)).replicas());
    }

    @Test
    void TestMaxReplicas() {
        // 18500 m of 3000 m: 616 % against 90 % -> 21 -> the most, 5
        assertEquals(5, hpa(0.90, 2, 5).act(replicas(3, 3, 18500.0 / 3000)).replicas());
    }

    @Test
    void TestTooFewReplicas() {
        // 2 replicas below the fewest (3): to 3 before any metric is read
        assertEquals(3, hpa(0.90, 3, 5).act(replicas(2, 2, Double.NaN)).replicas());
    }

    @Test
    void TestTooManyReplicas() {
        // 10 replicas above the most (5): to 5 before any metric is read
        assertEquals(5, hpa(0.90, 3, 5).act(replicas(10, 10, Double.NaN)).replicas());
    }

    @Test
    void TestEventCreated() {
        // 1 pod at 100 % against 50 % -> 2
        assertEquals(2, hpa(0.50, 1, 5).act(replicas(1, 1, 1.00)).replicas());
    }

    @Test
    void TestEventNotCreated() {
        // 2 pods at 50 % against 50 % -> 2
        assertEquals(2, hpa(0.50, 1, 5).act(replicas(2, 2, 0.50)).replicas());
    }

    @Test
    void TestStabilizeDownscale() {
        // 3 ready of 4 at 50 % against 100 % -> 2; the window holds a 4 of a minute ago (the 10 of
        // ten minutes ago has left it) -> 4
        HpaPolicy hpa = hpa(1.00, 1, 5);
        hpa.rememberRecommendations(new int[] {10, 4}, new double[] {600, 60});
        assertEquals(4, hpa.act(replicas(4, 3, 0.50)).replicas());
    }

    @Test
    void TestComputedToleranceAlgImplementation() {
        // 10 pods, 1500 m of 2998 m: 50 %; against 56 % -> 9, against 55 % (within the tolerance) -> 10
        assertEquals(9, running(0.56, 1, 1000).act(replicas(10, 10, 1500.0 / 2998)).replicas());
        assertEquals(10, running(0.55, 1, 1000).act(replicas(10, 10, 1500.0 / 2998)).replicas());
    }

    @Test
    void TestNormalizeDesiredReplicas() {
        // the four stabilisation cases, the recommendation being 3 (5 pods at 28 % against 50 %)
        assertEquals(5, remembering(new int[] {4, 5}, new double[] {120, 60}), "stabilize");
        assertEquals(3, remembering(new int[] {1, 2}, new double[] {120, 60}), "no stabilize");
        assertEquals(3, remembering(new int[] {10, 9}, new double[] {600, 540}), "no stabilize - old recommendations");
        assertEquals(5, remembering(new int[] {10, 4, 5, 9}, new double[] {600, 60, 120, 540}),
                "stabilize - old recommendations");
    }

    private static int remembering(int[] replicas, double[] ages) {
        HpaPolicy hpa = hpa(0.50, 1, 10);
        hpa.rememberRecommendations(replicas, ages);
        return hpa.act(replicas(5, 5, 0.28)).replicas();
    }

    @Test
    void a_scale_up_is_limited_to_twice_the_count_or_4_calculateScaleUpLimit() {
        // 3 pods at 1000 % against 30 % would need 100: max(2 x 3, 4) = 6
        Decision decision = hpa(0.30, 1, 2000).act(replicas(3, 3, 10.0));
        assertEquals(6, decision.replicas());
        assertEquals("CPU 1000% of 3 ready against target 30%: recommends 100, scale-up limited to 6", decision.reason());
        // 1 pod: max(2, 4) = 4
        assertEquals(4, hpa(0.30, 1, 2000).act(replicas(1, 1, 10.0)).replicas());
    }

    @Test
    void a_recommendation_300_s_old_still_counts_and_15_s_later_it_does_not() {
        HpaPolicy hpa = running(0.30, 1, 10);
        assertEquals(8, hpa.act(replicas(4, 4, 0.60)).replicas()); // t = 15: ceil(4 x 2) = 8
        for (int decision = 1; decision <= 20; decision++) {      // t = 30 .. 315: 2 recommended, 8 held
            assertEquals(8, hpa.act(replicas(8, 8, 0.075)).replicas(), "decision " + decision + " after the 8");
        }
        assertEquals(2, hpa.act(replicas(8, 8, 0.075)).replicas()); // t = 330: the 8 is 315 s old
    }

    @Test
    void a_missing_utilisation_keeps_the_count_and_start_episode_forgets_the_window() {
        HpaPolicy hpa = running(0.30, 1, 10);
        assertEquals(7, hpa.act(replicas(7, 7, Double.NaN)).replicas());
        assertEquals(8, hpa.act(replicas(4, 4, 0.60)).replicas());
        assertEquals(8, hpa.act(replicas(8, 8, 0.075)).replicas());
        hpa.startEpisode();
        // a first decision again: its own size, 8, is the window's only recommendation
        assertEquals(8, hpa.act(replicas(8, 8, 0.075)).replicas());
    }

    @Test
    void its_decisions_are_rules_named_as_configured() {
        Decision decision = hpa(0.30, 1, 10).act(replicas(3, 3, 0.50));
        assertEquals(-1, decision.action());
        assertFalse(decision.random());
        assertEquals("hpa", hpa(0.30, 1, 10).name());
        assertEquals("hpa-tuned", new HpaPolicy(HpaPolicy.TUNED, 0.65, new Limits(1, 10), 15, 300).name());
    }
}
