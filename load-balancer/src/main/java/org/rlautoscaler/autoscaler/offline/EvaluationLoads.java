package org.rlautoscaler.autoscaler.offline;

import org.rlautoscaler.autoscaler.sim.ClusterModel;
import org.rlautoscaler.autoscaler.sim.Workload;

/**
 * The training load and the evaluated load of a comparison, made so that nothing about the
 * evaluated part leaks into the setup: its scale comes from data one may look at (the training
 * half, or a first part of the evaluated trace that is then not evaluated), never from its own
 * busiest step, which in real use nobody knows in advance.
 *
 * @param training   where learning agents train and {@code hpa-tuned} is tuned, scaled
 * @param evaluation what every agent is evaluated on, scaled by a factor found elsewhere
 * @param history    the load that came just before the evaluated part, at its scale: what a
 *                   service's monitoring would remember when the evaluated part begins (a
 *                   forecasting agent starts from its last days, as live from Prometheus')
 */
public record EvaluationLoads(Workload training, Workload evaluation, Workload history) {

    /**
     * One trace: the first half trains and sets the scale (its busiest step needs about
     * {@code peakReplicas}); the second half, at the same scale, is evaluated.
     *
     * @throws IllegalArgumentException when the trace has fewer than 4 steps
     */
    public static EvaluationLoads halves(Workload trace, ClusterModel model, int peakReplicas) {
        int half = trace.steps() / 2;
        if (half < 2) {
            throw new IllegalArgumentException("a trace of at least 4 steps is needed to train on one half and evaluate "
                    + "on the other; this one has " + trace.steps());
        }
        Workload first = trace.slice(0, half, "first half");
        double factor = Workload.factorFor(first, model, peakReplicas);
        String how = Workload.scaling(first.peak(), factor, peakReplicas, "the first half's busiest step");
        Workload training = first.scaled(factor, how);
        return new EvaluationLoads(training, trace.slice(half, trace.steps(), "second half").scaled(factor, how), training);
    }

    /**
     * Two traces: the training one is scaled by its own busiest step; the evaluated one by the
     * busiest step of its first {@code sizingFraction}, the history an operator sizes a service
     * from, which is then left out of the evaluation.
     *
     * @throws IllegalArgumentException when the evaluated trace is too short to split so
     */
    public static EvaluationLoads separate(Workload training, Workload evaluated, double sizingFraction,
                                           ClusterModel model, int peakReplicas) {
        int sizing = (int) Math.round(evaluated.steps() * sizingFraction);
        if (sizing < 1 || sizing >= evaluated.steps()) {
            throw new IllegalArgumentException("the evaluated trace has " + evaluated.steps() + " step"
                    + (evaluated.steps() == 1 ? "" : "s") + ": too few to size it on its first "
                    + Math.round(sizingFraction * 100) + " % and evaluate the rest");
        }
        Workload history = evaluated.slice(0, sizing, "sizing part");
        double factor = Workload.factorFor(history, model, peakReplicas);
        String how = Workload.scaling(history.peak(), factor, peakReplicas,
                "the busiest step of its first " + Math.round(sizingFraction * 100) + " % (not evaluated)");
        return new EvaluationLoads(training.scaledToItsPeak(model, peakReplicas),
                evaluated.slice(sizing, evaluated.steps(), "evaluated part").scaled(factor, how), history.scaled(factor, how));
    }
}
