package org.rlautoscaler.autoscaler.sim;

import java.time.Instant;
import java.util.SplittableRandom;
import org.rlautoscaler.autoscaler.agent.FutureLoad;
import org.rlautoscaler.autoscaler.env.MetricsSource;
import org.rlautoscaler.autoscaler.env.Observation;
import org.rlautoscaler.autoscaler.env.ReplicaScaler;
import org.rlautoscaler.autoscaler.env.StepInfo;
import org.rlautoscaler.autoscaler.env.Ticker;

/**
 * A service under load, simulated one control period at a time, deterministic for a seed.
 *
 * <p>Each period: requests arrive at the episode's rate, varying from period to period as the
 * model's arrival variability says; a replica asked for serves only once its start-up time has
 * passed, and for its warm-up after that each request costs it more CPU; the replicas' cores
 * (at most the cores they share) serve what they can and the rest waits as a backlog (requests
 * older than the timeout are dropped); latency is the model's at the period's utilisation plus
 * the wait for the backlog. Removing a replica is immediate. What the metrics report lags and
 * is noisy, as Prometheus' would: each figure is the mean over the rate window (the last
 * {@code ceil(window / period)} periods), times 1 + a uniform noise of standard deviation
 * {@code noise}; the request rate is the rate of requests answered, as the server's own counter
 * reports it, not of requests that arrived.
 *
 * <p>Where the load comes from is {@link Episodes}: the same workload from its start for an
 * evaluation, a new mix of loads each episode for training.
 */
public final class SimulatedCluster implements ReplicaScaler, MetricsSource, Ticker, FutureLoad {
    /** Age of the replicas a run starts with: long started and warm. */
    private static final double WARM = 1e12;

    private final ClusterModel model;
    private final ServiceModel service;
    private final Episodes episodes;
    private final double periodSeconds;
    private final double sloP95Seconds;
    private final int maxReplicas;
    private final int window;
    private final double highestUtilisation; // meeting the objective: what the demand is computed from

    private SplittableRandom random;
    private double[] load;         // the episode's arrival rate per step
    private int position;
    private long ticks;
    private int replicas;          // asked for: the desired count
    private double[] ages;         // seconds since each replica was asked for, oldest first
    private int serving;           // replicas past their start-up
    private double backlog;        // requests waiting, carried to the next period
    private double lastRate;
    private double lastArrivals;
    private int lastDemand;
    private final double[] rates;
    private final double[] cpuUtilisations;
    private final double[] meanLatencies;
    private final double[] p95Latencies;
    private final double[] inFlight;
    private double trueMeanLatency;
    private double trueP95Latency;
    private int filled;

    /**
     * @param episodes where each episode's load and first replica count come from
     */
    public SimulatedCluster(ClusterModel model, Episodes episodes, double periodSeconds, double sloP95Ms,
                            int maxReplicas) {
        this.model = model;
        this.service = model.service();
        this.episodes = episodes;
        this.periodSeconds = periodSeconds;
        this.sloP95Seconds = sloP95Ms / 1000;
        this.maxReplicas = maxReplicas;
        this.window = Math.max(1, (int) Math.ceil(model.rateWindowSeconds() / periodSeconds));
        this.highestUtilisation = service.latency().highestUtilisation(sloP95Seconds);
        this.ages = new double[Math.max(1, maxReplicas)];
        this.rates = new double[window];
        this.cpuUtilisations = new double[window];
        this.meanLatencies = new double[window];
        this.p95Latencies = new double[window];
        this.inFlight = new double[window];
        reset(0);
    }

    @Override
    public void reset(long seed) {
        random = new SplittableRandom(seed);
        Episodes.Episode episode = episodes.next(random);
        load = episode.ratePerStep();
        position = 0;
        ticks = 0;
        replicas = episode.initialReplicas();
        if (replicas > ages.length) {
            ages = new double[replicas];
        }
        java.util.Arrays.fill(ages, WARM);
        serving = replicas;
        backlog = 0;
        filled = 0;
        simulate(); // the observation at reset describes the period before the first decision
    }

    @Override
    public int desiredReplicas() {
        return replicas;
    }

    /** Replicas serving requests: asked for, and past their start-up time. */
    @Override
    public int runningReplicas() {
        return serving;
    }

    /** Asks for {@code target} replicas: new ones start now; removing one (the youngest first) is immediate. */
    @Override
    public void scaleTo(int target) {
        if (target > ages.length) {
            ages = java.util.Arrays.copyOf(ages, target);
        }
        for (int i = replicas; i < target; i++) {
            ages[i] = 0;
        }
        replicas = target;
        serving = countServing();
    }

    private int countServing() {
        int count = 0;
        for (int i = 0; i < replicas; i++) {
            if (ages[i] >= service.startupSeconds()) {
                count++;
            }
        }
        return count;
    }

    @Override
    public void tick() {
        simulate();
    }

    /**
     * Arrival rate of the step {@code ahead} steps after the coming one (0: the coming one),
     * requests per second: what the oracle knows ahead.
     */
    @Override
    public double upcomingRate(int ahead) {
        return load[(position + ahead) % load.length];
    }

    /** Replicas that meet the objective at {@code rate}: the demand. */
    @Override
    public int replicasNeeded(double rate) {
        return service.replicasNeededAt(rate, highestUtilisation, maxReplicas);
    }

    private void simulate() {
        double rate = load[position % load.length];
        position++;
        ticks++;
        // Each replica serves the share of the period after its start-up; during its warm-up a
        // request costs it warmupCpuFactor times the CPU, so it serves that much less.
        double startup = service.startupSeconds();
        double warmEnd = startup + service.warmupSeconds();
        double slower = 1 - 1 / service.warmupCpuFactor();
        double servingShare = 0;
        double effective = 0;
        for (int i = 0; i < replicas; i++) {
            double from = ages[i];
            double to = from + periodSeconds;
            ages[i] = to;
            if (from >= warmEnd) {
                servingShare += 1;
                effective += 1;
                continue;
            }
            double share = Math.max(0, Math.min(1, (to - startup) / periodSeconds));
            double warming = Math.max(0, Math.min(to, warmEnd) - Math.max(from, startup)) / periodSeconds;
            servingShare += share;
            effective += share - warming * slower;
        }
        serving = countServing();

        double arrivals = rate * periodSeconds;
        if (service.arrivalCv() > 0 && arrivals > 0) {
            // Independent arrivals: the count of a period varies by cv x sqrt(count).
            arrivals = Math.max(0, arrivals + service.arrivalCv() * Math.sqrt(arrivals) * random.nextGaussian());
        }
        lastArrivals = arrivals;
        double cores = service.cores(servingShare);
        Queue queue = queue(arrivals + backlog, effective, servingShare);
        double served = queue.served();
        double rho = queue.rho();
        backlog = queue.backlog();
        double mean = service.meanLatencySeconds(queue.utilisation(), queue.slowdown(), queue.backlogSeconds());
        double p95 = service.p95LatencySeconds(queue.utilisation(), queue.slowdown(), queue.backlogSeconds());

        trueMeanLatency = mean * 1000;
        trueP95Latency = p95 * 1000;
        lastRate = rate;
        lastDemand = replicasNeeded(rate);

        double idle = Math.min(cores, service.idleCoresPerReplica() * servingShare);
        double used = idle + (cores - idle) * rho;
        int slot = filled % window;
        rates[slot] = served / periodSeconds;
        cpuUtilisations[slot] = servingShare > 0 ? used / (servingShare * service.coresPerReplica()) : 0;
        meanLatencies[slot] = mean * 1000;
        p95Latencies[slot] = p95 * 1000;
        inFlight[slot] = rate * mean;
        filled++;
    }

    @Override
    public Observation observe(ReplicaScaler ignored) {
        int n = Math.min(filled, window);
        double rate = 0;
        double utilisation = 0;
        double latency = 0;
        double p95 = 0;
        double requests = 0;
        for (int i = 0; i < n; i++) {
            rate += rates[i];
            utilisation += cpuUtilisations[i];
            latency += meanLatencies[i];
            p95 += p95Latencies[i];
            requests += inFlight[i];
        }
        rate /= n;
        utilisation /= n;
        latency /= n;
        p95 /= n;
        requests /= n;
        // cpu_usage: each replica's CPU against its own limit, as the web application reports it
        // in a container (cgroup), averaged over replicas as Queries.CPU_USAGE does.
        double cpu = 100 * utilisation;
        double memory = model.baseMemoryMiB() + replicas * model.replicaMemoryMiB() + requests * model.requestMemoryMiB();
        double ram = 100 * memory / model.hostMemoryMiB();
        return new Observation(replicas, serving,
                Math.min(100, noisy(cpu)), Math.min(100, noisy(ram)), noisy(utilisation),
                noisy(rate), noisy(latency), noisy(p95), youngestRunningTime());
    }

    /**
     * The web application's {@code running_time} of the youngest serving replica: seconds since
     * it finished starting, whole as the gauge counts them. The replicas the episode starts with
     * have no start time ({@link #WARM}): NaN when only they serve.
     */
    private double youngestRunningTime() {
        double youngest = Double.NaN;
        for (int i = 0; i < replicas; i++) {
            double running = ages[i] - service.startupSeconds();
            if (running >= 0 && ages[i] < WARM / 2 && !(running >= youngest)) {
                youngest = running;
            }
        }
        return Math.floor(youngest);
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

    /** Requests that arrived in the period that just passed (the rate with its seed's variation). */
    public double lastArrivals() {
        return lastArrivals;
    }

    /**
     * The p95 latency, in milliseconds, of a period with {@code arrivals} requests and
     * {@code serving} replicas serving at full speed the whole period, with no backlog from the
     * period before: never above what this cluster's period would have with the same arrivals and
     * as many replicas serving, since warming replicas and a backlog only add to it.
     */
    public double unhinderedP95Ms(double arrivals, int serving) {
        Queue queue = queue(arrivals, serving, serving);
        return 1000 * service.p95LatencySeconds(queue.utilisation(), queue.slowdown(), queue.backlogSeconds());
    }

    /**
     * A period's requests against its replicas: what is served, the replicas' utilisation, the
     * backlog left (requests older than the timeout dropped), the seconds it takes to serve it,
     * and how much slower requests run while replicas warm up.
     */
    private record Queue(double served, double rho, double backlog, double backlogSeconds, double slowdown) {
        double utilisation() {
            return Math.min(rho, 0.999);
        }
    }

    /** {@code work} requests in a period of replicas serving as {@code effective} warm ones, {@code servingShare} of them serving. */
    private Queue queue(double work, double effective, double servingShare) {
        double capacityPerSecond = Math.max(1e-9, service.capacity(effective));
        double capacity = capacityPerSecond * periodSeconds;
        double served = Math.min(work, capacity);
        double rho = effective > 0 ? served / capacity : 1;
        double backlog = Math.min(work - served, capacityPerSecond * service.timeoutSeconds());
        double slowdown = effective > 0 ? service.cores(servingShare) / service.cores(effective) : 1;
        return new Queue(served, rho, backlog, backlog / capacityPerSecond, slowdown);
    }

    /** True mean latency of the period that just passed, in milliseconds (no lag, no noise). */
    public double trueMeanLatencyMs() {
        return trueMeanLatency;
    }

    /** True p95 latency of the period that just passed, in milliseconds. */
    public double trueP95LatencyMs() {
        return trueP95Latency;
    }

    /**
     * Simulated time: the start of the coming period, counted from the Unix epoch at the episode's
     * first period (for the safety chain's cooldown and window).
     */
    public Instant now() {
        return Instant.EPOCH.plusNanos(Math.round((ticks - 1) * periodSeconds * 1e9));
    }

    public double periodSeconds() {
        return periodSeconds;
    }
}
