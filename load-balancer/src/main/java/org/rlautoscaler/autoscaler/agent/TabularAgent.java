package org.rlautoscaler.autoscaler.agent;

import org.rlautoscaler.autoscaler.env.Limits;
import org.rlautoscaler.autoscaler.env.Observation;
import org.rlautoscaler.autoscaler.qtable.QLearner;

/**
 * What the tabular Q-learning agents share: an observation becomes a state, the learner picks
 * an action (epsilon-greedy while exploring), the action becomes a replica count; after the step
 * the learner updates Q(state, action). A step whose observation misses a metric the agent needs
 * is held (no change) and not learnt from.
 */
public abstract class TabularAgent implements Policy {
    static final String EXPLORED = "random action (exploring)";
    static final String BEST = "best known action";
    static final String MISSING = "hold: a metric the agent needs is missing";

    protected final QLearner learner;
    protected final Limits limits;
    private int lastState = -1;
    private double lastValue = Double.NaN;

    protected TabularAgent(QLearner learner, Limits limits) {
        this.learner = learner;
        this.limits = limits;
    }

    /** The row of {@code observation} in the Q-table. */
    protected abstract int state(Observation observation);

    /** The state after a step, where it depends on the observation before too. */
    protected int nextState(Observation after, Observation before) {
        return state(after);
    }

    /** The replicas an action asks for, from the current observation. */
    protected abstract int replicas(int action, Observation observation);

    /** True when the observation has every metric the agent's state needs. */
    protected abstract boolean usable(Observation observation);

    @Override
    public boolean canDecide(Observation observation) {
        return usable(observation);
    }

    @Override
    public Decision decide(Observation observation) {
        if (!usable(observation)) {
            lastState = -1;
            return Decision.rule(observation.desiredReplicas(), MISSING);
        }
        int state = state(observation);
        lastState = state;
        int explored = learner.randomAction();
        return explored >= 0 ? new Decision(replicas(explored, observation), explored, true, EXPLORED)
                : greedy(state, observation);
    }

    /**
     * The greedy decision in a state: the action of highest value, an untried action counting
     * as its initial 0, as the originals' {@code argmax} over the row.
     */
    protected Decision greedy(int state, Observation observation) {
        int action = learner.table().bestAction(state);
        return new Decision(replicas(action, observation), action, false, BEST);
    }

    @Override
    public void learn(Observation before, Decision decision, double reward, Observation after) {
        if (decision.action() < 0 || lastState < 0 || !usable(after)) {
            lastValue = Double.NaN;
            return;
        }
        lastValue = learner.update(lastState, decision.action(), reward, nextState(after, before));
    }

    /** Q(state, action) after the last update, NaN when the last step was not learnt from. */
    public double lastValue() {
        return lastValue;
    }

    public QLearner learner() {
        return learner;
    }

    @Override
    public void startEpisode() {
        lastState = -1;
    }
}
