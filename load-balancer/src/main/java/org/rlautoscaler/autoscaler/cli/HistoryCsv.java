package org.rlautoscaler.autoscaler.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.rlautoscaler.autoscaler.agent.LatencyTableAgent.HistoryRow;
import org.rlautoscaler.autoscaler.files.AtomicFiles;

/** The latency agent's per-step history, as the original's {@code history.csv}; written atomically. */
final class HistoryCsv {
    static final String HEADER = "epoch,pod,latency,requests,action,new_latency,new_requests,reward,q_value,random";

    private HistoryCsv() {}

    static void write(Path file, List<HistoryRow> rows) throws IOException {
        StringBuilder out = new StringBuilder(HEADER).append('\n');
        for (HistoryRow r : rows) {
            out.append(String.format(Locale.ROOT, "%d,%d,%d,%d,%d,%d,%d,%s,%s,%s\n", r.epoch(), r.pod(), r.latency(),
                    r.requests(), r.action(), r.newLatency(), r.newRequests(), number(r.reward()), number(r.qValue()),
                    r.random() ? "True" : "False"));
        }
        AtomicFiles.write(file, out.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static String number(double value) {
        return value == Math.rint(value) ? String.format(Locale.ROOT, "%.1f", value) : Double.toString(value);
    }
}
