package org.rlautoscaler.web.metrics;

import io.javalin.http.Context;
import java.util.List;

/**
 * {@code GET /api/stats}: the last five minutes of CPU, RAM and request rate of this instance,
 * one sample a second, for the charts of {@code /graphics}.
 *
 * <pre>
 * curl localhost:8082/api/stats   # {"uptime_seconds":12,"samples":[{"t":...,"cpu_percent":...}]}
 * </pre>
 */
public final class StatsController {
    private final SystemSampler sampler;

    public StatsController(SystemSampler sampler) {
        this.sampler = sampler;
    }

    /** One sample; {@code cpu_percent} is null (JSON has no NaN) when unknown, as in the first sample. */
    record Point(long t, Double cpu_percent, double ram_percent, double requests_per_second) {}

    record Stats(long uptime_seconds, List<Point> samples) {}

    public void get(Context ctx) {
        List<Point> points = sampler.history().stream()
                .map(s -> new Point(s.t(), Double.isNaN(s.cpuPercent()) ? null : round(s.cpuPercent()),
                        round(s.ramPercent()), round(s.requestsPerSecond())))
                .toList();
        ctx.json(new Stats(sampler.uptimeSeconds(), points));
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
