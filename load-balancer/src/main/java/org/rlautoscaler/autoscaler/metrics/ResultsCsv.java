package org.rlautoscaler.autoscaler.metrics;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.rlautoscaler.autoscaler.files.AtomicFiles;

/**
 * Evaluation results as CSV, one line per (policy, seed), with the header {@link #HEADER}.
 * Numbers are written with {@link Locale#ROOT} and 4 decimals, lines end with {@code \n}: the
 * same results always give the same bytes.
 */
public final class ResultsCsv {
    /** The first line of the file, naming the columns in the order of {@link Result}'s components. */
    public static final String HEADER = "policy,seed,slo_violation_pct,replica_seconds,under_provision_pct,"
            + "over_provision_pct,under_time_pct,over_time_pct,instability_pct,jitter,adaptations_pct,"
            + "mean_latency_ms,p95_latency_ms";
    private static final int COLUMNS = 13;

    private ResultsCsv() {
    }

    /**
     * Writes the results to a file, atomically: into a temporary file of the same directory,
     * then moved over the target, so that a reader never sees half a file.
     *
     * @throws IOException if the directory cannot be written
     */
    public static void write(Path file, List<Result> results) throws IOException {
        StringBuilder text = new StringBuilder(HEADER).append('\n');
        for (Result r : results) {
            text.append(field(r.policy())).append(',').append(r.seed());
            for (double value : new double[] {r.sloViolationPct(), r.replicaSeconds(), r.underProvisionPct(),
                    r.overProvisionPct(), r.underTimePct(), r.overTimePct(), r.instabilityPct(), r.jitter(),
                    r.adaptationsPct(), r.meanLatencyMs(), r.p95LatencyMs()}) {
                text.append(',').append(String.format(Locale.ROOT, "%.4f", value));
            }
            text.append('\n');
        }
        AtomicFiles.write(file, text.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Reads results written by {@link #write}.
     *
     * @throws IOException              if the file cannot be read
     * @throws IllegalArgumentException naming the file and line, if the header or a row is malformed
     */
    public static List<Result> read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.isEmpty() || !lines.get(0).equals(HEADER)) {
            throw new IllegalArgumentException(file + " line 1: expected the header " + HEADER + ", found '"
                    + (lines.isEmpty() ? "" : lines.get(0)) + "'");
        }
        List<Result> results = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            List<String> f = split(line);
            if (f.size() != COLUMNS) {
                throw new IllegalArgumentException(file + " line " + (i + 1) + ": expected " + COLUMNS
                        + " fields, found " + f.size() + " in '" + line + "'");
            }
            try {
                results.add(new Result(f.get(0), Long.parseLong(f.get(1)),
                        Double.parseDouble(f.get(2)), Double.parseDouble(f.get(3)), Double.parseDouble(f.get(4)),
                        Double.parseDouble(f.get(5)), Double.parseDouble(f.get(6)), Double.parseDouble(f.get(7)),
                        Double.parseDouble(f.get(8)), Double.parseDouble(f.get(9)), Double.parseDouble(f.get(10)),
                        Double.parseDouble(f.get(11)), Double.parseDouble(f.get(12))));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(file + " line " + (i + 1) + ": not a number (" + e.getMessage()
                        + ") in '" + line + "'");
            }
        }
        return results;
    }

    /** A policy name, quoted (RFC 4180) only if it holds a comma or a quote. */
    private static String field(String value) {
        if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("a policy name cannot hold a line break, found '" + value + "'");
        }
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }

    private static List<String> split(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    current.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    current.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        fields.add(current.toString());
        return fields;
    }
}
