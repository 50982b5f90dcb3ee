package org.rlautoscaler.autoscaler.calibration;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.rlautoscaler.autoscaler.math.Stats;
import org.rlautoscaler.autoscaler.sim.MeasuredLevel;

/**
 * Load levels from what the live loop saw ({@code history.csv}, one line per period): periods at
 * a steady replica count (desired = running) with every metric read, grouped by replicas and by
 * request rate (bins 10 % wide), each group of at least {@value #MIN_PERIODS} periods one level
 * whose figures are the group's medians.
 */
public final class HistoryLevels {
    static final int MIN_PERIODS = 3;
    private static final double BIN = Math.log(1.1);
    private static final List<String> COLUMNS = List.of("desired", "running", "replica_cpu", "request_rate",
            "mean_latency_ms", "p95_latency_ms");

    private HistoryLevels() {}

    /**
     * @param coresPerReplica the run's {@code CORES_PER_REPLICA}, which turned CPU cores into {@code replica_cpu}
     * @throws IOException              when the file cannot be read
     * @throws IllegalArgumentException when it is not a history file, naming the line or column
     */
    public static List<MeasuredLevel> read(Path file, double coresPerReplica) throws IOException {
        Map<List<Integer>, List<double[]>> groups = new TreeMap<>((a, b) -> a.get(0).equals(b.get(0))
                ? Integer.compare(a.get(1), b.get(1)) : Integer.compare(a.get(0), b.get(0)));
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = in.readLine();
            if (header == null) {
                throw new IllegalArgumentException("it is empty");
            }
            List<String> names = Arrays.asList(header.strip().split(","));
            int[] index = new int[COLUMNS.size()];
            for (int i = 0; i < COLUMNS.size(); i++) {
                index[i] = names.indexOf(COLUMNS.get(i));
                if (index[i] < 0) {
                    throw new IllegalArgumentException("its header has no column " + COLUMNS.get(i));
                }
            }
            String line;
            int number = 1;
            while ((line = in.readLine()) != null) {
                number++;
                String[] fields = line.split(",", -1);
                if (line.isBlank() || fields.length < names.size()) {
                    continue; // a line cut short by a crash
                }
                double[] v = new double[COLUMNS.size()];
                try {
                    for (int i = 0; i < v.length; i++) {
                        v[i] = Double.parseDouble(fields[index[i]]);
                    }
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("line " + number + " has a value that is not a number: " + line);
                }
                int desired = (int) v[0];
                int running = (int) v[1];
                boolean complete = Arrays.stream(v).allMatch(Double::isFinite);
                if (!complete || desired != running || running < 1 || !(v[3] > 0) || !(v[4] > 0) || !(v[5] > 0)) {
                    continue;
                }
                int bin = (int) Math.floor(Math.log(v[3]) / BIN);
                groups.computeIfAbsent(List.of(running, bin), k -> new ArrayList<>())
                        .add(new double[] {v[2] * running * coresPerReplica, v[3], v[4], v[5]});
            }
        }
        List<MeasuredLevel> levels = new ArrayList<>();
        groups.forEach((key, rows) -> {
            if (rows.size() >= MIN_PERIODS) {
                double rate = median(rows, 1);
                levels.add(new MeasuredLevel(key.get(0), rate, rate, median(rows, 0), median(rows, 2), median(rows, 3), 0));
            }
        });
        return levels;
    }

    private static double median(List<double[]> rows, int column) {
        return Stats.median(rows.stream().mapToDouble(r -> r[column]).toArray());
    }
}
