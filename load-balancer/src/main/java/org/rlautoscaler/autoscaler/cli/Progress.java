package org.rlautoscaler.autoscaler.cli;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** A progress bar on standard error for long work (training, evaluating). */
final class Progress implements AutoCloseable {
    private final ProgressBar bar;

    private Progress(ProgressBar bar) {
        this.bar = bar;
    }

    static Progress start(String task, long total, String unit) {
        return new Progress(new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(total)
                .setUnit(" " + unit, 1)
                .showSpeed()
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(System.console() == null ? 5_000 : 200)
                .setConsumer(new ConsoleProgressBarConsumer(System.err))
                .build());
    }

    void stepBy(long n) {
        bar.stepBy(n);
    }

    void stepTo(long n) {
        bar.stepTo(n);
    }

    long current() {
        return bar.getCurrent();
    }

    @Override
    public void close() {
        bar.close();
    }
}
