package org.rlautoscaler.autoscaler.agent.headroom;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;
import org.rlautoscaler.autoscaler.agent.Agent;
import org.rlautoscaler.autoscaler.agent.AgentFileException;
import org.rlautoscaler.autoscaler.agent.Decision;
import org.rlautoscaler.autoscaler.agent.ForecastSetup;
import org.rlautoscaler.autoscaler.agent.Forecasting;
import org.rlautoscaler.autoscaler.agent.Hyperparameters;
import org.rlautoscaler.autoscaler.agent.Insight;
import org.rlautoscaler.autoscaler.agent.LearningStatus;
import org.rlautoscaler.autoscaler.agent.Transition;
import org.rlautoscaler.autoscaler.agent.forecast.LoadForecast;
import org.rlautoscaler.autoscaler.env.Limits;
import org.rlautoscaler.autoscaler.env.Observation;
import org.rlautoscaler.autoscaler.reward.SloCostReward;

/**
 * {@code qlearning}: this project's learning agent, Dyna-style Q-learning of the headroom a
 * proportional rule keeps. Why each choice:
 * <ul>
 *   <li><b>Proportional at heart.</b> Every period it asks for {@code ceil(peak load / target)}
 *       replicas, load counted in replicas' worth of CPU and its peak taken over the last 20
 *       periods, as the HPA keeps five minutes of recommendations: the replicas follow the load in
 *       proportion whatever the service's size, never by a fixed step.</li>
 *   <li><b>What it learns is the target</b>, a rung of the {@link Headroom#LADDER} from 0.95
 *       (tight, for steady traffic) to 0.66 (room for bursts), in each regime of traffic.</li>
 *   <li><b>The state is the traffic's regime</b> ({@link Regime}): the load's size, its volatility
 *       and trend, and whether latency is near the objective. These carry over from one trace and
 *       one service to another, where request rates and replica counts do not.</li>
 *   <li><b>Two Q-tables</b> ({@link HeadroomValues}): per (regime, rung), the cost of the rung (the
 *       replicas it runs over the replicas the load needs, so that 2 and 20 replicas compare) and
 *       its chance of missing the objective. The choice weighs them by the reward's own weights:
 *       a missed period counts {@code sloPenalty / replicaCost} (5) times a period's cost ratio.</li>
 *   <li><b>Planning with a learnt model (Dyna).</b> One rung ran; the others did not. Rather than
 *       wait for each rung to be tried in each regime, which would take far more experience than
 *       a service gives, it learns from what it observes how likely a period is to miss the
 *       objective at each utilisation ({@link MissModel}), and after every period updates every
 *       rung's values with what that rung would have run on the load that came and the miss chance
 *       the model gives it. All rungs are compared on the same load, so small differences show.</li>
 *   <li><b>Monotone by construction.</b> More headroom never misses more nor costs less; the
 *       values are smoothed to respect that before choosing, and so is the miss model.</li>
 *   <li><b>Training</b> ({@code TrainingMix}) mixes the training trace at many levels and speeds
 *       with synthetic waves, staircases, walks and flash crowds, so that every regime is met; the
 *       first {@value #WARMUP_PERIODS} periods of an episode are not learnt from, since the
 *       volatility is not known yet. It explores rungs at random, from always to 5 % of the time.</li>
 *   <li><b>Adapting to the service it runs on.</b> Acting on a service ({@link #acting}), it
 *       goes on learning from every period. The miss curve learnt in training keeps its shape
 *       but moves along the utilisation axis to where this service's periods put it (the shift
 *       of greatest likelihood), so that what it learns where it runs reaches the rungs it does
 *       not run; in each bin that shifted curve counts as {@value #PRIOR_PERIODS} periods against
 *       the last {@value #MEMORY_PERIODS} the service showed; and the newest outcome weighs
 *       {@value #ONLINE_ALPHA} in the values. A service that tolerates more, or less, than the
 *       trained one moves its choice within hours, not weeks.</li>
 *   <li><b>Foresight from its own history</b> ({@link #foresee}): acting on a service, it keeps
 *       a forecast of the request rate by time of day and of the week ({@link LoadForecast}),
 *       over a new replica's start-up and the cooldown, and measures how far to trust it from how
 *       well it predicted lately. The rung then asks for the larger of its own count and the
 *       count of the forecast's trusted peak, taken in full, in half or not at all: which of the
 *       three pays for each kind of forecast (by the rise it announces), it learns as it learns
 *       the rungs, from what each would have run on the load that came. It may scale out ahead of
 *       a rise, and never scales in on a forecast alone.</li>
 *   <li><b>No scale-in while the objective is missed.</b> While p95 is above the objective it
 *       removes no replica, whatever the rung says: states that look alike hide whether the
 *       latency comes from a backlog that drains or from a host the replicas share.</li>
 * </ul>
 */
public final class QLearningAgent implements Agent, Forecasting {
    public static final String NAME = "qlearning";
    /** Periods of an episode before it learns from them. */
    public static final int WARMUP_PERIODS = 6;
    /** The utilisation whose replicas the cost is counted against (the load "needs" load / 0.8). */
    static final double NEEDED_UTILISATION = 0.8;
    /** The smallest weight of the newest outcome in a value. */
    static final double MIN_ALPHA = 0.001;
    /**
     * Acting on a service, the weight of the newest outcome in a value: a regime's values follow
     * what this service shows within about 50 of its periods (a quarter of an hour at 15 s).
     */
    static final double ONLINE_ALPHA = 0.02;
    /** Acting on a service, the periods the miss curve learnt in training counts as in each bin, once shifted. */
    static final double PRIOR_PERIODS = 100;
    /** Acting on a service, the periods each bin of the miss model remembers of it (older ones fade). */
    static final double MEMORY_PERIODS = 2_000;
    /** Weight of the newest period in the CPU a request costs, which turns a forecast rate into load. */
    static final double COST_WEIGHT = 0.05;
    /** The shares of the trusted forecast it may act on; it learns which pays for each kind of forecast. */
    static final double[] FORECAST_SHARES = {0, 0.5, 1};

    /** Every decision's reason, made once: the rung, and the regime it was chosen for. */
    private static final String[][] REASONS = new String[Regime.COUNT][Headroom.LADDER.size()];

    static {
        for (int r = 0; r < Regime.COUNT; r++) {
            for (int a = 0; a < Headroom.LADDER.size(); a++) {
                REASONS[r][a] = Headroom.LADDER.get(a) + " (for " + Regime.describe(r) + ")";
            }
        }
    }

    private final Limits limits;
    private final double sloP95Ms;
    private final SloCostReward reward;
    private final Hyperparameters parameters;
    private final HeadroomValues values;
    private final MissModel misses = new MissModel();
    private final LoadMemory memory = new LoadMemory();
    private final SplittableRandom random;
    private boolean learning = true;
    private boolean acting;
    private long episodes;
    private int regime = -1;
    private int rung = -1;
    private LoadForecast forecast;
    /** Per (kind of forecast, share of it acted on): cost and miss chance, as for the rungs; learnt where it acts. */
    private HeadroomValues shares;
    private double cpuPerRequest = Double.NaN;
    private Forecast latest;
    private int share;

    /**
     * @param reward     the reward it learns from: its objective, and the weight of a miss against cost
     * @param parameters the exploration schedule (alpha and gamma are not used: values are averages
     *                   of planned outcomes)
     */
    public QLearningAgent(Limits limits, SloCostReward reward, Hyperparameters parameters, long seed) {
        this.limits = limits;
        this.sloP95Ms = reward.sloP95Ms();
        this.reward = reward;
        this.parameters = parameters;
        this.values = new HeadroomValues(Regime.COUNT, Headroom.LADDER.size(), reward.sloPenalty() / reward.replicaCost(),
                Headroom.UNTRIED);
        this.random = new SplittableRandom(seed);
    }

    /** Epsilon from 1 down to 0.05 over 70 % of {@code episodes}. */
    public static Hyperparameters defaults(int episodes) {
        double decay = Math.pow(0.05, 1.0 / Math.max(1, 0.7 * episodes));
        return new Hyperparameters(MIN_ALPHA, 0, 1.0, 0.05, decay);
    }

    /** Live, learning online: a constant {@code epsilon}, the newest outcome weighing {@link #ONLINE_ALPHA}. */
    public static Hyperparameters online(double epsilon) {
        return Hyperparameters.constant(ONLINE_ALPHA, 0, epsilon);
    }

    /**
     * The agent that acts on a service and learns from it as it goes ({@link #online}): what it
     * loads from training is a prior, which what the service shows soon outweighs.
     */
    public static QLearningAgent acting(Limits limits, SloCostReward reward, double epsilon, long seed) {
        QLearningAgent agent = new QLearningAgent(limits, reward, online(epsilon), seed);
        agent.acting = true;
        return agent;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean canDecide(Observation o) {
        return usable(o);
    }

    private static boolean usable(Observation o) {
        return !Double.isNaN(o.replicaCpuUtilisation()) && !Double.isNaN(o.p95LatencyMs());
    }

    @Override
    public Decision act(Observation o) {
        if (!usable(o)) {
            regime = -1;
            rung = -1;
            latest = null;
            if (forecast != null) {
                forecast.observe(Double.NaN); // its clock goes on
            }
            return Decision.rule(o.desiredReplicas(), "hold: a metric the agent needs is missing");
        }
        memory.observe(o);
        latest = lookAhead(o);
        regime = Regime.of(memory, o.p95LatencyMs(), sloP95Ms);
        boolean explored = learning && random.nextDouble() < epsilon();
        rung = explored ? random.nextInt(Headroom.LADDER.size()) : values.best(regime);
        share = latest == null ? 0 : shares.best(latest.situation());
        Headroom headroom = Headroom.LADDER.get(rung);
        int replicas = limits.clamp(headroom.replicas(memory, ahead(share)));
        String why = explored ? "exploring: " + REASONS[regime][rung] : REASONS[regime][rung];
        if (replicas > limits.clamp(headroom.replicas(memory, 0))) {
            why += String.format(Locale.ROOT, "; ahead of a forecast rise to %.1f requests/s (now %.1f), trusted %.2f, "
                    + "acted on in %s", latest.peakRate(), latest.currentRate(), latest.trust(),
                    FORECAST_SHARES[share] == 1 ? "full" : "part");
        }
        if (replicas < o.desiredReplicas() && o.p95LatencyMs() > sloP95Ms) {
            replicas = o.desiredReplicas();
            why += "; removes no replica while p95 is above the objective";
        }
        return new Decision(replicas, rung, explored, why);
    }

    /**
     * The period that followed: the miss model learns what it observed, and every rung's values
     * what that rung would have run on the load that came, and the chance it would have missed.
     */
    @Override
    public void learn(Transition t) {
        Observation after = t.after();
        if (regime < 0 || !usable(after)) {
            return;
        }
        misses.observe(after.replicaCpuUtilisation(), after.p95LatencyMs() > sloP95Ms);
        if (memory.seen() <= WARMUP_PERIODS) {
            return;
        }
        double load = LoadMemory.load(after);
        double needed = Math.max(limits.min(), load / NEEDED_UTILISATION);
        for (int r = 0; r < Headroom.LADDER.size(); r++) {
            int replicas = limits.clamp(Headroom.LADDER.get(r).replicas(memory, ahead(share)));
            values.record(regime, r, replicas / needed, misses.missChance(load / replicas), parameters.alpha());
        }
        if (latest != null) {
            for (int s = 0; s < FORECAST_SHARES.length; s++) {
                int replicas = limits.clamp(Headroom.LADDER.get(rung).replicas(memory, ahead(s)));
                shares.record(latest.situation(), s, replicas / needed, misses.missChance(load / replicas), parameters.alpha());
            }
        }
    }

    /**
     * The forecast moves on by the period that ended, and so does the CPU a request costs, which
     * turns its rates into load; returns the forecast, or null when there is none to act on.
     */
    private Forecast lookAhead(Observation o) {
        if (forecast == null) {
            return null;
        }
        Forecast f = forecast.observe(o.requestRate());
        if (o.requestRate() > LoadForecast.RATE_FLOOR) {
            double cost = LoadMemory.load(o) / o.requestRate();
            cpuPerRequest = Double.isNaN(cpuPerRequest) ? cost : cpuPerRequest + COST_WEIGHT * (cost - cpuPerRequest);
        }
        return Double.isNaN(cpuPerRequest) ? null : f;
    }

    /** The load, in replicas' worth of CPU, that acting on {@code FORECAST_SHARES[s]} of the latest forecast sizes for (0: none). */
    private double ahead(int s) {
        return latest == null || s == 0 ? 0 : latest.rateActedOn(FORECAST_SHARES[s]) * cpuPerRequest;
    }

    @Override
    public void foresee(ForecastSetup setup, double[] history) {
        forecast = new LoadForecast(setup, history);
        shares = new HeadroomValues(LoadForecast.SITUATIONS, FORECAST_SHARES.length, values.penalty, 0);
    }

    @Override
    public Optional<Forecast> forecast() {
        return forecast == null ? Optional.empty() : Optional.ofNullable(forecast.latest());
    }

    /** How far it trusts each kind of forecast now, in words; empty when it does not forecast. */
    public String forecastTrust() {
        return forecast == null ? "" : forecast.describeTrust();
    }

    private double epsilon() {
        return learning ? parameters.epsilonAfter(episodes) : 0;
    }

    @Override
    public void startEpisode() {
        if (learning && memory.seen() > 0) {
            episodes++;
        }
        memory.forget();
        regime = -1;
    }

    @Override
    public boolean learns() {
        return true;
    }

    @Override
    public void setLearning(boolean learning) {
        this.learning = learning;
    }

    @Override
    public long updates() {
        return values.updates;
    }

    @Override
    public LearningStatus status() {
        return new LearningStatus(epsilon(), values.meanSquaredError, values.parameters(), 2 * values.visited(), values.updates,
                rung < 0 || regime < 0 ? Double.NaN
                        : -(values.cost[regime * values.rungs + rung] + values.penalty * values.slo[regime * values.rungs + rung]));
    }

    /**
     * The regime it last decided in, and each rung's expected outcome there as it chooses: minus
     * (cost + weight x miss chance), from the smoothed values; the rung it took marked.
     */
    @Override
    public Optional<Insight> insight() {
        if (regime < 0 || rung < 0) {
            return Optional.empty();
        }
        double[] cost = values.monotone(values.cost, regime, true);
        double[] miss = values.monotone(values.slo, regime, false);
        List<Insight.ActionValue> actions = new ArrayList<>();
        for (int a = 0; a < Headroom.LADDER.size(); a++) {
            long visits = values.visits[regime * values.rungs + a];
            actions.add(visits == 0
                    ? new Insight.ActionValue(Headroom.LADDER.get(a).toString(), Double.NaN, "never met in this regime")
                    : new Insight.ActionValue(Headroom.LADDER.get(a).toString(), -(cost[a] + values.penalty * miss[a]),
                    String.format(Locale.ROOT, "%.2f x the replicas needed, misses the objective %.1f %% of periods",
                            cost[a], 100 * miss[a])));
        }
        String meaning = String.format(Locale.ROOT,
                "minus the expected cost of a period: replicas over those needed + %.0f x the chance of missing the objective",
                values.penalty);
        double shift = missCurveShift();
        if (shift != 0) {
            meaning += String.format(Locale.ROOT, "; that chance from the miss curve learnt in training, moved by %+.3f of "
                    + "utilisation to fit this service (it tolerates %s)", shift, shift > 0 ? "more" : "less");
        }
        return Optional.of(new Insight(Regime.describe(regime), meaning, actions, rung));
    }

    /**
     * How far, in utilisation, the miss curve learnt in training has moved to fit the service it
     * acts on: positive when the service tolerates more (0 in training, or before it has shown anything).
     */
    public double missCurveShift() {
        return misses.shift() * MissModel.WIDTH;
    }

    /** The rung it would choose in each regime it has met, for people and tests. */
    public String policy() {
        StringBuilder text = new StringBuilder();
        for (int r = 0; r < Regime.COUNT; r++) {
            if (values.visits[r * values.rungs] > 0) {
                text.append(String.format(Locale.ROOT, "%s: %s%n", Regime.describe(r),
                        Headroom.LADDER.get(values.best(r))));
            }
        }
        return text.toString();
    }

    @Override
    public void save(Path file) throws IOException {
        QLearningStore.save(file, values, misses);
    }

    @Override
    public void load(Path file) throws AgentFileException {
        QLearningStore.load(file, values, misses);
        if (acting) {
            misses.adaptFrom(PRIOR_PERIODS, MEMORY_PERIODS);
        }
    }
}
