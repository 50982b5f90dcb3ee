package org.rlautoscaler.autoscaler.sim;

import java.util.SplittableRandom;
import org.rlautoscaler.autoscaler.env.MetricsSource;
import org.rlautoscaler.autoscaler.env.Observation;
import org.rlautoscaler.autoscaler.env.ReplicaScaler;
import org.rlautoscaler.autoscaler.env.StepInfo;
import org.rlautoscaler.autoscaler.env.Ticker;

/**
 * A service under load, simulated one control period at a time, deterministic for a seed.
 *
 * <p>Each period: requests arrive at the workload's rate; new replicas serve only after their
 * start-up time; the replicas' capacity serves what it can and the rest waits as a backlog
 * (requests older than the timeout are dropped); latency is that of an M/M/1 queue at the
 * period's utilisation plus the wait for the backlog. What the metrics report lags and is noisy:
 * each figure is the mean over the rate window (the last {@code ceil(window / period)} periods),
 * times 1 + a uniform noise of standard deviation {@code noise}.
 */
public final class SimulatedCluster implements ReplicaScaler, MetricsSource, Ticker {
    /**
     * Training episodes scale their load by a random factor in this range, so that an agent sees
     * light and heavy load whatever the training trace's own level: what it learns must carry over
     * to traces it was not trained on.
     */
    static final double TRAINING_LOAD_MIN = 0.2;
    static final double TRAINING_LOAD_MAX = 1.2;
    /**
     * Training episodes also move through the workload by a random stride of 1 to 64 steps per
     * period: the same trace then changes slowly or abruptly, as traces of other bin widths do.
     */
    static final int[] TRAINING_STRIDES = {1, 2, 4, 8, 16, 32, 64};

    private final ClusterModel model;
    private final Workload workload;
    private final double periodSeconds;
    private final double sloP95Seconds;
    private final int maxReplicas;
    private final int initialReplicas;
    private final boolean randomStart;
    private final int window;

    private SplittableRandom random;
    private int position;
    private double loadScale = 1;
    private int stride = 1;
    private int desired;
    private int running;
    private int starting;          // asked for, not yet serving
    private double backlog;        // requests waiting, carried to the next period
    private double lastRate;
    private int lastDemand;
    private final double[] rates;
    private final double[] utilisations;
    private final double[] meanLatencies;
    private final double[] inFlight;
    private double trueMeanLatency;
    private double trueP95Latency;
    private int filled;

    /**
     * @param randomStart  training: start each episode at a random step of the workload, its load
     *                     scaled by a random factor from 0.2 to 1.2; evaluation (false): at the
     *                     first step, as it is
     */
    public SimulatedCluster(ClusterModel model, Workload workload, double periodSeconds, double sloP95Ms,
                            int initialReplicas, int maxReplicas, boolean randomStart) {
        this.model = model;
        this.workload = workload;
        this.periodSeconds = periodSeconds;
        this.sloP95Seconds = sloP95Ms / 1000;
        this.initialReplicas = initialReplicas;
        this.maxReplicas = maxReplicas;
        this.randomStart = randomStart;
        this.window = Math.max(1, (int) Math.ceil(model.rateWindowSeconds() / periodSeconds));
        this.rates = new double[window];
        this.utilisations = new double[window];
        this.meanLatencies = new double[window];
        this.inFlight = new double[window];
        reset(0);
    }

    @Override
    public void reset(long seed) {
        random = new SplittableRandom(seed);
        position = randomStart ? random.nextInt(workload.steps()) : 0;
        loadScale = randomStart ? TRAINING_LOAD_MIN + random.nextDouble() * (TRAINING_LOAD_MAX - TRAINING_LOAD_MIN) : 1;
        stride = randomStart ? TRAINING_STRIDES[random.nextInt(TRAINING_STRIDES.length)] : 1;
        desired = initialReplicas;
        running = initialReplicas;
        starting = 0;
        backlog = 0;
        filled = 0;
        simulate(); // the observation at reset describes the period before the first decision
    }

    @Override
    public int desiredReplicas() {
        return desired;
    }

    @Override
    public int runningReplicas() {
        return running;
    }

    @Override
    public void scaleTo(int replicas) {
        if (replicas < running) {
            running = replicas; // removing a replica is immediate
            starting = 0;
        } else {
            starting = replicas - running;
        }
        desired = replicas;
    }

    @Override
    public void tick() {
        simulate();
    }

    /**
     * Arrival rate of the step {@code ahead} steps after the coming one (0: the coming one),
     * requests per second: what the oracle knows ahead.
     */
    public double upcomingRate(int ahead) {
        return loadScale * workload.ratePerStep()[(position + ahead * stride) % workload.steps()];
    }

    /** Replicas that meet the objective at {@code rate}: the demand. */
    public int replicasNeeded(double rate) {
        return model.replicasNeeded(rate, sloP95Seconds, maxReplicas);
    }

    private void simulate() {
        double rate = loadScale * workload.ratePerStep()[position % workload.steps()];
        position += stride;
        // Replicas asked for at the start of the period serve after their start-up time.
        double startedShare = Math.max(0, 1 - model.startupSeconds() / periodSeconds);
        double serving = running + starting * startedShare;
        running += starting;
        starting = 0;

        double capacity = serving * model.replicaCapacity() * periodSeconds;
        double work = rate * periodSeconds + backlog;
        double served = Math.min(work, capacity);
        double rho = capacity > 0 ? served / capacity : 1;
        double waiting = work - served;
        double capacityPerSecond = Math.max(1e-9, serving * model.replicaCapacity());
        backlog = Math.min(waiting, capacityPerSecond * model.timeoutSeconds());
        double queueing = model.meanLatencySeconds(Math.min(rho, 0.999));
        double mean = Math.min(model.timeoutSeconds(), queueing + backlog / capacityPerSecond / 2);

        trueMeanLatency = mean * 1000;
        trueP95Latency = Math.min(model.timeoutSeconds() * 1000, 3 * mean * 1000);
        lastRate = rate;
        lastDemand = replicasNeeded(rate);

        int slot = filled % window;
        rates[slot] = rate;
        utilisations[slot] = model.idleCpuFraction() + (1 - model.idleCpuFraction()) * rho;
        meanLatencies[slot] = mean * 1000;
        inFlight[slot] = rate * mean;
        filled++;
    }

    @Override
    public Observation observe(ReplicaScaler ignored) {
        int n = Math.min(filled, window);
        double rate = 0;
        double utilisation = 0;
        double latency = 0;
        double requests = 0;
        for (int i = 0; i < n; i++) {
            rate += rates[i];
            utilisation += utilisations[i];
            latency += meanLatencies[i];
            requests += inFlight[i];
        }
        rate /= n;
        utilisation /= n;
        latency /= n;
        requests /= n;
        double cpu = 100 * running * model.coresPerReplica() * utilisation / model.hostCores();
        double memory = model.baseMemoryMiB() + running * model.replicaMemoryMiB() + requests * model.requestMemoryMiB();
        double ram = 100 * memory / model.hostMemoryMiB();
        return new Observation(desired, running,
                Math.min(100, noisy(cpu)), Math.min(100, noisy(ram)), noisy(utilisation),
                noisy(rate), noisy(latency), noisy(3 * latency));
    }

    /** The value times 1 + uniform noise of standard deviation {@code noise} (cheaper than Gaussian, same spread). */
    private double noisy(double value) {
        return Math.max(0, value * (1 + model.noise() * SQRT_12 * (random.nextDouble() - 0.5)));
    }

    private static final double SQRT_12 = Math.sqrt(12);

    @Override
    public StepInfo describe(long step, int requested, int applied) {
        return new StepInfo(step, requested, applied, lastRate, lastDemand);
    }

    /** True mean latency of the period that just passed, in milliseconds (no lag, no noise). */
    public double trueMeanLatencyMs() {
        return trueMeanLatency;
    }

    /** True p95 latency of the period that just passed, in milliseconds. */
    public double trueP95LatencyMs() {
        return trueP95Latency;
    }

    public Workload workload() {
        return workload;
    }

    public double periodSeconds() {
        return periodSeconds;
    }
}
