package org.rlautoscaler.autoscaler.agent.original;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.rlautoscaler.autoscaler.agent.original.LatencyTableAgent.HistoryRow;
import org.rlautoscaler.autoscaler.files.AtomicFiles;

/**
 * The latency agent's per-step history, as the original's {@code history.csv}: appended to the
 * file of earlier runs, as the original read its old file and appended (its epochs start at 0
 * each run); the whole file written anew and renamed, so a crash leaves the old one.
 */
public final class HistoryCsv {
    public static final String HEADER = "epoch,pod,latency,requests,action,new_latency,new_requests,reward,q_value,random";

    /** The file there has a header of other columns (another command's history.csv, say). */
    public static final class OtherColumnsException extends IOException {
        OtherColumnsException(String message) {
            super(message);
        }
    }

    private HistoryCsv() {}

    /**
     * Checks that rows can be appended to {@code file}: absent, empty, or with this header.
     *
     * @throws OtherColumnsException when it has another header
     */
    public static void check(Path file) throws IOException {
        if (Files.isRegularFile(file) && Files.size(file) > 0) {
            String header;
            try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
                header = lines.findFirst().orElse("").strip();
            }
            requireHeader(file, header);
        }
    }

    public static void append(Path file, List<HistoryRow> rows) throws IOException {
        StringBuilder out = new StringBuilder();
        if (Files.isRegularFile(file) && Files.size(file) > 0) {
            String old = Files.readString(file, StandardCharsets.UTF_8);
            requireHeader(file, old.lines().findFirst().orElse("").strip());
            out.append(old);
            if (!old.endsWith("\n")) {
                out.append('\n');
            }
        } else {
            out.append(HEADER).append('\n');
        }
        for (HistoryRow r : rows) {
            out.append(String.format(Locale.ROOT, "%d,%d,%d,%d,%d,%d,%d,%s,%s,%s\n", r.epoch(), r.pod(), r.latency(),
                    r.requests(), r.action(), r.newLatency(), r.newRequests(), number(r.reward()), number(r.qValue()),
                    r.random() ? "True" : "False"));
        }
        AtomicFiles.write(file, out.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static void requireHeader(Path file, String header) throws OtherColumnsException {
        if (!header.equals(HEADER)) {
            throw new OtherColumnsException(file + " starts with " + header);
        }
    }

    private static String number(double value) {
        return value == Math.rint(value) ? String.format(Locale.ROOT, "%.1f", value) : Double.toString(value);
    }
}
