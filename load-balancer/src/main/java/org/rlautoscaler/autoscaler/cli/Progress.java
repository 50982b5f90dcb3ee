package org.rlautoscaler.autoscaler.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.rlautoscaler.autoscaler.progress.ProgressListener;

/**
 * The progress of long work (training, evaluating, calibrating) on standard error. On a terminal,
 * a bar redrawn in place; otherwise (standard error to a file, a pipe, a CI log) one plain line at
 * every tenth of the work, which a log keeps readable:
 * <pre>
 * train qlearning: 10 % (120000 of 1200000 steps, 0.4 s)
 * </pre>
 * Steps may be reported from several threads.
 */
final class Progress implements ProgressListener.Task {
    /** Shows each task on standard error, as a bar on a terminal, else as lines. */
    static final ProgressListener CONSOLE = Progress::start;

    private final ProgressBar bar; // null: plain lines
    private final PrintStream lines;
    private final String task;
    private final String unit;
    private final long total;
    private final long startNanos = System.nanoTime();
    private long current;
    private int tenthsShown;

    private Progress(ProgressBar bar, PrintStream lines, String task, long total, String unit) {
        this.bar = bar;
        this.lines = lines;
        this.task = task;
        this.total = total;
        this.unit = unit;
    }

    static Progress start(String task, long total, String unit) {
        if (!standardErrorIsTerminal()) {
            return lines(System.err, task, total, unit);
        }
        return new Progress(new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(total)
                .setUnit(" " + unit, 1)
                .showSpeed()
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(200)
                .setConsumer(new ConsoleProgressBarConsumer(System.err))
                .build(), null, task, total, unit);
    }

    /** Plain lines to {@code out}, a line at every tenth of {@code total}. */
    static Progress lines(PrintStream out, String task, long total, String unit) {
        return new Progress(null, out, task, total, unit);
    }

    /**
     * True when standard error is a terminal. {@code System.console()} cannot tell: it is there
     * whenever standard input and output are terminals, also with {@code 2>log}. Where
     * {@code /proc} does not say, the console decides.
     */
    static boolean standardErrorIsTerminal() {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return System.console() != null;
        }
    }

    @Override
    public synchronized void stepBy(long n) {
        stepTo(current + n);
    }

    @Override
    public synchronized void stepTo(long n) {
        current = n;
        if (bar != null) {
            bar.stepTo(n);
            return;
        }
        int tenths = total <= 0 ? 10 : (int) Math.min(10, n * 10 / total);
        if (tenths > tenthsShown) {
            tenthsShown = tenths;
            lines.printf(Locale.ROOT, "%s: %d %% (%d of %d %s, %.1f s)%n", task, tenths * 10, n, total, unit,
                    (System.nanoTime() - startNanos) / 1e9);
            lines.flush();
        }
    }

    synchronized long current() {
        return current;
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
