package org.rlautoscaler.autoscaler.metrics;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Computes the evaluation figures of a {@link Run}: SLO violations, cost, the elasticity metrics
 * of the SPEC Research Group (Herbst et al., "Ready for Rain? A View from SPEC Research on the
 * Future of Cloud Metrics", and the BUNGEE benchmark), how often the policy changed its mind,
 * and request-weighted latency.
 *
 * <p>Notation: n steps, Δt = step length in seconds, T = n × Δt, s<sub>t</sub> = supply (replicas
 * running), d<sub>t</sub> = demand (replicas needed), [x] = 1 if x holds, else 0.
 */
public final class ElasticityMetrics {
    /** The share of the total request weight at which the weighted p95 is taken. */
    private static final double P95 = 0.95;

    private ElasticityMetrics() {
    }

    /**
     * The figures of one run.
     *
     * <ul>
     *   <li>sloViolationPct (%) = 100 × #{t : p95<sub>t</sub> &gt; sloP95Ms} / n</li>
     *   <li>replicaSeconds (replica·s) = Σ s<sub>t</sub> × Δt</li>
     *   <li>underProvisionPct θU (%) = 100/T × Σ max(d<sub>t</sub> − s<sub>t</sub>, 0) / max(d<sub>t</sub>, 1) × Δt</li>
     *   <li>overProvisionPct θO (%) = 100/T × Σ max(s<sub>t</sub> − d<sub>t</sub>, 0) / max(d<sub>t</sub>, 1) × Δt</li>
     *   <li>underTimePct τU (%) = 100/T × Σ [s<sub>t</sub> &lt; d<sub>t</sub>] × Δt</li>
     *   <li>overTimePct τO (%) = 100/T × Σ [s<sub>t</sub> &gt; d<sub>t</sub>] × Δt</li>
     *   <li>instabilityPct υ (%) = 100/(T − Δt) × Σ<sub>t≥1</sub> min(|sgn(s<sub>t</sub> − s<sub>t−1</sub>)
     *       − sgn(d<sub>t</sub> − d<sub>t−1</sub>)|, 1) × Δt; 0 for a single step</li>
     *   <li>jitter (1/h) = (E<sub>S</sub> − E<sub>D</sub>) / (T / 3600 s), E<sub>S</sub> and E<sub>D</sub> the
     *       numbers of steps t ≥ 1 at which supply, resp. demand, changed</li>
     *   <li>adaptationsPct (%) = 100 × #{t ≥ 1 : desired<sub>t</sub> ≠ desired<sub>t−1</sub>} / max(n − 1, 1)</li>
     *   <li>meanLatencyMs (ms) = Σ λ<sub>t</sub> × mean<sub>t</sub> / Σ λ<sub>t</sub>, λ = arrival rate;
     *       the plain mean if every λ<sub>t</sub> is 0</li>
     *   <li>p95LatencyMs (ms) = the per-step p95 at which the cumulative λ, steps sorted by p95,
     *       first reaches 95 % of Σ λ; with every λ<sub>t</sub> = 0, each step weighs 1</li>
     * </ul>
     *
     * @throws IllegalArgumentException if the run has no step, its step length is not a positive
     *                                  number, or an arrival rate is negative or not finite
     */
    /** The steps of {@code run} whose p95 latency is above the objective. */
    public static int violations(Run run) {
        int violations = 0;
        for (double p95 : run.p95LatencyMs()) {
            violations += p95 > run.sloP95Ms() ? 1 : 0;
        }
        return violations;
    }

    public static Result of(Run run) {
        int n = run.steps();
        double dt = run.stepSeconds();
        if (n == 0) {
            throw new IllegalArgumentException("run " + run.policy() + "/" + run.seed() + " has 0 steps; at least 1 is needed");
        }
        if (!(dt > 0) || Double.isInfinite(dt)) {
            throw new IllegalArgumentException("step length must be a positive number of seconds, found " + dt);
        }
        for (int t = 0; t < n; t++) {
            double rate = run.arrivalRate()[t];
            if (!(rate >= 0) || Double.isInfinite(rate)) {
                throw new IllegalArgumentException("arrival rate at step " + t + " must be finite and >= 0, found " + rate);
            }
        }
        int[] s = run.supply();
        int[] d = run.demand();
        double total = n * dt;

        int violations = violations(run);
        double replicaSeconds = 0;
        double under = 0;
        double over = 0;
        int underSteps = 0;
        int overSteps = 0;
        for (int t = 0; t < n; t++) {
            replicaSeconds += s[t] * dt;
            double scale = Math.max(d[t], 1);
            under += Math.max(d[t] - s[t], 0) / scale * dt;
            over += Math.max(s[t] - d[t], 0) / scale * dt;
            underSteps += s[t] < d[t] ? 1 : 0;
            overSteps += s[t] > d[t] ? 1 : 0;
        }

        int unstable = 0;
        int supplyChanges = 0;
        int demandChanges = 0;
        int desiredChanges = 0;
        for (int t = 1; t < n; t++) {
            int ds = Integer.signum(s[t] - s[t - 1]);
            int dd = Integer.signum(d[t] - d[t - 1]);
            unstable += Math.min(Math.abs(ds - dd), 1);
            supplyChanges += ds != 0 ? 1 : 0;
            demandChanges += dd != 0 ? 1 : 0;
            desiredChanges += run.desired()[t] != run.desired()[t - 1] ? 1 : 0;
        }
        double instability = n > 1 ? 100 * unstable * dt / (total - dt) : 0;
        double jitter = (supplyChanges - demandChanges) / (total / 3600);

        return new Result(run.policy(), run.seed(),
                100.0 * violations / n,
                replicaSeconds,
                100 * under / total,
                100 * over / total,
                100 * underSteps * dt / total,
                100 * overSteps * dt / total,
                instability,
                jitter,
                100.0 * desiredChanges / Math.max(n - 1, 1),
                weightedMean(run.meanLatencyMs(), run.arrivalRate()),
                weightedQuantile(run.p95LatencyMs(), run.arrivalRate(), P95));
    }

    /** Σ w × x / Σ w, or the plain mean of x if every weight is 0. */
    static double weightedMean(double[] x, double[] w) {
        double sumW = Arrays.stream(w).sum();
        if (sumW == 0) {
            return Arrays.stream(x).average().orElse(Double.NaN);
        }
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            sum += w[i] * x[i];
        }
        return sum / sumW;
    }

    /**
     * The value of x at which the cumulative weight, x sorted ascending, first reaches q of the
     * total weight; with every weight 0, each value weighs 1 (the nearest-rank percentile).
     */
    static double weightedQuantile(double[] x, double[] w, double q) {
        double sumW = Arrays.stream(w).sum();
        double[] weights = sumW == 0 ? filled(x.length) : w;
        double target = q * (sumW == 0 ? x.length : sumW);
        Integer[] order = IntStream.range(0, x.length).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(i -> x[i]));
        double cumulative = 0;
        for (int i : order) {
            cumulative += weights[i];
            // A relative tolerance so that 19 of 20 equal weights count as 95 % despite rounding.
            if (weights[i] > 0 && cumulative >= target * (1 - 1e-12)) {
                return x[i];
            }
        }
        return x[order[order.length - 1]];
    }

    private static double[] filled(int length) {
        double[] ones = new double[length];
        Arrays.fill(ones, 1);
        return ones;
    }
}
