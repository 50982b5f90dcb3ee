package org.rlautoscaler.autoscaler.agent;

import java.util.List;
import org.rlautoscaler.autoscaler.env.Limits;
import org.rlautoscaler.autoscaler.env.Observation;
import org.rlautoscaler.autoscaler.qtable.Hyperparameters;
import org.rlautoscaler.autoscaler.qtable.QLearner;
import org.rlautoscaler.autoscaler.qtable.QTable;
import org.rlautoscaler.autoscaler.qtable.StateEncoding;

/**
 * {@code qlearning}: this project's own tabular agent. Why each choice:
 * <ul>
 *   <li><b>State</b> = (replicas in 6 bands: 1, 2, 3-4, 5-7, 8-11, 12 and more; CPU utilisation
 *       per replica in tenths; p95 latency against the objective in 5 bands; load trend).
 *       Utilisation per replica, not host CPU, because it says how close each replica is to
 *       saturation whatever the replica count, so what is learnt at one load level carries over
 *       to another; replicas in bands because removing one of 2 replicas matters more than one of
 *       10, while a table per exact count would need far more training; latency against the
 *       objective because that is what users feel and what the reward judges; the trend
 *       (falling, flat, rising by more than 5 % since the last period) because metrics lag a
 *       period or two, and knowing the load is rising lets the agent add replicas before latency
 *       shows it.</li>
 *   <li><b>Actions</b> = remove 2, remove 1, hold, add 1, add 2 replicas. Holding is an action of
 *       its own (the originals had to move every step); two-replica moves catch up with steep
 *       ramps.</li>
 *   <li><b>Reward</b> = {@link org.rlautoscaler.autoscaler.reward.SloCostReward}: a violated
 *       objective costs far more than a replica, and each change a little.</li>
 *   <li><b>Greedy choice over tried actions only.</b> Every reward is negative, so an action
 *       training never tried in a state keeps its initial 0 and would beat every tried one: the
 *       agent would act on what it knows nothing about (on a tie, the lowest column: remove two
 *       replicas), and learning online would walk it through every action of that state in turn.
 *       It picks the best action it has tried, and holds in a state it never met (live, a cold
 *       replica's JIT warm-up gives a slow p95 at low CPU, which the simulated cluster never
 *       shows).</li>
 *   <li><b>No scale-in while the objective is missed.</b> Acting greedily, it does not remove
 *       replicas while p95 is above the objective, even where the table says so: states that
 *       look alike hide whether the latency comes from a backlog that is draining (in
 *       simulation) or from a host the replicas share (live), and in the second a scale-in
 *       deepens the miss. Exploration during training is not restricted.</li>
 *   <li><b>Exploration</b> decays from 1 to 0.02 over the first 70 % of the training episodes:
 *       it tries everything early and exploits what it learnt late.</li>
 *   <li><b>Training</b> in the simulated cluster scales each episode's load by a random factor
 *       (0.2 to 1.2), so the agent meets light and heavy load whatever its training trace.</li>
 * </ul>
 */
public final class QLearningAgent extends TabularAgent {
    public static final String NAME = "qlearning";
    static final int[] CHANGES = {-2, -1, 0, 1, 2};
    static final int UTILISATION_BUCKETS = 10;
    static final double[] LATENCY_BANDS = {0.5, 0.8, 1.0, 1.5};
    static final double TREND = 0.05;
    static final int HOLD = 2;
    static final String UNSEEN = "hold: a state never met in training";

    private final double sloP95Ms;
    private double previousRate = Double.NaN;

    public QLearningAgent(Limits limits, double sloP95Ms, Hyperparameters parameters, long seed) {
        super(new QLearner(new QTable(NAME, encoding(limits)), parameters, seed), limits);
        this.sloP95Ms = sloP95Ms;
    }

    /** alpha 0.2, gamma 0.9, epsilon from 1 down to 0.02 over 70 % of {@code episodes}. */
    public static Hyperparameters defaults(int episodes) {
        double decay = Math.pow(0.02, 1.0 / Math.max(1, 0.7 * episodes));
        return new Hyperparameters(0.2, 0.9, 1.0, 0.02, decay);
    }

    static final int[] REPLICA_BANDS = {1, 2, 3, 5, 8, 12}; // lower ends

    static int replicaBand(int replicas) {
        int band = 0;
        while (band + 1 < REPLICA_BANDS.length && replicas >= REPLICA_BANDS[band + 1]) {
            band++;
        }
        return band;
    }

    public static StateEncoding encoding(Limits limits) {
        return new StateEncoding(List.of(
                new StateEncoding.Dimension("replica_band", REPLICA_BANDS.length),
                new StateEncoding.Dimension("utilisation_tenth", UTILISATION_BUCKETS),
                new StateEncoding.Dimension("p95_vs_slo_band", LATENCY_BANDS.length + 1),
                new StateEncoding.Dimension("load_trend", 3)),
                List.of("remove_2", "remove_1", "hold", "add_1", "add_2"));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Decision decide(Observation observation) {
        Decision decision = super.decide(observation);
        previousRate = observation.requestRate();
        return decision;
    }

    @Override
    public void startEpisode() {
        super.startEpisode();
        previousRate = Double.NaN;
        learner.episodeEnded();
    }

    @Override
    protected int state(Observation o) {
        return state(o, previousRate);
    }

    @Override
    protected int nextState(Observation after, Observation before) {
        return state(after, before.requestRate());
    }

    private int state(Observation o, double rateBefore) {
        int replicas = replicaBand(o.desiredReplicas());
        int utilisation = Math.max(0, Math.min(UTILISATION_BUCKETS - 1, (int) (o.replicaCpuUtilisation() * UTILISATION_BUCKETS)));
        double ratio = o.p95LatencyMs() / sloP95Ms;
        int band = 0;
        while (band < LATENCY_BANDS.length && ratio >= LATENCY_BANDS[band]) {
            band++;
        }
        int trend = 1;
        if (!Double.isNaN(rateBefore) && rateBefore > 0) {
            double change = o.requestRate() / rateBefore - 1;
            trend = change > TREND ? 2 : change < -TREND ? 0 : 1;
        }
        return ((replicas * UTILISATION_BUCKETS + utilisation) * (LATENCY_BANDS.length + 1) + band) * 3 + trend;
    }

    @Override
    protected Decision greedy(int state, Observation observation) {
        int action = learner.table().bestVisitedAction(state);
        if (action < 0) {
            return new Decision(replicas(HOLD, observation), HOLD, false, UNSEEN + " (" + describe(state) + ")");
        }
        if (action < HOLD && observation.p95LatencyMs() > sloP95Ms) {
            // Removing a replica while the objective is missed can only deepen the miss, whatever
            // the table learnt from states that look alike (a backlog draining in simulation, a
            // shared host live): the best tried action that keeps the replicas or adds some.
            int kept = learner.table().bestVisitedAction(state, HOLD);
            int chosen = kept < 0 ? HOLD : kept;
            return new Decision(replicas(chosen, observation), chosen, false, NO_SCALE_IN);
        }
        return new Decision(replicas(action, observation), action, false, BEST);
    }

    static final String NO_SCALE_IN = "best known action that removes no replica: p95 is above the objective";

    private static final String[] REPLICAS = {"1", "2", "3-4", "5-7", "8-11", "12 or more"};
    private static final String[] LATENCY = {"under 0.5", "0.5-0.8", "0.8-1", "1-1.5", "1.5 or more"};
    private static final String[] TRENDS = {"falling", "flat", "rising"};

    /** A state in words, for the log: "replicas 1, CPU per replica 0.0-0.1, p95 0.5-0.8 x objective, load flat". */
    String describe(int state) {
        int[] values = learner.table().encoding().values(state); // replica band, utilisation tenth, p95 band, trend
        int utilisation = values[1];
        String cpu = utilisation == UTILISATION_BUCKETS - 1 ? "0.9 or more"
                : String.format(java.util.Locale.ROOT, "%.1f-%.1f", utilisation / 10.0, (utilisation + 1) / 10.0);
        return "replicas " + REPLICAS[values[0]] + ", CPU per replica " + cpu + ", p95 " + LATENCY[values[2]]
                + " x objective, load " + TRENDS[values[3]];
    }

    @Override
    protected int replicas(int action, Observation o) {
        return limits.clamp(o.desiredReplicas() + CHANGES[action]);
    }

    @Override
    protected boolean usable(Observation o) {
        return !Double.isNaN(o.replicaCpuUtilisation()) && !Double.isNaN(o.p95LatencyMs())
                && !Double.isNaN(o.requestRate());
    }
}
