package org.rlautoscaler.autoscaler.agent.original;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.rlautoscaler.autoscaler.agent.AgentFileException;
import org.rlautoscaler.autoscaler.agent.Hyperparameters;
import org.rlautoscaler.autoscaler.agent.Transition;
import org.rlautoscaler.autoscaler.agent.original.qtable.QLearner;
import org.rlautoscaler.autoscaler.agent.original.qtable.QTable;
import org.rlautoscaler.autoscaler.agent.original.qtable.StateEncoding;
import org.rlautoscaler.autoscaler.agent.original.qtable.UpdateRule;
import org.rlautoscaler.autoscaler.env.Limits;
import org.rlautoscaler.autoscaler.env.Observation;

/**
 * {@code latency-table}: the Kubernetes original. The state is (pods, latency interval, request
 * interval), with intervals built as its {@code generate_intervals} from its
 * {@link LatencyTableDesign} (the original's: latency 0-500, 501-1000, 1001-1500, 1501-2000 ms;
 * requests 0-18, 19-36, 37-54 per 30 s); a value beyond the last interval falls into it. The
 * actions are the pod counts from min to max. Latency is the mean in whole milliseconds, and
 * requests the count over 30 s ({@code increase(...[30s])}), both rounded half to even as
 * Python's {@code round()}, as the original queried them. It learns from
 * {@link org.rlautoscaler.autoscaler.reward.LatencyReward}, with the next state's maximum
 * truncated to a whole number as the original's {@code find_best_q_value} returns it; the old
 * value is Q(state, action) (the textbook update), or with {@code faithful} the row's maximum,
 * truncated, as in the original.
 */
public final class LatencyTableAgent extends TabularAgent {
    public static final String NAME = "latency-table";
    /** The original counted requests over a 30 s window. */
    public static final double REQUEST_WINDOW_SECONDS = 30;

    private final LatencyTableDesign design;
    private final Intervals latency;
    private final Intervals requests;
    private final List<HistoryRow> history = new ArrayList<>();
    private long epoch;

    public LatencyTableAgent(Limits limits, LatencyTableDesign design, Hyperparameters parameters, long seed) {
        super(new QLearner(new QTable(NAME, encoding(limits, design)), parameters,
                design.faithful() ? UpdateRule.ORIGINAL_ROW_MAX : UpdateRule.TRUNCATED_NEXT_MAX, seed), limits);
        this.design = design;
        this.latency = design.latency();
        this.requests = design.requests();
    }

    /** The original's intervals (latency 500 ms x 4, requests 18 x 3) and the textbook update. */
    public static LatencyTableAgent original(Limits limits, Hyperparameters parameters, long seed) {
        return new LatencyTableAgent(limits, LatencyTableDesign.ORIGINAL, parameters, seed);
    }

    public LatencyTableDesign design() {
        return design;
    }

    /** The original's alpha 0.1, gamma 0.6, epsilon 0.1. */
    public static Hyperparameters defaults() {
        return Hyperparameters.constant(0.1, 0.6, 0.1);
    }

    /**
     * Pods, latency interval, request interval; the dimensions' names carry the intervals' widths,
     * so that a saved table is refused by an agent whose intervals differ.
     */
    public static StateEncoding encoding(Limits limits, LatencyTableDesign design) {
        List<String> actions = new ArrayList<>();
        for (int pods = limits.min(); pods <= limits.max(); pods++) {
            actions.add(Integer.toString(pods));
        }
        return new StateEncoding(List.of(
                new StateEncoding.Dimension("pods", limits.max() - limits.min() + 1),
                new StateEncoding.Dimension("latency_interval_of_" + design.initialLatencyMs() + "_ms",
                        design.latencyIntervals()),
                new StateEncoding.Dimension("request_interval_of_" + design.initialRequests() + "_per_30_s",
                        design.requestIntervals())), actions);
    }

    /** One row of {@code history.csv}. */
    public record HistoryRow(long epoch, int pod, long latency, long requests, int action, long newLatency,
                             long newRequests, double reward, double qValue, boolean random) {}

    @Override
    public String name() {
        return NAME;
    }

    /** {@code round(float(result) * 1000)}: Python rounds half to even (500.5 ms is 500). */
    static long latencyMs(Observation o) {
        return (long) Math.rint(o.meanLatencyMs());
    }

    /** {@code round(float(result))} of the 30 s count: half to even (18.5 requests are 18). */
    static long requestCount(Observation o) {
        return (long) Math.rint(o.requestRate() * REQUEST_WINDOW_SECONDS);
    }

    @Override
    protected int state(Observation o) {
        int pods = limits.clamp(o.desiredReplicas()) - limits.min();
        return learner.table().encoding().index(pods, latency.indexOf(latencyMs(o)), requests.indexOf(requestCount(o)));
    }

    /** "2 pods, latency 501-1000 ms, requests 19-36 per 30 s". */
    @Override
    protected String describe(int state) {
        int[] values = learner.table().encoding().values(state); // pods from min, latency interval, request interval
        int pods = values[0] + limits.min();
        return String.format(java.util.Locale.ROOT, "%d pod%s, latency %s, requests %s", pods, pods == 1 ? "" : "s",
                range(latency, values[1], "ms"), range(requests, values[2], "per 30 s"));
    }

    /** "501-1000 ms", and for the last interval, which holds every value beyond it, "1501-2000 ms or more". */
    private static String range(Intervals intervals, int index, String unit) {
        long[] bounds = intervals.bounds().get(index);
        return bounds[0] + "-" + bounds[1] + " " + unit + (index == intervals.size() - 1 ? " or more" : "");
    }

    @Override
    protected int replicas(int action, Observation o) {
        return limits.min() + action;
    }

    @Override
    protected boolean usable(Observation o) {
        return !Double.isNaN(o.meanLatencyMs()) && !Double.isNaN(o.requestRate());
    }

    @Override
    public void learn(Transition t) {
        super.learn(t);
        if (t.decision().action() >= 0 && !Double.isNaN(lastValue())) {
            history.add(new HistoryRow(epoch++, t.before().desiredReplicas(), latencyMs(t.before()),
                    requestCount(t.before()), t.decision().replicas(), latencyMs(t.after()), requestCount(t.after()),
                    t.reward(), lastValue(), t.decision().random()));
        }
    }

    /** Every step learnt from so far, as the original's {@code history.csv}. */
    public List<HistoryRow> history() {
        return List.copyOf(history);
    }

    /** Saves the JSON table, and beside it the original's {@code table.csv} ({@link TableCsv}). */
    @Override
    public void save(Path file) throws IOException {
        super.save(file);
        TableCsv.write(tableCsv(file), learner.table(), limits, latency, requests);
    }

    /** The original's {@code table.csv} beside a table file. */
    public static Path tableCsv(Path file) {
        return file.resolveSibling(TableCsv.FILE_NAME);
    }

    /**
     * Reads the original's {@code table.csv} (written by it, or by {@link #save}) into the table.
     *
     * @throws AgentFileException when it cannot be read or was built with other pods or intervals
     */
    public void loadTableCsv(Path file) throws AgentFileException {
        TableCsv.read(file, learner.table(), limits, latency, requests);
    }
}
