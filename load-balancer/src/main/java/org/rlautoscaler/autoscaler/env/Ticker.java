package org.rlautoscaler.autoscaler.env;

/** How time passes between two decisions: simulated instantly, or waited for live. */
public interface Ticker {
    /** Starts an episode afresh; {@code seed} makes a simulated one repeatable. */
    void reset(long seed);

    /** Lets one control period pass. */
    void tick();

    /** True load and needed replicas of the period that just passed, where known. */
    default StepInfo describe(long step, int requested, int applied) {
        return new StepInfo(step, requested, applied, Double.NaN, -1);
    }
}
