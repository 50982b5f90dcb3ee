package org.rlautoscaler.autoscaler.agent.original;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.rlautoscaler.autoscaler.agent.AgentFileException;
import org.rlautoscaler.autoscaler.agent.original.qtable.QTable;
import org.rlautoscaler.autoscaler.env.Limits;
import org.rlautoscaler.autoscaler.files.AtomicFiles;

/**
 * The latency original's {@code table.csv}, as its {@code table.to_csv('table.csv', index=False)}
 * writes it: the columns {@code pod,initial_latency,end_latency,initial_request,end_request}, then
 * one per pod count from {@code min_pods} to {@code max_pods}; the rows ordered by request
 * interval, then latency interval, then pod, as {@code build_table} makes them. Read back by row
 * content, not position, as the original's {@code find_options} does, so a table the original
 * wrote (and pandas re-ordered) reads the same.
 */
final class TableCsv {
    static final String FILE_NAME = "table.csv";
    private static final List<String> BOUNDS = List.of("pod", "initial_latency", "end_latency", "initial_request", "end_request");

    private TableCsv() {}

    static void write(Path file, QTable table, Limits limits, Intervals latency, Intervals requests) throws IOException {
        StringBuilder out = new StringBuilder(String.join(",", BOUNDS));
        for (String action : table.encoding().actions()) {
            out.append(',').append(action);
        }
        out.append('\n');
        int pods = limits.max() - limits.min() + 1;
        for (int r = 0; r < requests.size(); r++) {
            for (int l = 0; l < latency.size(); l++) {
                for (int p = 0; p < pods; p++) {
                    long[] lat = latency.bounds().get(l);
                    long[] req = requests.bounds().get(r);
                    out.append(p + limits.min()).append(',').append(lat[0]).append(',').append(lat[1]).append(',')
                            .append(req[0]).append(',').append(req[1]);
                    int state = table.encoding().index(p, l, r);
                    for (int a = 0; a < table.encoding().actions().size(); a++) {
                        out.append(',').append(number(table.get(state, a)));
                    }
                    out.append('\n');
                }
            }
        }
        AtomicFiles.write(file, out.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** A value as Python prints a float, without an exponent: 0.0, -2.0, 6.4399999999999995. */
    static String number(double value) {
        String shortest = Double.toString(value);
        return shortest.contains("E") ? new BigDecimal(shortest).toPlainString() : shortest;
    }

    static void read(Path file, QTable into, Limits limits, Intervals latency, Intervals requests) throws AgentFileException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(line -> !line.isBlank()).toList();
        } catch (NoSuchFileException e) {
            throw new AgentFileException(file + ": no such file");
        } catch (IOException e) {
            throw new AgentFileException(file + " cannot be read: " + e.getMessage());
        }
        List<String> header = lines.isEmpty() ? List.of() : List.of(lines.getFirst().strip().split(",", -1));
        List<String> expected = new ArrayList<>(BOUNDS);
        expected.addAll(into.encoding().actions());
        if (!header.equals(expected)) {
            throw new AgentFileException(file + " has the columns " + String.join(",", header) + "; a table of pods "
                    + limits.min() + " to " + limits.max() + " has " + String.join(",", expected));
        }
        Map<String, Integer> latencyIndex = index(latency);
        Map<String, Integer> requestIndex = index(requests);
        int pods = limits.max() - limits.min() + 1;
        int states = pods * latency.size() * requests.size();
        if (lines.size() - 1 != states) {
            throw new AgentFileException(file + " has " + (lines.size() - 1) + " rows; pods " + limits.min() + " to "
                    + limits.max() + ", latency " + describe(latency, "ms") + " and requests " + describe(requests, "per 30 s")
                    + " make " + states);
        }
        int actions = into.encoding().actions().size();
        double[] values = new double[into.size()];
        boolean[] seen = new boolean[states];
        for (int i = 1; i < lines.size(); i++) {
            String[] cells = lines.get(i).strip().split(",", -1);
            String where = file + " row " + i;
            if (cells.length != expected.size()) {
                throw new AgentFileException(where + " has " + cells.length + " cells, not " + expected.size());
            }
            try {
                int pod = (int) Math.round(Double.parseDouble(cells[0]));
                Integer l = bounds(latencyIndex, cells[1], cells[2]);
                Integer r = bounds(requestIndex, cells[3], cells[4]);
                if (pod < limits.min() || pod > limits.max()) {
                    throw new AgentFileException(where + ": pod " + pod + " is outside " + limits.min() + " to " + limits.max());
                }
                if (l == null) {
                    throw new AgentFileException(where + ": latency " + cells[1] + "-" + cells[2] + " is not one of "
                            + describe(latency, "ms") + " (--initial-latency, --latency-intervals)");
                }
                if (r == null) {
                    throw new AgentFileException(where + ": requests " + cells[3] + "-" + cells[4] + " are not one of "
                            + describe(requests, "per 30 s") + " (--initial-request, --request-intervals, "
                            + "--no-scale-request-intervals)");
                }
                int state = into.encoding().index(pod - limits.min(), l, r);
                if (seen[state]) {
                    throw new AgentFileException(where + " repeats pod " + pod + ", latency " + cells[1] + "-" + cells[2]
                            + ", requests " + cells[3] + "-" + cells[4]);
                }
                seen[state] = true;
                for (int a = 0; a < actions; a++) {
                    double value = Double.parseDouble(cells[BOUNDS.size() + a]);
                    if (!Double.isFinite(value)) {
                        throw new AgentFileException(where + " has the value " + cells[BOUNDS.size() + a]
                                + "; a Q-table holds finite numbers");
                    }
                    values[state * actions + a] = value;
                }
            } catch (NumberFormatException e) {
                throw new AgentFileException(where + " has a cell that is not a number (" + e.getMessage() + ")");
            }
        }
        into.copyFrom(new QTable(into.agent(), into.encoding(), values, new long[into.size()]));
    }

    /** Interval index by its bounds, "501-1000". */
    private static Map<String, Integer> index(Intervals intervals) {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < intervals.size(); i++) {
            index.put(intervals.bounds().get(i)[0] + "-" + intervals.bounds().get(i)[1], i);
        }
        return index;
    }

    /** The interval with these bounds (whole numbers, also when written as 500.0), null when there is none. */
    private static Integer bounds(Map<String, Integer> index, String lower, String upper) {
        return index.get(Math.round(Double.parseDouble(lower)) + "-" + Math.round(Double.parseDouble(upper)));
    }

    /** "0-500, 501-1000 ms". */
    private static String describe(Intervals intervals, String unit) {
        List<String> parts = new ArrayList<>();
        for (long[] b : intervals.bounds()) {
            parts.add(b[0] + "-" + b[1]);
        }
        return String.join(", ", parts) + " " + unit;
    }
}
