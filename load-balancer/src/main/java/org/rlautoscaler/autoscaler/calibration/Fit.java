package org.rlautoscaler.autoscaler.calibration;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.rlautoscaler.autoscaler.math.Isotonic;
import org.rlautoscaler.autoscaler.sim.MeasuredLatency;
import org.rlautoscaler.autoscaler.sim.MeasuredLevel;
import org.rlautoscaler.autoscaler.sim.ServiceModel;

/**
 * Fits a measured service model to load levels.
 *
 * <ul>
 *   <li>CPU: least squares of {@code cores = idle x replicas + cpuPerRequest x servedRate}, both
 *       terms at least 0;</li>
 *   <li>latency: one point per level that was served in full (at most 1 % of requests lost, at
 *       least 80 % of the offered rate answered: Poisson arrivals make a short level at a low
 *       rate vary by 5 % and more), at least {@value #MIN_POINTS} of them, at utilisation
 *       {@code servedRate x cpuPerRequest / cores(replicas)}; made monotone (pool-adjacent
 *       violators on the logarithm, so that noise does not make latency fall as load rises) and
 *       with points closer than 0.01 in utilisation pooled.</li>
 * </ul>
 */
public final class Fit {
    /** Levels with more lost requests than this are overloaded, not a point of the curve. */
    static final double MAX_ERROR_PCT = 1;
    public static final double MIN_SERVED_SHARE = 0.8;
    /** Fewer points than this are no curve: the fit is refused. */
    public static final int MIN_POINTS = 3;

    private Fit() {}

    /** Service physics that the fit does not measure, given by the user or measured otherwise. */
    public record Given(double coresPerReplica, double sharedCores, double startupSeconds, double warmupSeconds,
                        double warmupCpuFactor, double arrivalCv, double timeoutSeconds) {}

    /** CPU as fitted: cores used with no request, per replica, and CPU seconds a request. */
    public record Cpu(double idleCoresPerReplica, double secondsPerRequest) {
        public double cores(int replicas, double rate) {
            return idleCoresPerReplica * replicas + secondsPerRequest * rate;
        }
    }

    /** @throws IllegalArgumentException when the levels cannot carry a fit, saying why */
    public static ServiceModel fit(List<MeasuredLevel> levels, Given given) {
        Cpu cpu = cpu(levels);
        ServiceModel shape = new ServiceModel(cpu.secondsPerRequest(), given.coresPerReplica(), given.sharedCores(),
                cpu.idleCoresPerReplica(), given.startupSeconds(), given.warmupSeconds(), given.warmupCpuFactor(),
                given.arrivalCv(), given.timeoutSeconds(), new MeasuredLatency(List.of(new MeasuredLatency.Point(0, 1e-3, 1e-3)),
                given.timeoutSeconds()));
        List<MeasuredLatency.Point> points = new ArrayList<>();
        for (MeasuredLevel level : levels) {
            if (servedInFull(level) && level.meanMs() > 0 && level.p95Ms() > 0) {
                double u = level.servedRate() * cpu.secondsPerRequest() / shape.cores(level.replicas());
                if (u < 0.99) {
                    points.add(new MeasuredLatency.Point(u, level.meanMs() / 1000, level.p95Ms() / 1000));
                }
            }
        }
        List<MeasuredLatency.Point> curve = points.isEmpty() ? points : monotone(pooled(points));
        if (curve.size() < MIN_POINTS) {
            throw new IllegalArgumentException(curve.size() + " of " + levels.size() + " levels were served in full "
                    + "below saturation (at most " + MAX_ERROR_PCT + " % lost, at least " + (int) (MIN_SERVED_SHARE * 100)
                    + " % answered, utilisations 0.01 apart), fewer than the " + MIN_POINTS + " a latency curve needs");
        }
        double timeout = Math.max(given.timeoutSeconds(), curve.getLast().p95Seconds());
        return new ServiceModel(cpu.secondsPerRequest(), given.coresPerReplica(), given.sharedCores(),
                cpu.idleCoresPerReplica(), given.startupSeconds(), given.warmupSeconds(), given.warmupCpuFactor(),
                given.arrivalCv(), timeout, new MeasuredLatency(curve, timeout));
    }

    static boolean servedInFull(MeasuredLevel level) {
        return level.errorPct() <= MAX_ERROR_PCT && level.servedRate() >= MIN_SERVED_SHARE * level.offeredRate();
    }

    /** Least squares without intercept on the features (replicas, served rate), each coefficient at least 0. */
    public static Cpu cpu(List<MeasuredLevel> levels) {
        double nn = 0, nr = 0, rr = 0, nc = 0, rc = 0;
        for (MeasuredLevel l : levels) {
            double n = l.replicas();
            double r = l.servedRate();
            double c = l.cpuCores();
            nn += n * n;
            nr += n * r;
            rr += r * r;
            nc += n * c;
            rc += r * c;
        }
        if (!(rr > 0)) {
            throw new IllegalArgumentException("no level served any request: nothing to fit CPU per request on");
        }
        double det = nn * rr - nr * nr;
        double idle = det > 1e-9 * nn * rr ? (nc * rr - rc * nr) / det : 0;
        double perRequest = det > 1e-9 * nn * rr ? (nn * rc - nr * nc) / det : rc / rr;
        if (idle < 0) {
            idle = 0;
            perRequest = rc / rr;
        }
        if (!(perRequest > 0)) {
            throw new IllegalArgumentException("CPU did not grow with the served rate (fitted "
                    + perRequest + " s per request): is --metrics-url the metrics of the instance --url reaches?");
        }
        return new Cpu(idle, perRequest);
    }

    /** Points sorted by utilisation, those closer than 0.01 averaged (in log latency). */
    private static List<MeasuredLatency.Point> pooled(List<MeasuredLatency.Point> points) {
        List<MeasuredLatency.Point> sorted = new ArrayList<>(points);
        sorted.sort(Comparator.comparingDouble(MeasuredLatency.Point::utilisation));
        List<MeasuredLatency.Point> pooled = new ArrayList<>();
        int i = 0;
        while (i < sorted.size()) {
            int j = i;
            double u = 0, logMean = 0, logP95 = 0;
            while (j < sorted.size() && sorted.get(j).utilisation() - sorted.get(i).utilisation() < 0.01) {
                u += sorted.get(j).utilisation();
                logMean += Math.log(sorted.get(j).meanSeconds());
                logP95 += Math.log(sorted.get(j).p95Seconds());
                j++;
            }
            int n = j - i;
            pooled.add(new MeasuredLatency.Point(u / n, Math.exp(logMean / n), Math.exp(logP95 / n)));
            i = j;
        }
        return pooled;
    }

    /** Pool-adjacent violators on log latency, for the mean and the p95 each. */
    static List<MeasuredLatency.Point> monotone(List<MeasuredLatency.Point> points) {
        double[] mean = isotonic(points.stream().mapToDouble(p -> Math.log(p.meanSeconds())).toArray());
        double[] p95 = isotonic(points.stream().mapToDouble(p -> Math.log(p.p95Seconds())).toArray());
        List<MeasuredLatency.Point> result = new ArrayList<>();
        for (int i = 0; i < points.size(); i++) {
            result.add(new MeasuredLatency.Point(points.get(i).utilisation(), Math.exp(mean[i]), Math.max(Math.exp(p95[i]),
                    Math.exp(mean[i]))));
        }
        // The p95 raised to the mean may break its order: once more, cumulatively.
        for (int i = 1; i < result.size(); i++) {
            MeasuredLatency.Point p = result.get(i);
            if (p.p95Seconds() < result.get(i - 1).p95Seconds()) {
                result.set(i, new MeasuredLatency.Point(p.utilisation(), p.meanSeconds(), result.get(i - 1).p95Seconds()));
            }
        }
        return result;
    }

    /** The non-decreasing sequence nearest to {@code values} in least squares. */
    static double[] isotonic(double[] values) {
        return Isotonic.increasing(values);
    }
}
