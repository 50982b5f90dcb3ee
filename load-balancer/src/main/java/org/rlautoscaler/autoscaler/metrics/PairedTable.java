package org.rlautoscaler.autoscaler.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Every agent against a reference agent (hpa-tuned), seed by seed: for the same seed both met
 * the same load and the same noise, so the difference of each pair says more than the two means
 * apart. One row per agent: the mean paired difference of the SLO-violation share (percentage
 * points), the mean ratio of replica-seconds, and the mean difference of replica-hours, each
 * with the half-width of its 95 % confidence interval (Student's t over the seeds). Given a lower
 * bound on the replica-seconds of each seed, a last column gives the share of the gap between the
 * reference and the bound that each agent closes: 1 at the bound, 0 at the reference, negative
 * when it costs more than the reference.
 */
public final class PairedTable {
    private PairedTable() {}

    /** The table as text lines ending with {@code \n}; empty when the reference has no results. */
    public static String format(List<Result> results, String reference) {
        return format(results, reference, Map.of());
    }

    /** The same, with the column of the gap closed towards {@code bounds} (replica-seconds by seed) when not empty. */
    public static String format(List<Result> results, String reference, Map<Long, Double> bounds) {
        Map<String, Map<Long, Result>> bySeed = new LinkedHashMap<>();
        for (Result r : results) {
            bySeed.computeIfAbsent(r.policy(), p -> new LinkedHashMap<>()).put(r.seed(), r);
        }
        Map<Long, Result> base = bySeed.get(reference);
        if (base == null) {
            return "";
        }
        List<String[]> rows = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of("policy", "pairs", "slo_viol_% - " + reference,
                "replica_s / " + reference, "replica_h - " + reference));
        if (!bounds.isEmpty()) {
            header.add("gap_to_bound_closed");
        }
        rows.add(header.toArray(String[]::new));
        for (var entry : bySeed.entrySet()) {
            if (entry.getKey().equals(reference)) {
                continue;
            }
            List<double[]> pairs = new ArrayList<>();
            for (var seeded : entry.getValue().entrySet()) {
                Result other = base.get(seeded.getKey());
                if (other != null) {
                    Result r = seeded.getValue();
                    Double bound = bounds.get(seeded.getKey());
                    double closed = bound == null || other.replicaSeconds() <= bound ? Double.NaN
                            : (other.replicaSeconds() - r.replicaSeconds()) / (other.replicaSeconds() - bound);
                    pairs.add(new double[] {r.sloViolationPct() - other.sloViolationPct(),
                            r.replicaSeconds() / other.replicaSeconds(), (r.replicaSeconds() - other.replicaSeconds()) / 3600,
                            closed});
                }
            }
            if (pairs.isEmpty()) {
                continue;
            }
            List<String> row = new ArrayList<>(List.of(entry.getKey(), Integer.toString(pairs.size()), cell(pairs, 0, 2),
                    cell(pairs, 1, 3), cell(pairs, 2, 1)));
            if (!bounds.isEmpty()) {
                row.add(pairs.stream().anyMatch(p -> Double.isNaN(p[3])) ? "-" : cell(pairs, 3, 2));
            }
            rows.add(row.toArray(String[]::new));
        }
        int[] widths = new int[rows.getFirst().length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (int r = 0; r < rows.size(); r++) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < widths.length; i++) {
                String cell = rows.get(r)[i];
                line.append(i == 0 ? cell + " ".repeat(widths[i] - cell.length())
                        : "  " + " ".repeat(widths[i] - cell.length()) + cell);
            }
            out.append(line.toString().stripTrailing()).append('\n');
            if (r == 0) {
                out.append("-".repeat(line.length())).append('\n');
            }
        }
        out.append("paired by seed (same load, same noise): mean ± half-width of the 95 % confidence interval (Student's t)\n");
        return out.toString();
    }

    private static String cell(List<double[]> pairs, int column, int decimals) {
        double[] values = pairs.stream().mapToDouble(p -> p[column]).toArray();
        Interval interval = Interval.of(values);
        String mean = String.format(Locale.ROOT, "%+." + decimals + "f", interval.mean());
        if (column == 1 || column == 3) {
            mean = String.format(Locale.ROOT, "%." + decimals + "f", interval.mean());
        }
        return interval.n() > 1 ? mean + " ± " + String.format(Locale.ROOT, "%." + decimals + "f", interval.halfWidth()) : mean;
    }
}
