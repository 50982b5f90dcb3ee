package org.rlautoscaler.autoscaler.livebench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.rlautoscaler.autoscaler.sim.Workload;
import org.rlautoscaler.common.trace.Trace;

/**
 * A part of a trace replayed live in compressed time, as the load generator's {@code trace}
 * profile does it with the open model: at {@code s} seconds of the run, {@code round(peakRate x
 * value(s x timeScale) / peak)} requests a second are offered, the busiest bin of the part giving
 * {@code peakRate}. The same offered load, averaged over each control period, is what the
 * simulated cluster gets for its prediction.
 *
 * @param part          the replayed part of the trace, starting at 0 s
 * @param timeScale     trace seconds per second of the run
 * @param peakRate      requests a second at the part's busiest bin
 * @param periodSeconds the autoscaler's control period, seconds
 * @param periods       control periods the replay lasts
 */
public record Replay(Trace part, double timeScale, int peakRate, double periodSeconds, int periods) {
    /** Points per period at which the offered rate is sampled to average it (bins are far longer). */
    private static final int SAMPLES_PER_PERIOD = 300;

    public Replay {
        if (!(timeScale > 0) || peakRate < 1 || !(periodSeconds > 0) || periods < 1) {
            throw new IllegalArgumentException("a replay needs a positive time scale, peak rate, period and period count");
        }
    }

    /**
     * {@code hours} of {@code trace} from {@code startHours}, replayed in {@code minutes}, with
     * {@code peakRate} requests a second at the busiest bin of that part.
     *
     * @throws IllegalArgumentException when the part holds no bin, or the replay is shorter than a period
     */
    public static Replay of(Trace trace, double startHours, double hours, double minutes, int peakRate,
                            double periodSeconds) {
        double from = trace.seconds()[0] + startHours * 3600;
        double to = from + hours * 3600;
        List<double[]> rows = new ArrayList<>();
        for (int i = 0; i < trace.size(); i++) {
            double t = trace.seconds()[i];
            if (t >= from - 1e-9 && t < to - 1e-9) {
                rows.add(new double[] {t - from, trace.requests()[i]});
            }
        }
        if (rows.size() < 2) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "%s has %d bins from hour %s to hour %s (it lasts %.1f hours); a replay needs at least 2",
                    trace.name(), rows.size(), number(startHours), number(startHours + hours),
                    trace.durationSeconds() / 3600));
        }
        double[] seconds = rows.stream().mapToDouble(row -> row[0]).toArray();
        double[] requests = rows.stream().mapToDouble(row -> row[1]).toArray();
        Trace part = new Trace(trace.name(), seconds, requests);
        double runSeconds = minutes * 60;
        int periods = (int) Math.floor(runSeconds / periodSeconds + 1e-9);
        if (periods < 1) {
            throw new IllegalArgumentException("a replay of " + number(minutes) + " minutes is shorter than one control "
                    + "period of " + number(periodSeconds) + " s");
        }
        return new Replay(part, part.durationSeconds() / runSeconds, peakRate, periodSeconds, periods);
    }

    /** Seconds the replay lasts: its whole periods. */
    public double seconds() {
        return periods * periodSeconds;
    }

    /** Requests a second offered at {@code seconds} into the run (the load generator's users, one request a second each). */
    public int rateAt(double seconds) {
        double peak = part.peak();
        return peak <= 0 ? 0 : (int) Math.round(peakRate * part.valueAt(seconds * timeScale) / peak);
    }

    /** The offered load, averaged over each control period: what the simulated cluster serves. */
    public Workload workload() {
        double[] rates = new double[periods];
        for (int p = 0; p < periods; p++) {
            double sum = 0;
            for (int i = 0; i < SAMPLES_PER_PERIOD; i++) {
                sum += rateAt((p + (i + 0.5) / SAMPLES_PER_PERIOD) * periodSeconds);
            }
            rates[p] = sum / SAMPLES_PER_PERIOD;
        }
        return new Workload(part.name(), rates, describe());
    }

    /** The replay in words, for logs and the report. */
    public String describe() {
        return String.format(Locale.ROOT, "%s, %d bins of %s s (%.1f hours) replayed in %s s (%s trace seconds a second), "
                        + "up to %d req/s; %d periods of %s s",
                part.name(), part.size(), number(part.binSeconds()), part.durationSeconds() / 3600, number(seconds()),
                number(timeScale), peakRate, periods, number(periodSeconds));
    }

    /** The part as a CSV {@code t_seconds,requests}, for the load generator's {@code --trace-file}. */
    public String csv() {
        StringBuilder out = new StringBuilder("t_seconds,requests\n");
        for (int i = 0; i < part.size(); i++) {
            out.append(number(part.seconds()[i])).append(',').append(number(part.requests()[i])).append('\n');
        }
        return out.toString();
    }

    /** A number without a useless ".0" or trailing zeros, as settings and CSV fields print it. */
    public static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value)
                : String.format(Locale.ROOT, "%.6g", value).replaceAll("0+$", "").replaceAll("\\.$", "");
    }
}
