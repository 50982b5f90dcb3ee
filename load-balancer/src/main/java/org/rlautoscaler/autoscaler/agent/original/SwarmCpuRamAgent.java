package org.rlautoscaler.autoscaler.agent.original;

import java.util.List;
import org.rlautoscaler.autoscaler.agent.Hyperparameters;
import org.rlautoscaler.autoscaler.agent.original.qtable.QLearner;
import org.rlautoscaler.autoscaler.agent.original.qtable.QTable;
import org.rlautoscaler.autoscaler.agent.original.qtable.StateEncoding;
import org.rlautoscaler.autoscaler.env.Limits;
import org.rlautoscaler.autoscaler.env.Observation;

/**
 * {@code swarm-cpu-ram}: the Docker Swarm original. The state is the CPU bucket and the RAM
 * bucket of {@code cpu_usage} and {@code ram_usage} ({@code num_states} equal buckets of 0-100 %
 * each), the Q array {@code num_states x num_states x 2}, and the actions 0 = scale out (one more
 * replica), 1 = scale in (one fewer). It learns from {@link org.rlautoscaler.autoscaler.reward.SwarmReward}.
 */
public final class SwarmCpuRamAgent extends TabularAgent {
    public static final String NAME = "swarm-cpu-ram";
    public static final int SCALE_OUT = 0;
    public static final int SCALE_IN = 1;
    private final int numStates;

    public SwarmCpuRamAgent(int numStates, Limits limits, Hyperparameters parameters, long seed) {
        super(new QLearner(new QTable(NAME, encoding(numStates)), parameters, seed), limits);
        this.numStates = numStates;
    }

    public static StateEncoding encoding(int numStates) {
        return new StateEncoding(List.of(new StateEncoding.Dimension("cpu_bucket", numStates),
                new StateEncoding.Dimension("ram_bucket", numStates)), List.of("scale_out", "scale_in"));
    }

    /** The original's defaults: alpha 0.1, gamma 0.9, epsilon 0.1, constant. */
    public static Hyperparameters defaults() {
        return Hyperparameters.constant(0.1, 0.9, 0.1);
    }

    /** The bucket of a percentage: {@code floor(value / (100 / numStates))}, kept within 0 and numStates - 1. */
    public static int bucket(double percent, int numStates) {
        int bucket = (int) Math.floor(percent / (100.0 / numStates));
        return Math.max(0, Math.min(numStates - 1, bucket));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    protected int state(Observation o) {
        return bucket(o.cpuUsage(), numStates) * numStates + bucket(o.ramUsage(), numStates);
    }

    @Override
    protected int replicas(int action, Observation o) {
        return limits.clamp(action == SCALE_OUT ? o.desiredReplicas() + 1 : o.desiredReplicas() - 1);
    }

    @Override
    protected boolean usable(Observation o) {
        return !Double.isNaN(o.cpuUsage()) && !Double.isNaN(o.ramUsage());
    }
}
