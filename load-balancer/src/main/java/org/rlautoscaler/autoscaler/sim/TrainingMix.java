package org.rlautoscaler.autoscaler.sim;

import java.util.SplittableRandom;
import java.util.function.DoubleToIntFunction;

/**
 * The loads a learning agent trains on, a new one each episode, so that what it learns carries
 * over to traffic it never saw rather than fitting one trace:
 * <ul>
 *   <li>half the episodes are a stretch of the training workload, from a random step, at a random
 *       level (0.15 to 1.3 times its own, log-uniform) and a random time compression (1, 2, 4 ...
 *       64 of its steps per period, real time most often);</li>
 *   <li>the other half are synthetic: a daily-like wave of random period and depth, a staircase
 *       of random levels, a ramp, or a random walk, between 5 % and 110 % of the training
 *       workload's busiest step;</li>
 *   <li>burstiness on top, to some: noise from period to period (2 % to 25 %), or a flash crowd
 *       (1.3 to 3 times the load for 1 to 12 periods);</li>
 *   <li>the episode starts either with about the replicas its first load needs, or with any count
 *       within the limits: the agent learns to recover from being far off as well as to track.</li>
 * </ul>
 */
public final class TrainingMix implements Episodes {
    private static final int[] COMPRESSIONS = {1, 1, 1, 1, 1, 1, 2, 2, 4, 8};
    private static final double TRACE_SHARE = 0.7;
    private static final double NOISY_SHARE = 0.3;
    private static final double FLASH_CROWD_SHARE = 0.1;

    private final double[] trace;
    private final double peakRate;
    private final int steps;
    private final int minReplicas;
    private final int maxReplicas;
    private final DoubleToIntFunction sizing;

    /**
     * @param trace  the training workload, already scaled (its busiest step needs about the most
     *               replicas)
     * @param steps  steps of an episode
     * @param sizing replicas that meet the objective at a rate, to start an episode near them
     */
    public TrainingMix(Workload trace, int steps, int minReplicas, int maxReplicas, DoubleToIntFunction sizing) {
        this.trace = trace.ratePerStep();
        this.peakRate = Math.max(1e-9, trace.peak());
        this.steps = steps;
        this.minReplicas = minReplicas;
        this.maxReplicas = maxReplicas;
        this.sizing = sizing;
    }

    @Override
    public Episode next(SplittableRandom random) {
        double[] load = new double[steps + 2]; // two more for the oracle's look-ahead
        if (random.nextDouble() < TRACE_SHARE) {
            stretchOfTrace(random, load);
        } else {
            synthetic(random, load);
        }
        // Every size of load is met as often: the episode's mean is a uniform draw from 3 % to 90 %
        // of the training workload's busiest step, whatever the trace's own level there.
        double mean = 0;
        for (double value : load) {
            mean += value / load.length;
        }
        double scale = mean > 0 ? (0.03 + 0.87 * random.nextDouble()) * peakRate / mean : 0;
        for (int i = 0; i < load.length; i++) {
            load[i] *= scale;
        }
        if (random.nextDouble() < NOISY_SHARE) {
            // Bursts that last: each period's factor keeps rho of the last one's (0.5 to 0.95).
            double sigma = 0.01 + 0.14 * random.nextDouble();
            double rho = 0.5 + 0.45 * random.nextDouble();
            double x = sigma * random.nextGaussian();
            for (int i = 0; i < load.length; i++) {
                x = rho * x + Math.sqrt(1 - rho * rho) * sigma * random.nextGaussian();
                load[i] *= Math.exp(x - sigma * sigma / 2);
            }
        }
        if (random.nextDouble() < FLASH_CROWD_SHARE) {
            double factor = 1.2 + 1.3 * random.nextDouble();
            int from = random.nextInt(load.length);
            int length = 2 + random.nextInt(19);
            for (int i = from; i < Math.min(load.length, from + length); i++) {
                load[i] *= factor;
            }
        }
        int initial = random.nextDouble() < 0.7
                ? sizing.applyAsInt(load[0]) + random.nextInt(3) - 1
                : minReplicas + random.nextInt(maxReplicas - minReplicas + 1);
        return new Episode(load, Math.max(minReplicas, Math.min(maxReplicas, initial)));
    }

    private void stretchOfTrace(SplittableRandom random, double[] load) {
        int compression = COMPRESSIONS[random.nextInt(COMPRESSIONS.length)];
        int start = random.nextInt(trace.length);
        for (int i = 0; i < load.length; i++) {
            load[i] = trace[(int) ((start + (long) i * compression) % trace.length)];
        }
    }

    private void synthetic(SplittableRandom random, double[] load) {
        switch (random.nextInt(4)) {
            case 0 -> { // a wave: a day compressed into 200 to 20,000 periods
                double mean = 0.1 + 0.6 * random.nextDouble();
                double depth = random.nextDouble() * Math.min(mean - 0.05, 1.1 - mean);
                double period = Math.exp(Math.log(200) + random.nextDouble() * (Math.log(20000) - Math.log(200)));
                double phase = 2 * Math.PI * random.nextDouble();
                for (int i = 0; i < load.length; i++) {
                    load[i] = mean + depth * Math.sin(2 * Math.PI * i / period + phase);
                }
            }
            case 1 -> { // a staircase: a step of -40 % to +40 % every 20 to 240 periods on average
                double meanLength = 20 + 220 * random.nextDouble();
                double level = level(random);
                for (int i = 0; i < load.length; i++) {
                    if (random.nextDouble() < 1 / meanLength) {
                        level = Math.max(0.03, Math.min(1.1, level * (0.6 + 0.8 * random.nextDouble())));
                    }
                    load[i] = level;
                }
            }
            case 2 -> { // a ramp
                double from = level(random);
                double to = level(random);
                for (int i = 0; i < load.length; i++) {
                    load[i] = from + (to - from) * i / (load.length - 1);
                }
            }
            default -> { // a random walk, in proportion to the load
                double sigma = 0.005 + 0.025 * random.nextDouble();
                double level = 0.1 + 0.7 * random.nextDouble();
                for (int i = 0; i < load.length; i++) {
                    level = Math.max(0.03, Math.min(1.1, level * Math.exp(sigma * random.nextGaussian())));
                    load[i] = level;
                }
            }
        }
        for (int i = 0; i < load.length; i++) {
            load[i] *= peakRate;
        }
    }

    private static double level(SplittableRandom random) {
        return 0.05 + 1.05 * random.nextDouble();
    }
}
