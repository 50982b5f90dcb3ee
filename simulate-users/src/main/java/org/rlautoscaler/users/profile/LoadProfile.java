package org.rlautoscaler.users.profile;

import org.rlautoscaler.common.trace.Trace;

/**
 * How many simulated users are active at each moment of a run. Pure: the same time always
 * gives the same count.
 */
public sealed interface LoadProfile {

    /** Active users {@code seconds} after the start of the run, zero or more. */
    int usersAt(double seconds);

    /** The largest count this profile ever asks for. */
    int maxUsers();

    /** One line for the log: what this profile does. */
    String describe();

    /** {@code users} all the time. */
    record Constant(int users) implements LoadProfile {
        @Override
        public int usersAt(double seconds) {
            return users;
        }

        @Override
        public int maxUsers() {
            return users;
        }

        @Override
        public String describe() {
            return "constant: " + users + " users";
        }
    }

    /**
     * {@code base} users, {@code peak} from {@code afterSeconds} on, and back to {@code base}
     * after {@code lengthSeconds} more (0: the step stays up).
     */
    record Step(int base, int peak, double afterSeconds, double lengthSeconds) implements LoadProfile {
        @Override
        public int usersAt(double seconds) {
            boolean up = seconds >= afterSeconds && (lengthSeconds <= 0 || seconds < afterSeconds + lengthSeconds);
            return up ? peak : base;
        }

        @Override
        public int maxUsers() {
            return Math.max(base, peak);
        }

        @Override
        public String describe() {
            return "step: " + base + " users, " + peak + " from " + afterSeconds + " s"
                    + (lengthSeconds > 0 ? " to " + (afterSeconds + lengthSeconds) + " s" : "");
        }
    }

    /** From {@code base} to {@code peak} users in a straight line over {@code seconds}, then {@code peak}. */
    record Ramp(int base, int peak, double rampSeconds) implements LoadProfile {
        @Override
        public int usersAt(double seconds) {
            if (seconds >= rampSeconds) {
                return peak;
            }
            return (int) Math.round(base + (peak - base) * Math.max(0, seconds) / rampSeconds);
        }

        @Override
        public int maxUsers() {
            return Math.max(base, peak);
        }

        @Override
        public String describe() {
            return "ramp: " + base + " to " + peak + " users over " + rampSeconds + " s";
        }
    }

    /**
     * A daily-like cycle compressed into {@code periodSeconds}: starts at {@code trough} users,
     * reaches {@code peak} half a period later, and is back at {@code trough} after a period.
     */
    record Sine(int trough, int peak, double periodSeconds) implements LoadProfile {
        @Override
        public int usersAt(double seconds) {
            double phase = 2 * Math.PI * seconds / periodSeconds;
            return (int) Math.round(trough + (peak - trough) * (1 - Math.cos(phase)) / 2);
        }

        @Override
        public int maxUsers() {
            return Math.max(trough, peak);
        }

        @Override
        public String describe() {
            return "sine: " + trough + " to " + peak + " users and back every " + periodSeconds + " s";
        }
    }

    /**
     * Replays a request-rate trace: the users follow the trace's shape, its highest bin mapped
     * to {@code peak} users, and {@code timeScale} trace seconds pass in each second of the run
     * (60: one trace minute a second). The trace starts again when it ends.
     */
    record Replay(Trace trace, int peak, double timeScale) implements LoadProfile {
        @Override
        public int usersAt(double seconds) {
            double highest = trace.peak();
            if (highest <= 0) {
                return 0;
            }
            return (int) Math.round(peak * trace.valueAt(seconds * timeScale) / highest);
        }

        @Override
        public int maxUsers() {
            return peak;
        }

        @Override
        public String describe() {
            return "trace " + trace.name() + " (" + trace.size() + " bins of " + trace.binSeconds()
                    + " s): up to " + peak + " users, " + timeScale + " trace seconds per second, one pass in "
                    + String.format(java.util.Locale.ROOT, "%.0f", trace.durationSeconds() / timeScale) + " s";
        }
    }
}
