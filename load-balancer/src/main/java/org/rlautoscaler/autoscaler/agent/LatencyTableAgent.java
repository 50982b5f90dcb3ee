package org.rlautoscaler.autoscaler.agent;

import java.util.ArrayList;
import java.util.List;
import org.rlautoscaler.autoscaler.env.Limits;
import org.rlautoscaler.autoscaler.env.Observation;
import org.rlautoscaler.autoscaler.qtable.Hyperparameters;
import org.rlautoscaler.autoscaler.qtable.QLearner;
import org.rlautoscaler.autoscaler.qtable.QTable;
import org.rlautoscaler.autoscaler.qtable.StateEncoding;

/**
 * {@code latency-table}: the Kubernetes original. The state is (pods, latency interval, request
 * interval), with intervals built as its {@code generate_intervals} (latency: 0-500, 501-1000,
 * 1001-1500, 1501-2000 ms; requests: 0-18, 19-36, 37-54 per 30 s); a value beyond the last
 * interval falls into it. The actions are the pod counts from min to max. Latency is the mean in
 * whole milliseconds, and requests the count over 30 s ({@code increase(...[30s])}), as the
 * original queried them. It learns from {@link org.rlautoscaler.autoscaler.reward.LatencyReward}
 * with the textbook update, where the original used the row's maximum as the old value.
 */
public final class LatencyTableAgent extends TabularAgent {
    public static final String NAME = "latency-table";
    /** The original counted requests over a 30 s window. */
    public static final double REQUEST_WINDOW_SECONDS = 30;

    private final Intervals latency;
    private final Intervals requests;
    private final List<HistoryRow> history = new ArrayList<>();
    private long epoch;

    public LatencyTableAgent(Limits limits, Intervals latency, Intervals requests, Hyperparameters parameters, long seed) {
        super(new QLearner(new QTable(NAME, encoding(limits, latency, requests)), parameters, seed), limits);
        this.latency = latency;
        this.requests = requests;
    }

    /** The original's intervals: latency 500 ms x 4, requests 18 x 3. */
    public static LatencyTableAgent original(Limits limits, Hyperparameters parameters, long seed) {
        return new LatencyTableAgent(limits, Intervals.generate(500, 4), Intervals.generate(18, 3), parameters, seed);
    }

    /** The original's alpha 0.1, gamma 0.6, epsilon 0.1. */
    public static Hyperparameters defaults() {
        return Hyperparameters.constant(0.1, 0.6, 0.1);
    }

    public static StateEncoding encoding(Limits limits, Intervals latency, Intervals requests) {
        List<String> actions = new ArrayList<>();
        for (int pods = limits.min(); pods <= limits.max(); pods++) {
            actions.add(Integer.toString(pods));
        }
        return new StateEncoding(List.of(
                new StateEncoding.Dimension("pods", limits.max() - limits.min() + 1),
                new StateEncoding.Dimension("latency_interval", latency.size()),
                new StateEncoding.Dimension("request_interval", requests.size())), actions);
    }

    /** One row of {@code history.csv}. */
    public record HistoryRow(long epoch, int pod, long latency, long requests, int action, long newLatency,
                             long newRequests, double reward, double qValue, boolean random) {}

    @Override
    public String name() {
        return NAME;
    }

    static long latencyMs(Observation o) {
        return Math.round(o.meanLatencyMs());
    }

    static long requestCount(Observation o) {
        return Math.round(o.requestRate() * REQUEST_WINDOW_SECONDS);
    }

    @Override
    protected int state(Observation o) {
        int pods = limits.clamp(o.desiredReplicas()) - limits.min();
        return (pods * latency.size() + latency.indexOf(latencyMs(o))) * requests.size() + requests.indexOf(requestCount(o));
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
}
