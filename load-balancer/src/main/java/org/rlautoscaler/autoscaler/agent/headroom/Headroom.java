package org.rlautoscaler.autoscaler.agent.headroom;

import java.util.List;
import java.util.Locale;

/**
 * One rung of {@code qlearning}'s headroom ladder: ask for enough replicas that the highest load
 * of the last {@code window} periods would run each at {@code target} utilisation,
 * {@code ceil(peak load / target)}, load counted in replicas' worth of CPU. A short window follows
 * the load closely; a long one keeps room for the bursts it has just seen, as the Kubernetes HPA's
 * five-minute scale-down window does.
 *
 * @param target utilisation of a replica aimed at, above 0 and at most 1
 * @param window periods whose highest load counts, 1 or more
 */
public record Headroom(double target, int window) {
    /**
     * The ladder, from the least room to the most: each rung asks for at least the replicas of
     * the one before it, whatever the load, so that its share of missed objectives cannot be
     * higher and its cost cannot be lower. From 0.95, for a service that tolerates a busy replica
     * and a smooth load, to 0.66, for bursts: a ladder that stopped at 0.82 left a smooth load
     * 3 to 6 % dearer (docs/benchmarks.md). Every rung keeps the peak of the last 20 periods (five
     * minutes at 15 s): a ladder whose rungs also followed the newest load alone (windows of 1, 4
     * and 8 periods) was no cheaper on the Wikipedia trace and missed the objective 3 points more
     * often on the NASA trace it had not trained on (docs/benchmarks.md).
     */
    public static final List<Headroom> LADDER = List.of(new Headroom(0.95, 20), new Headroom(0.90, 20),
            new Headroom(0.86, 20), new Headroom(0.82, 20), new Headroom(0.80, 20), new Headroom(0.78, 20),
            new Headroom(0.76, 20), new Headroom(0.72, 20), new Headroom(0.66, 20));
    /** The rung of a regime not met yet: 0.76, room for a moderate burst. */
    static final int UNTRIED = LADDER.indexOf(new Headroom(0.76, 20));
    /** The longest window of the ladder: how many periods of load the agent remembers. */
    public static final int LONGEST_WINDOW = LADDER.stream().mapToInt(Headroom::window).max().orElseThrow();

    public Headroom {
        if (!(target > 0 && target <= 1) || window < 1) {
            throw new IllegalArgumentException("a headroom needs a target above 0 and at most 1 and a window of 1 period "
                    + "or more, got " + target + " and " + window);
        }
    }

    /**
     * The replicas this rung asks for given the load it remembers, ready for {@code ahead} too (a
     * forecast's load; 0 for none) when that is higher.
     */
    int replicas(LoadMemory memory, double ahead) {
        return (int) Math.ceil(Math.max(memory.peak(window), ahead) / target - 1e-9);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "target %.2f of the peak of the last %d period%s", target, window,
                window == 1 ? "" : "s");
    }
}
