package org.rlautoscaler.autoscaler.livebench;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import org.rlautoscaler.autoscaler.files.AtomicFiles;

/**
 * Everything a live comparison holds fixed for every policy, saved as {@code replay.properties}
 * in its directory by {@code compare-live plan} and read back by {@code record} and {@code report},
 * so that the three steps cannot disagree.
 *
 * @param trace          the trace, a bundled name or a file
 * @param startHours     where the replayed part starts in the trace, hours
 * @param hours          how long the replayed part is, hours of the trace
 * @param minutes        how long the replay lasts
 * @param periodSeconds  the autoscaler's control period
 * @param peakRate       requests a second at the part's busiest bin
 * @param minReplicas    fewest replicas
 * @param maxReplicas    most replicas
 * @param sloP95Ms       the latency objective, p95 at or below this
 * @param model          the service model file the autoscaler pre-trains with and the prediction simulates
 * @param pretrainTrace  the trace the agents pre-train (and hpa-tuned is tuned) on
 * @param policies       the policies compared, in order
 */
public record ReplayPlan(String trace, double startHours, double hours, double minutes, double periodSeconds, int peakRate,
                         int minReplicas, int maxReplicas, double sloP95Ms, Path model, String pretrainTrace,
                         List<String> policies) {
    public static final String FILE = "replay.properties";

    public void write(Path dir) throws IOException {
        Properties p = new Properties();
        p.setProperty("trace", trace);
        p.setProperty("trace_start_hours", Replay.number(startHours));
        p.setProperty("trace_hours", Replay.number(hours));
        p.setProperty("minutes", Replay.number(minutes));
        p.setProperty("period_seconds", Replay.number(periodSeconds));
        p.setProperty("peak_rate", Integer.toString(peakRate));
        p.setProperty("min_replicas", Integer.toString(minReplicas));
        p.setProperty("max_replicas", Integer.toString(maxReplicas));
        p.setProperty("slo_p95_ms", Replay.number(sloP95Ms));
        p.setProperty("model", model.toAbsolutePath().toString());
        p.setProperty("pretrain_trace", pretrainTrace);
        p.setProperty("policies", String.join(",", policies));
        StringWriter out = new StringWriter();
        p.store(out, "compare-live plan: the replay every policy gets");
        AtomicFiles.write(dir.resolve(FILE), out.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Reads the plan of {@code dir}.
     *
     * @throws IOException when there is none (run {@code compare-live plan} first) or it is incomplete
     */
    public static ReplayPlan read(Path dir) throws IOException {
        Path file = dir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            throw new IOException("no " + FILE + " in " + dir + ": run compare-live plan first");
        }
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        }
        try {
            return new ReplayPlan(get(p, "trace"), Double.parseDouble(get(p, "trace_start_hours")),
                    Double.parseDouble(get(p, "trace_hours")), Double.parseDouble(get(p, "minutes")),
                    Double.parseDouble(get(p, "period_seconds")), Integer.parseInt(get(p, "peak_rate")),
                    Integer.parseInt(get(p, "min_replicas")), Integer.parseInt(get(p, "max_replicas")),
                    Double.parseDouble(get(p, "slo_p95_ms")), Path.of(get(p, "model")), get(p, "pretrain_trace"),
                    Arrays.asList(get(p, "policies").split(",")));
        } catch (NumberFormatException | IllegalStateException e) {
            throw new IOException(file + ": " + e.getMessage());
        }
    }

    private static String get(Properties p, String key) {
        String value = p.getProperty(key);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("no " + key);
        }
        return value.strip();
    }
}
