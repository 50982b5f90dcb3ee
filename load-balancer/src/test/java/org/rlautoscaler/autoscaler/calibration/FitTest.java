package org.rlautoscaler.autoscaler.calibration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rlautoscaler.autoscaler.sim.MeasuredLatency;
import org.rlautoscaler.autoscaler.sim.MeasuredLevel;
import org.rlautoscaler.autoscaler.sim.ServiceModel;

/** Fitting a model to measured levels, with exact numbers. */
class FitTest {
    private static final double EXACT = 1e-9;
    private static final Fit.Given GIVEN = new Fit.Given(1, Double.POSITIVE_INFINITY, 10, 0, 1, 1, 10);

    /** 0.03 cores idle and 6 ms a request, as measured on one replica. */
    private static MeasuredLevel level(double rate, double meanMs, double p95Ms) {
        return new MeasuredLevel(1, rate, rate, 0.03 + 0.006 * rate, meanMs, p95Ms, 0);
    }

    @Test
    void cpu_per_request_and_idle_cpu_are_the_line_through_the_levels() {
        Fit.Cpu cpu = Fit.cpu(List.of(level(10, 7, 10), level(50, 9, 15), level(100, 20, 60)));
        assertEquals(0.03, cpu.idleCoresPerReplica(), EXACT);
        assertEquals(0.006, cpu.secondsPerRequest(), EXACT);
    }

    @Test
    void idle_cpu_is_per_replica_when_levels_have_several() {
        List<MeasuredLevel> levels = List.of(new MeasuredLevel(1, 50, 50, 0.05 + 0.3, 8, 12, 0),
                new MeasuredLevel(2, 50, 50, 0.10 + 0.3, 8, 12, 0), new MeasuredLevel(3, 120, 120, 0.15 + 0.72, 8, 12, 0));
        Fit.Cpu cpu = Fit.cpu(levels);
        assertEquals(0.05, cpu.idleCoresPerReplica(), EXACT);
        assertEquals(0.006, cpu.secondsPerRequest(), EXACT);
    }

    @Test
    void latency_points_sit_at_the_served_utilisation() {
        ServiceModel model = Fit.fit(List.of(level(10, 7, 10), level(50, 9, 15), level(100, 20, 60)), GIVEN);
        MeasuredLatency curve = (MeasuredLatency) model.latency();
        assertEquals(List.of(new MeasuredLatency.Point(0.06, 0.007, 0.010), new MeasuredLatency.Point(0.3, 0.009, 0.015),
                new MeasuredLatency.Point(0.6, 0.020, 0.060)), curve.points().stream()
                .map(p -> new MeasuredLatency.Point(Math.round(p.utilisation() * 1e9) / 1e9, Math.round(p.meanSeconds() * 1e9) / 1e9,
                        Math.round(p.p95Seconds() * 1e9) / 1e9)).toList());
        assertEquals(0.03, model.idleCoresPerReplica(), EXACT);
    }

    @Test
    void noise_that_makes_latency_fall_as_load_rises_is_pooled() {
        // p95 30 ms then 20 ms: pooled to their geometric mean, sqrt(600) ms, at both
        ServiceModel model = Fit.fit(List.of(level(10, 7, 10), level(50, 9, 30), level(75, 10, 20), level(100, 20, 60)), GIVEN);
        List<MeasuredLatency.Point> points = ((MeasuredLatency) model.latency()).points();
        assertEquals(Math.sqrt(600) / 1000, points.get(1).p95Seconds(), 1e-12);
        assertEquals(Math.sqrt(600) / 1000, points.get(2).p95Seconds(), 1e-12);
        assertArrayEquals(new double[] {1, 2.5, 2.5, 4}, Fit.isotonic(new double[] {1, 3, 2, 4}), EXACT);
    }

    @Test
    void overloaded_levels_are_not_points_of_the_curve() {
        MeasuredLevel overloaded = new MeasuredLevel(1, 200, 150, 0.93, 900, 2500, 0);
        MeasuredLevel failing = new MeasuredLevel(1, 150, 150, 0.93, 300, 800, 3);
        ServiceModel model = Fit.fit(List.of(level(10, 7, 10), level(50, 9, 15), level(100, 20, 60), overloaded, failing), GIVEN);
        assertEquals(3, ((MeasuredLatency) model.latency()).points().size());
    }

    @Test
    void fewer_than_three_points_are_no_curve() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Fit.fit(List.of(level(10, 7, 10), level(50, 9, 15), new MeasuredLevel(1, 100, 70, 0.45, 20, 60, 0)), GIVEN));
        assertTrue(e.getMessage().startsWith("2 of 3 levels were served in full below saturation"), e.getMessage());
    }

    @Test
    void levels_that_served_nothing_cannot_be_fitted() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Fit.fit(List.of(new MeasuredLevel(1, 10, 0, 0.03, 0, 0, 100)), GIVEN));
        assertTrue(e.getMessage().startsWith("no level served any request"), e.getMessage());
    }
}
