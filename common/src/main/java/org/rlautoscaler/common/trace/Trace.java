package org.rlautoscaler.common.trace;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A request-rate trace: CSV with the header {@code t_seconds,requests}, one row per bin, where
 * {@code t_seconds} is the start of the bin counted from the start of the trace and
 * {@code requests} the arrivals in that bin (or already a rate; only the shape matters to the
 * users of this class, who scale it to a chosen peak).
 *
 * @param name     where it came from (the file name), for messages and reports
 * @param seconds  start of each bin, zero or more and strictly increasing, in seconds
 * @param requests value of each bin, zero or more (a UTF-8 byte-order mark before the header of a
 *                 file is allowed, as spreadsheets write it)
 */
public record Trace(String name, double[] seconds, double[] requests) {

    public Trace {
        if (seconds.length != requests.length || seconds.length == 0) {
            throw new IllegalArgumentException("a trace needs as many times as values, and at least one row");
        }
    }

    /**
     * Reads a trace file.
     *
     * @throws TraceException naming the file, and the line for a malformed row
     */
    public static Trace read(Path file) throws TraceException {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(file.getFileName().toString(), reader);
        } catch (NoSuchFileException e) {
            throw new TraceException(file + ": no such file");
        } catch (IOException e) {
            throw new TraceException(file + ": cannot be read (" + e.getMessage() + ")");
        }
    }

    /** Reads a trace from {@code reader}; {@code name} names it in messages. */
    public static Trace parse(String name, BufferedReader reader) throws IOException, TraceException {
        String header = reader.readLine();
        if (header == null) {
            throw new TraceException(name + ": the file is empty; expected the header t_seconds,requests");
        }
        if (header.startsWith("\uFEFF")) { // the byte-order mark spreadsheets write at the start of UTF-8
            header = header.substring(1);
        }
        if (!header.strip().replace(" ", "").equals("t_seconds,requests")) {
            throw new TraceException(name + " line 1: expected the header t_seconds,requests, found '" + header + "'");
        }
        double[] seconds = new double[1024];
        double[] requests = new double[1024];
        int count = 0;
        int lineNumber = 1;
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            String[] fields = line.split(",", -1);
            if (fields.length != 2) {
                throw new TraceException(name + " line " + lineNumber + ": expected two fields t_seconds,requests, found '" + line + "'");
            }
            double t = number(name, lineNumber, "t_seconds", fields[0]);
            double value = number(name, lineNumber, "requests", fields[1]);
            if (t < 0) {
                throw new TraceException(name + " line " + lineNumber + ": t_seconds must be zero or more, found "
                        + fields[0].strip());
            }
            if (value < 0) {
                throw new TraceException(name + " line " + lineNumber + ": requests must be zero or more, found " + fields[1].strip());
            }
            if (count > 0 && t <= seconds[count - 1]) {
                throw new TraceException(name + " line " + lineNumber + ": t_seconds must increase, found "
                        + fields[0].strip() + " after " + seconds[count - 1]);
            }
            if (count == seconds.length) {
                seconds = Arrays.copyOf(seconds, count * 2);
                requests = Arrays.copyOf(requests, count * 2);
            }
            seconds[count] = t;
            requests[count] = value;
            count++;
        }
        if (count == 0) {
            throw new TraceException(name + ": no rows after the header");
        }
        return new Trace(name, Arrays.copyOf(seconds, count), Arrays.copyOf(requests, count));
    }

    private static double number(String name, int line, String field, String text) throws TraceException {
        try {
            double value = Double.parseDouble(text.strip());
            if (Double.isFinite(value)) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new TraceException(name + " line " + line + ": " + field + " '" + text.strip() + "' is not a number");
    }

    /** Number of bins. */
    public int size() {
        return seconds.length;
    }

    /** The largest value of any bin. */
    public double peak() {
        double peak = 0;
        for (double value : requests) {
            peak = Math.max(peak, value);
        }
        return peak;
    }

    /** Width of a bin in seconds: the typical gap between two rows (1 for a single row). */
    public double binSeconds() {
        if (seconds.length < 2) {
            return 1;
        }
        double[] gaps = new double[seconds.length - 1];
        for (int i = 1; i < seconds.length; i++) {
            gaps[i - 1] = seconds[i] - seconds[i - 1];
        }
        Arrays.sort(gaps);
        return gaps[gaps.length / 2];
    }

    /** Length of the trace in seconds: from the first bin's start to the last bin's end. */
    public double durationSeconds() {
        return seconds[seconds.length - 1] - seconds[0] + binSeconds();
    }

    /**
     * The value of the bin that contains {@code t} seconds after the trace's start, going round
     * to the beginning once the trace is over.
     */
    public double valueAt(double t) {
        double offset = seconds[0] + (t % durationSeconds() + durationSeconds()) % durationSeconds();
        int index = Arrays.binarySearch(seconds, offset);
        if (index < 0) {
            index = Math.max(0, -index - 2);
        }
        return requests[index];
    }
}
