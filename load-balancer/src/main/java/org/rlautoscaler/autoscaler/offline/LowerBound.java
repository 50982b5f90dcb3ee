package org.rlautoscaler.autoscaler.offline;

import java.util.Arrays;
import org.rlautoscaler.autoscaler.env.Limits;

/**
 * {@code bound}: the cheapest replica schedule for a load known in advance, with no more missed
 * periods than allowed: a true lower bound on what any policy can cost at that share of misses.
 *
 * <p>The schedule is a replica count {@code r[t]} asked for at each step, within the limits and
 * changing by at most {@code maxStep} a step. A replica asked for at step {@code s} is paid for
 * (counted in the replica-seconds, as the simulated cluster counts them) from step
 * {@code s + paidAfter} and serves from step {@code s + servesAfter}; removing one is immediate,
 * the youngest first, so the replicas paid for at step {@code t} are
 * {@code min(r[t - paidAfter .. t])} and those serving {@code min(r[t - servesAfter .. t])}.
 * Step {@code t} misses the objective when fewer than {@code need[t]} replicas serve.
 *
 * <p>Dynamic programming over the last counts asked for, with a price λ on a missed step
 * (Lagrangian relaxation), searched over λ: each λ gives a schedule and the value
 * {@code cost(λ) + λ (misses(λ) − allowed)}, a lower bound on the cheapest schedule with at most
 * {@code allowed} misses; {@link Result#bound} is the highest found, {@link Result#cost} the
 * cost of the cheapest schedule found within the allowance (an upper bound on the same optimum;
 * the two meet when the allowance falls on a breakpoint of the search).
 *
 * <p>What it does not model, each a relaxation that keeps it a lower bound on the simulated
 * cluster: the cooldown and the scale-down window of the safety chain
 * (no policy meets fewer constraints), a replica's partial first period and its warm-up (it
 * serves at full speed from its first serving step), and the backlog a period leaves to the next
 * (each period starts empty).
 */
public final class LowerBound {
    /** The most states times steps searched: a byte each is kept. */
    static final long MAX_CELLS = 50_000_000L;
    private static final int SEARCH_ROUNDS = 60;

    /**
     * The schedule problem.
     *
     * @param need        replicas that must serve at each step for it not to miss (above the
     *                    limits' maximum: the step misses whatever is done)
     * @param initial     replicas running, warm, before the first step
     * @param limits      the counts a schedule may ask for
     * @param maxStep     the largest change of the count from one step to the next
     * @param paidAfter   steps after its request from which a replica is paid for
     * @param servesAfter steps after its request from which a replica serves
     * @param stepSeconds a step's length: a replica paid for during a step costs this many replica-seconds
     */
    public record Problem(int[] need, int initial, Limits limits, int maxStep, int paidAfter, int servesAfter,
                          double stepSeconds) {
        public Problem {
            if (paidAfter < 0 || servesAfter < 0 || maxStep < 1) {
                throw new IllegalArgumentException("paidAfter and servesAfter must be >= 0 and maxStep >= 1, got "
                        + paidAfter + ", " + servesAfter + ", " + maxStep);
            }
            if (initial < limits.min() || initial > limits.max()) {
                throw new IllegalArgumentException("initial replicas " + initial + " outside " + limits);
            }
        }

        int memory() {
            return Math.max(1, Math.max(paidAfter, servesAfter));
        }

        long states() {
            return (long) Math.pow(limits.max() - limits.min() + 1, memory());
        }
    }

    /**
     * What the search found.
     *
     * @param bound    the lower bound on the replica-seconds of any schedule within the allowance
     * @param cost     replica-seconds of the cheapest schedule found within the allowance
     * @param misses   that schedule's missed steps
     * @param allowed  the missed steps allowed
     * @param schedule that schedule's counts, step by step
     * @param fewestMisses the fewest missed steps of any schedule (above {@code allowed}: the
     *                 allowance cannot be met and {@code bound} is the cost at the fewest misses)
     */
    public record Result(double bound, double cost, int misses, int allowed, int[] schedule, int fewestMisses) {}

    private LowerBound() {}

    /** Whether {@code problem} is small enough to solve: states times steps within {@link #MAX_CELLS}, 256 counts at most. */
    public static boolean solvable(Problem problem) {
        long states = problem.states();
        return problem.limits().max() - problem.limits().min() < 256 && states <= MAX_CELLS && states * (long) problem.need().length <= MAX_CELLS;
    }

    /** The bound for at most {@code allowed} missed steps. */
    public static Result solve(Problem problem, int allowed) {
        if (!solvable(problem)) {
            throw new IllegalArgumentException("the bound's search is too large: " + problem.states() + " states over "
                    + problem.need().length + " steps");
        }
        double dt = problem.stepSeconds();
        double highest = problem.need().length * (double) problem.limits().max() * dt + 1; // a miss outweighs any cost
        Path strict = path(problem, highest);
        if (strict.misses > allowed) {
            return new Result(strict.cost, strict.cost, strict.misses, allowed, strict.schedule, strict.misses);
        }
        double bound = Double.NEGATIVE_INFINITY;
        Path best = strict;
        Path free = path(problem, 0);
        for (Path p : new Path[] {free, strict}) {
            bound = Math.max(bound, p.cost + p.lambda * (p.misses - allowed));
            if (p.misses <= allowed && p.cost < best.cost) {
                best = p;
            }
        }
        double low = 0;
        double high = highest;
        for (int round = 0; round < SEARCH_ROUNDS && free.misses > allowed; round++) {
            double lambda = (low + high) / 2;
            Path p = path(problem, lambda);
            bound = Math.max(bound, p.cost + lambda * (p.misses - allowed));
            if (p.misses <= allowed) {
                if (p.cost < best.cost) {
                    best = p;
                }
                high = lambda;
            } else {
                low = lambda;
            }
            if (high - low < 1e-9 * dt) {
                break;
            }
        }
        return new Result(Math.min(bound, best.cost), best.cost, best.misses, allowed, best.schedule, strict.misses);
    }

    private record Path(double lambda, double cost, int misses, int[] schedule) {}

    /** The schedule of least {@code cost + lambda x misses}, by dynamic programming forward over the steps. */
    private static Path path(Problem problem, double lambda) {
        int[] need = problem.need();
        int n = need.length;
        int min = problem.limits().min();
        int base = problem.limits().max() - min + 1;
        int memory = problem.memory();
        int states = (int) problem.states();
        int top = states / base; // the weight of the oldest count in a state's number
        double dt = problem.stepSeconds();
        // A state is the last `memory` counts asked for, each minus min, the newest in the lowest
        // digit. The state reached by asking r from `state` is (state without its oldest digit)
        // shifted, plus r: its predecessor is known from it and the oldest digit, kept per step.
        double[] value = new double[states];
        double[] next = new double[states];
        byte[][] oldest = new byte[n][states];
        Arrays.fill(value, Double.POSITIVE_INFINITY);
        int start = 0;
        for (int i = 0; i < memory; i++) {
            start = start * base + (problem.initial() - min);
        }
        value[start] = 0;
        int[] window = new int[memory];
        for (int t = 0; t < n; t++) {
            Arrays.fill(next, Double.POSITIVE_INFINITY);
            for (int state = 0; state < states; state++) {
                if (value[state] == Double.POSITIVE_INFINITY) {
                    continue;
                }
                decode(state, base, window); // window[0]: the newest
                int last = window[0];
                int paidFloor = floor(window, problem.paidAfter());
                int servingFloor = floor(window, problem.servesAfter());
                int shifted = (state % top) * base;
                int highestCount = Math.min(base - 1, last + problem.maxStep());
                for (int r = Math.max(0, last - problem.maxStep()); r <= highestCount; r++) {
                    int paid = Math.min(r, paidFloor) + min;
                    int serving = Math.min(r, servingFloor) + min;
                    double v = value[state] + paid * dt + (serving < need[t] ? lambda : 0);
                    int to = shifted + r;
                    if (v < next[to]) {
                        next[to] = v;
                        oldest[t][to] = (byte) window[memory - 1];
                    }
                }
            }
            double[] swap = value;
            value = next;
            next = swap;
        }
        int state = 0;
        for (int s = 1; s < states; s++) {
            if (value[s] < value[state]) {
                state = s;
            }
        }
        int[] schedule = new int[n];
        for (int t = n - 1; t >= 0; t--) {
            schedule[t] = state % base + min;
            state = state / base + (oldest[t][state] & 0xFF) * top;
        }
        double[] costAndMisses = evaluate(problem, schedule);
        return new Path(lambda, costAndMisses[0], (int) costAndMisses[1], schedule);
    }

    /**
     * The replica-seconds and missed steps of {@code schedule} under {@code problem}'s model;
     * throws when it breaks the limits or the largest step.
     */
    static double[] evaluate(Problem problem, int[] schedule) {
        double cost = 0;
        int misses = 0;
        int k = problem.memory();
        int[] asked = new int[schedule.length + k]; // the counts before the first step: the initial one
        Arrays.fill(asked, 0, k, problem.initial());
        System.arraycopy(schedule, 0, asked, k, schedule.length);
        for (int t = 0; t < schedule.length; t++) {
            int i = t + k;
            if (problem.limits().clamp(asked[i]) != asked[i] || Math.abs(asked[i] - asked[i - 1]) > problem.maxStep()) {
                throw new IllegalArgumentException("step " + t + ": " + asked[i - 1] + " to " + asked[i] + " breaks "
                        + problem.limits() + " or the largest step " + problem.maxStep());
            }
            int paid = asked[i];
            int serving = asked[i];
            for (int lag = 1; lag <= k; lag++) {
                if (lag <= problem.paidAfter()) {
                    paid = Math.min(paid, asked[i - lag]);
                }
                if (lag <= problem.servesAfter()) {
                    serving = Math.min(serving, asked[i - lag]);
                }
            }
            cost += paid * problem.stepSeconds();
            misses += serving < problem.need()[t] ? 1 : 0;
        }
        return new double[] {cost, misses};
    }

    private static int floor(int[] window, int lag) {
        int low = Integer.MAX_VALUE;
        for (int i = 0; i < lag; i++) {
            low = Math.min(low, window[i]);
        }
        return low;
    }

    private static void decode(int state, int base, int[] window) {
        for (int i = 0; i < window.length; i++) {
            window[i] = state % base;
            state /= base;
        }
    }
}
