package org.rlautoscaler.autoscaler.progress;

/**
 * Hears how far long work has come (training, evaluating, calibrating), so that the procedures
 * report progress without knowing how it is shown: the commands show it as a bar or as lines.
 */
@FunctionalInterface
public interface ProgressListener {
    /** A task of {@code total} {@code unit}s begins; the caller steps it and closes it when done. */
    Task start(String task, long total, String unit);

    /** One task's progress. Steps may be reported from several threads. */
    interface Task extends AutoCloseable {
        /** {@code n} more units done. */
        void stepBy(long n);

        /** {@code n} units done in all. */
        void stepTo(long n);

        @Override
        void close();
    }

    /** A listener that shows nothing. */
    static ProgressListener silent() {
        return (task, total, unit) -> new Task() {
            @Override
            public void stepBy(long n) {}

            @Override
            public void stepTo(long n) {}

            @Override
            public void close() {}
        };
    }
}
