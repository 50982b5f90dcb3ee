package org.rlautoscaler.autoscaler.calibration;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.function.DoubleConsumer;
import org.rlautoscaler.autoscaler.env.ReplicaScaler;
import org.rlautoscaler.autoscaler.math.Stats;
import org.rlautoscaler.autoscaler.progress.ProgressListener;
import org.rlautoscaler.autoscaler.sim.MeasuredLevel;
import org.rlautoscaler.autoscaler.sim.ServiceModel;

/**
 * The calibration procedure: a warm-up probe, then levels of an open-model load stepped up as
 * shares of the estimated capacity until the highest or an overloaded one, on one instance or on
 * a service scaled to 1, 2 ... replicas; the fit of the simulated cluster's model to what was
 * measured; and the check of a model against the service at other levels.
 */
public final class Calibration {
    private Calibration() {}

    /**
     * How the load is stepped up.
     *
     * @param startRate          the warm-up probe's rate, requests per second; it also estimates the capacity
     * @param warmupProbeSeconds time at {@code startRate} (at least 10 s are probed)
     * @param conditionSeconds   time at half the estimated capacity before the levels, not measured
     * @param utilisationStep    levels at this share of the estimated capacity and each multiple of it
     * @param maxUtilisation     the highest level, a share of the estimated capacity
     * @param stopFactor         stop once p95 passes this many times the objective
     * @param sloP95Ms           the latency objective, milliseconds
     * @param coresPerReplica    CPU a replica may use
     * @param settleSeconds      time at a new level before measuring it
     * @param levelSeconds       time each level is measured
     */
    public record Ramp(double startRate, double warmupProbeSeconds, double conditionSeconds, double utilisationStep,
                       double maxUtilisation, double stopFactor, double sloP95Ms, double coresPerReplica,
                       double settleSeconds, double levelSeconds) {
        /** Seconds probed at the start rate: at least 10. */
        public double probeSeconds() {
            return Math.max(10, warmupProbeSeconds);
        }

        /** Levels planned: every step up to the highest. */
        public int plannedLevels() {
            return (int) Math.floor(maxUtilisation / utilisationStep + 1e-9);
        }

        /** Seconds of one ramp as planned (conditioning and every level). */
        public double plannedSeconds() {
            return conditionSeconds + plannedLevels() * (settleSeconds + levelSeconds);
        }
    }

    /**
     * What was measured.
     *
     * @param levels         every level, in the order measured
     * @param warmup         how CPU per request fell after the fresh start
     * @param startupSeconds each time a new replica took to serve after it was asked for (none for one instance)
     */
    public record Measured(List<MeasuredLevel> levels, Calibrator.Warmup warmup, List<Double> startupSeconds) {
        /** The median start-up, if one was timed. */
        public OptionalDouble medianStartupSeconds() {
            return startupSeconds.isEmpty() ? OptionalDouble.empty()
                    : OptionalDouble.of(Stats.median(startupSeconds.stream().mapToDouble(d -> d).toArray()));
        }
    }

    /**
     * One instance: the warm-up probe, then the ramp.
     *
     * @param sharedCores cores all replicas share (infinite: each its own)
     */
    public static Measured oneInstance(Calibrator.Settings settings, Ramp ramp, double sharedCores,
                                       ProgressListener progress) throws CalibrationException, InterruptedException {
        try (Calibrator calibrator = new Calibrator(settings)) {
            calibrator.check();
            List<MeasuredLevel> levels = new ArrayList<>();
            Calibrator.Warmup warmup;
            try (ProgressListener.Task task = progress.start("calibrate", Math.round(ramp.probeSeconds()
                    + ramp.plannedSeconds()), "s")) {
                Seconds tick = new Seconds(task);
                warmup = calibrator.probeWarmup(ramp.startRate(), ramp.probeSeconds(), 5, tick);
                ramp(calibrator, ramp, ramp.coresPerReplica() / warmup.settledCpuSecondsPerRequest(), sharedCores, levels, tick);
            }
            return new Measured(levels, warmup, List.of());
        }
    }

    /**
     * A service, replica count by replica count: scaled to 1, 2 ... {@code maxReplicas} through
     * {@code scaler}, each count measured once every replica answers (the time a new one takes is
     * its start-up) with the load split over the replicas {@code settings}' host resolves to; scaled
     * back to the count it had at the end.
     *
     * @param service     the service's name, for messages
     * @param sharedCores cores all replicas share (infinite: each its own)
     */
    public static Measured service(Calibrator.Settings settings, Ramp ramp, ReplicaScaler scaler, String service,
                                   int maxReplicas, double sharedCores, ProgressListener progress)
            throws CalibrationException, InterruptedException {
        int original = scaler.desiredReplicas();
        List<MeasuredLevel> levels = new ArrayList<>();
        List<Double> startups = new ArrayList<>();
        Calibrator.Warmup warmup = null;
        try (ProgressListener.Task task = progress.start("calibrate", Math.round(ramp.probeSeconds()
                + maxReplicas * ramp.plannedSeconds()), "s")) {
            Seconds tick = new Seconds(task);
            int current = original;
            for (int n = 1; n <= maxReplicas; n++) {
                long asked = System.nanoTime();
                scaler.scaleTo(n);
                List<Calibrator.Target> targets = Calibrator.awaitReplicas(settings, n, service);
                if (n > current) {
                    startups.add((System.nanoTime() - asked) / 1e9);
                }
                current = n;
                try (Calibrator calibrator = new Calibrator(settings, targets)) {
                    calibrator.check();
                    if (warmup == null) {
                        warmup = calibrator.probeWarmup(ramp.startRate(), ramp.probeSeconds(), 5, tick);
                    }
                    double cpu = levels.size() >= 2 ? Fit.cpu(levels).secondsPerRequest() : warmup.settledCpuSecondsPerRequest();
                    ramp(calibrator, ramp, Math.min(n * ramp.coresPerReplica(), sharedCores) / cpu, sharedCores, levels, tick);
                }
            }
        } finally {
            scaler.scaleTo(original);
        }
        return new Measured(levels, warmup, startups);
    }

    /**
     * The model fitted to {@code measured}: warm-up from its probe, start-up its median where
     * timed, else {@code startupSeconds}.
     *
     * @throws IllegalArgumentException when the levels cannot be fitted
     */
    public static ServiceModel fit(Measured measured, Ramp ramp, double startupSeconds, double sharedCores) {
        double warmupSeconds = measured.warmup().seconds();
        double warmupFactor = warmupSeconds > 0 ? measured.warmup().cpuFactor() : 1;
        return Fit.fit(measured.levels(), new Fit.Given(ramp.coresPerReplica(), sharedCores,
                measured.medianStartupSeconds().orElse(startupSeconds), warmupSeconds, warmupFactor, 1, 10));
    }

    /**
     * One level of a check: measured and predicted.
     *
     * @param utilisation the level, a share of the model's capacity
     * @param rate        requests per second offered
     * @param measured    what the service did
     * @param predicted   what the simulated cluster predicts with the model
     */
    public record CheckedLevel(double utilisation, double rate, MeasuredLevel measured, Prediction predicted) {
        /** |predicted - measured| / measured p95. */
        public double p95Error() {
            return Math.abs(predicted.p95Ms() - measured.p95Ms()) / measured.p95Ms();
        }

        /** |predicted - measured| / measured CPU. */
        public double cpuError() {
            return Math.abs(predicted.cpuCores() - measured.cpuCores()) / measured.cpuCores();
        }
    }

    /** Measures one instance at {@code utilisations} of {@code model}'s capacity, warm, against the model's prediction. */
    public static List<CheckedLevel> check(Calibrator.Settings settings, Ramp ramp, ServiceModel model,
                                           List<Double> utilisations, ProgressListener progress)
            throws CalibrationException, InterruptedException {
        try (Calibrator calibrator = new Calibrator(settings)) {
            calibrator.check();
            List<CheckedLevel> rows = new ArrayList<>();
            try (ProgressListener.Task task = progress.start("check", Math.round(ramp.conditionSeconds()
                    + utilisations.size() * (ramp.settleSeconds() + ramp.levelSeconds())), "s")) {
                Seconds tick = new Seconds(task);
                calibrator.hold(0.5 * model.capacity(1), ramp.conditionSeconds(), tick); // a warm replica, as the model's curves
                for (double u : utilisations) {
                    double rate = u * model.capacity(1);
                    rows.add(new CheckedLevel(u, rate, calibrator.measure(rate, tick), Prediction.of(model, 1, rate)));
                }
            }
            return rows;
        }
    }

    /**
     * Levels at 1, 2, ... times the utilisation step of {@code capacity} (a first estimate,
     * refined from the levels measured so far), until the highest one or an overloaded level.
     */
    private static void ramp(Calibrator calibrator, Ramp ramp, double capacity, double shared, List<MeasuredLevel> levels,
                             DoubleConsumer tick) throws CalibrationException, InterruptedException {
        calibrator.hold(0.5 * capacity, ramp.conditionSeconds(), tick);
        List<MeasuredLevel> these = new ArrayList<>();
        for (int k = 1; k <= ramp.plannedLevels(); k++) {
            MeasuredLevel level = calibrator.measure(k * ramp.utilisationStep() * capacity, tick);
            these.add(level);
            levels.add(level);
            if (level.p95Ms() > ramp.stopFactor() * ramp.sloP95Ms() || level.errorPct() > 5
                    || level.servedRate() < Fit.MIN_SERVED_SHARE * level.offeredRate()) {
                break; // past what a level can show: overloaded
            }
            try {
                Fit.Cpu cpu = Fit.cpu(these.size() >= 2 ? these : levels);
                capacity = Math.min(level.replicas() * ramp.coresPerReplica(), shared) / cpu.secondsPerRequest();
            } catch (IllegalArgumentException e) {
                // CPU did not grow yet: keep the estimate
            }
        }
    }

    /** Seconds passed, for the progress. */
    private static final class Seconds implements DoubleConsumer {
        private final ProgressListener.Task task;
        private double elapsed;

        Seconds(ProgressListener.Task task) {
            this.task = task;
        }

        @Override
        public void accept(double seconds) {
            elapsed += seconds;
            task.stepTo(Math.round(elapsed));
        }
    }
}
