package org.rlautoscaler.autoscaler.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * A console table of evaluation results: one row per policy, in the order policies first appear,
 * and for each main figure the mean over that policy's seeds ± the half-width of its 95 %
 * confidence interval (Student's t; just the mean for a single seed).
 */
public final class SummaryTable {
    private static final String SEPARATOR = "  ";
    private static final String PLUS_MINUS = " ± ";

    /** A column: its header, how many decimals, and the figure it shows (in the shown unit). */
    private record Column(String header, int decimals, ToDoubleFunction<Result> value) {
    }

    private static final List<Column> COLUMNS = List.of(
            new Column("slo_viol_%", 2, Result::sloViolationPct),
            new Column("replica_h", 1, r -> r.replicaSeconds() / 3600),
            new Column("under_%", 2, Result::underProvisionPct),
            new Column("over_%", 2, Result::overProvisionPct),
            new Column("instab_%", 2, Result::instabilityPct),
            new Column("jitter/h", 2, Result::jitter),
            new Column("mean_ms", 1, Result::meanLatencyMs),
            new Column("p95_ms", 1, Result::p95LatencyMs));

    private SummaryTable() {
    }

    /**
     * The table as lines of plain text ending with {@code \n}: a header, a rule, a row per policy
     * (policy, number of seeds, then the figures), and a line saying what ± means. Columns are
     * right-aligned, with the ± signs of a column one under the other. Replica-seconds are shown
     * as replica-hours.
     */
    public static String format(List<Result> results) {
        Map<String, List<Result>> byPolicy = new LinkedHashMap<>();
        for (Result r : results) {
            byPolicy.computeIfAbsent(r.policy(), p -> new ArrayList<>()).add(r);
        }
        List<String> policies = new ArrayList<>(byPolicy.keySet());
        int rows = policies.size();

        List<String[]> cells = new ArrayList<>();
        cells.add(new String[] {"policy", "seeds"});
        for (String policy : policies) {
            cells.add(new String[] {policy, Integer.toString(byPolicy.get(policy).size())});
        }
        List<List<String>> figureColumns = new ArrayList<>();
        for (Column column : COLUMNS) {
            figureColumns.add(figureCells(column, policies, byPolicy));
        }

        int policyWidth = cells.stream().mapToInt(c -> c[0].length()).max().orElse(0);
        int seedsWidth = cells.stream().mapToInt(c -> c[1].length()).max().orElse(0);
        StringBuilder out = new StringBuilder();
        for (int row = 0; row <= rows; row++) {
            StringBuilder line = new StringBuilder();
            line.append(padRight(cells.get(row)[0], policyWidth)).append(SEPARATOR)
                    .append(padLeft(cells.get(row)[1], seedsWidth));
            for (List<String> column : figureColumns) {
                line.append(SEPARATOR).append(column.get(row));
            }
            out.append(line.toString().stripTrailing()).append('\n');
            if (row == 0) {
                out.append("-".repeat(line.length())).append('\n');
            }
        }
        out.append("figures: mean over seeds ± half-width of the 95 % confidence interval (Student's t)\n");
        return out.toString();
    }

    /** The header then one cell per policy, all of the same width, ± signs aligned. */
    private static List<String> figureCells(Column column, List<String> policies, Map<String, List<Result>> byPolicy) {
        List<String> means = new ArrayList<>();
        List<String> halves = new ArrayList<>();
        for (String policy : policies) {
            double[] values = byPolicy.get(policy).stream().mapToDouble(column.value()).toArray();
            Interval interval = Interval.of(values);
            means.add(number(interval.mean(), column.decimals()));
            halves.add(interval.n() > 1 ? number(interval.halfWidth(), column.decimals()) : "");
        }
        int meanWidth = means.stream().mapToInt(String::length).max().orElse(0);
        int halfWidth = halves.stream().mapToInt(String::length).max().orElse(0);
        List<String> figures = new ArrayList<>();
        for (int i = 0; i < means.size(); i++) {
            String cell = padLeft(means.get(i), meanWidth);
            if (halfWidth > 0) {
                cell += halves.get(i).isEmpty()
                        ? " ".repeat(PLUS_MINUS.length() + halfWidth)
                        : PLUS_MINUS + padLeft(halves.get(i), halfWidth);
            }
            figures.add(cell);
        }
        int width = Math.max(column.header().length(), figures.stream().mapToInt(String::length).max().orElse(0));
        List<String> cells = new ArrayList<>();
        cells.add(padLeft(column.header(), width));
        for (String figure : figures) {
            cells.add(padLeft(figure, width));
        }
        return cells;
    }

    private static String number(double value, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    private static String padLeft(String text, int width) {
        return " ".repeat(Math.max(width - text.length(), 0)) + text;
    }

    private static String padRight(String text, int width) {
        return text + " ".repeat(Math.max(width - text.length(), 0));
    }
}
