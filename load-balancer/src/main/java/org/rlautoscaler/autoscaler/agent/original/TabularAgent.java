package org.rlautoscaler.autoscaler.agent.original;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.rlautoscaler.autoscaler.agent.Agent;
import org.rlautoscaler.autoscaler.agent.AgentFileException;
import org.rlautoscaler.autoscaler.agent.Decision;
import org.rlautoscaler.autoscaler.agent.Insight;
import org.rlautoscaler.autoscaler.agent.LearningStatus;
import org.rlautoscaler.autoscaler.agent.Transition;
import org.rlautoscaler.autoscaler.agent.original.qtable.QLearner;
import org.rlautoscaler.autoscaler.agent.original.qtable.QTable;
import org.rlautoscaler.autoscaler.agent.original.qtable.QTableException;
import org.rlautoscaler.autoscaler.agent.original.qtable.QTableStore;
import org.rlautoscaler.autoscaler.agent.original.qtable.StateEncoding;
import org.rlautoscaler.autoscaler.env.Limits;
import org.rlautoscaler.autoscaler.env.Observation;

/**
 * What the two original tabular Q-learning agents share: an observation becomes a state, the
 * learner picks an action (epsilon-greedy while learning), the action becomes a replica count;
 * after the step the learner updates Q(state, action). A step whose observation misses a metric
 * the agent needs is held (no change) and not learnt from, and so is a step the safety chain
 * changed: the replicas applied were not the action's.
 */
public abstract class TabularAgent implements Agent {
    static final String EXPLORED = "random action (exploring)";
    static final String BEST = "best known action";
    static final String MISSING = "hold: a metric the agent needs is missing";

    protected final QLearner learner;
    protected final Limits limits;
    private int lastState = -1;
    private int lastAction = -1;
    private double lastValue = Double.NaN;

    protected TabularAgent(QLearner learner, Limits limits) {
        this.learner = learner;
        this.limits = limits;
    }

    /** The row of {@code observation} in the Q-table. */
    protected abstract int state(Observation observation);

    /** The replicas an action asks for, from the current observation. */
    protected abstract int replicas(int action, Observation observation);

    /** True when the observation has every metric the agent's state needs. */
    protected abstract boolean usable(Observation observation);

    @Override
    public boolean canDecide(Observation observation) {
        return usable(observation);
    }

    @Override
    public Decision act(Observation observation) {
        if (!usable(observation)) {
            lastState = -1;
            lastAction = -1;
            return Decision.rule(observation.desiredReplicas(), MISSING);
        }
        int state = state(observation);
        lastState = state;
        int explored = learner.randomAction();
        if (explored >= 0) {
            lastAction = explored;
            return new Decision(replicas(explored, observation), explored, true, EXPLORED);
        }
        // The originals' argmax over the row: an untried action counts as its initial 0.
        int action = learner.table().bestAction(state);
        lastAction = action;
        return new Decision(replicas(action, observation), action, false, BEST);
    }

    /** A state's row in words: each dimension of the table and its value. */
    protected String describe(int state) {
        StateEncoding encoding = learner.table().encoding();
        int[] values = encoding.values(state);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            StateEncoding.Dimension dimension = encoding.dimensions().get(i);
            text.append(i == 0 ? "" : ", ").append(dimension.name()).append(' ').append(values[i]).append(" of 0-")
                    .append(dimension.size() - 1);
        }
        return text.toString();
    }

    /** The row it last decided in: each action's Q-value, the action taken marked. */
    @Override
    public Optional<Insight> insight() {
        if (lastState < 0 || lastAction < 0) {
            return Optional.empty();
        }
        QTable table = learner.table();
        List<Insight.ActionValue> actions = new ArrayList<>();
        for (int a = 0; a < table.encoding().actions().size(); a++) {
            long visits = table.visits(lastState, a);
            actions.add(new Insight.ActionValue(table.encoding().actions().get(a), table.get(lastState, a),
                    visits == 0 ? "never updated" : "updated " + visits + " time" + (visits == 1 ? "" : "s")));
        }
        return Optional.of(new Insight("row " + lastState + ": " + describe(lastState),
                "Q-value: the discounted reward it expects after this action", actions, lastAction));
    }

    @Override
    public void learn(Transition t) {
        if (!t.asDecided() || t.decision().action() < 0 || lastState < 0 || !usable(t.after())) {
            lastValue = Double.NaN;
            return;
        }
        lastValue = learner.update(lastState, t.decision().action(), t.reward(), state(t.after()));
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
        lastAction = -1;
        learner.episodeEnded();
    }

    @Override
    public boolean learns() {
        return true;
    }

    @Override
    public void setLearning(boolean learning) {
        learner.exploring(learning);
    }

    @Override
    public long updates() {
        return learner.updates();
    }

    @Override
    public LearningStatus status() {
        return new LearningStatus(learner.epsilon(), learner.meanSquaredError(), learner.table().size(),
                learner.table().visitedEntries(), learner.updates(), lastValue);
    }

    @Override
    public void save(Path file) throws IOException {
        QTableStore.save(file, learner);
    }

    @Override
    public void load(Path file) throws AgentFileException {
        try {
            learner.resumeUpdates(QTableStore.load(file, learner.table()));
        } catch (QTableException e) {
            throw new AgentFileException(e.getMessage());
        }
    }
}
