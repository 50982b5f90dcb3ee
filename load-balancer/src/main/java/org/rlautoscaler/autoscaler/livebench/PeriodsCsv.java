package org.rlautoscaler.autoscaler.livebench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.rlautoscaler.autoscaler.files.AtomicFiles;

/** The readings of one live replay, a period a line: {@code periods-<policy>.csv}. */
public final class PeriodsCsv {
    public static final String HEADER = "period,end_s,offered_rps,served_rps,desired,running,serving,p95_ms,error_pct";

    private PeriodsCsv() {}

    public static void write(Path file, List<LivePeriod> periods) throws IOException {
        StringBuilder out = new StringBuilder(HEADER).append('\n');
        for (LivePeriod p : periods) {
            out.append(String.format(Locale.ROOT, "%d,%s,%.3f,%.3f,%d,%d,%d,%.3f,%.4f%n", p.period(),
                    Replay.number(p.endSeconds()), p.offeredRps(), p.servedRps(), p.desired(), p.running(), p.serving(),
                    p.p95Ms(), p.errorPct()));
        }
        AtomicFiles.write(file, out.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Reads a file {@link #write} wrote.
     *
     * @throws IOException when it cannot be read, or a line is not of this format (the message names the line)
     */
    public static List<LivePeriod> read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.isEmpty() || !lines.get(0).strip().equals(HEADER)) {
            throw new IOException(file + ": the first line is not " + HEADER);
        }
        List<LivePeriod> periods = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] f = line.split(",", -1);
            try {
                if (f.length != 9) {
                    throw new NumberFormatException(f.length + " fields, not 9");
                }
                periods.add(new LivePeriod(Integer.parseInt(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2]),
                        Double.parseDouble(f[3]), Integer.parseInt(f[4]), Integer.parseInt(f[5]), Integer.parseInt(f[6]),
                        Double.parseDouble(f[7]), Double.parseDouble(f[8])));
            } catch (NumberFormatException e) {
                throw new IOException(file + " line " + (i + 1) + ": " + e.getMessage() + ": " + line);
            }
        }
        return periods;
    }
}
