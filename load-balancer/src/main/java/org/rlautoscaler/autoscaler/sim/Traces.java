package org.rlautoscaler.autoscaler.sim;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.rlautoscaler.common.config.InvalidSettingException;
import org.rlautoscaler.common.trace.Trace;
import org.rlautoscaler.common.trace.TraceException;

/**
 * Finds a trace: a CSV file, or one of the traces bundled with the autoscaler by its short name
 * ({@code nasa}, {@code wikipedia}, {@code teastore}; provenance in {@code traces/README.md}).
 */
public final class Traces {
    /** What a trace setting accepts, in words. */
    private static final String ACCEPTED = "a readable CSV t_seconds,requests or nasa, wikipedia, teastore";

    static final Map<String, String> BUNDLED = Map.of(
            "nasa", "nasa_http_jul1995_1min.csv",
            "wikipedia", "wikipedia_limbo_1h.csv",
            "teastore", "teastore_ramp_1s.csv");

    private Traces() {}

    /**
     * The trace of a CSV file, or the bundled one of that short name: one with some load, since
     * the autoscaler scales a trace to a peak and trains and is judged on it.
     */
    public static Trace load(String nameOrFile) throws TraceException {
        Path file = Path.of(nameOrFile);
        if (Files.exists(file)) {
            Trace trace = Trace.read(file);
            if (!(trace.peak() > 0)) {
                throw new TraceException(nameOrFile + ": every row has 0 requests; a trace needs some load");
            }
            return trace;
        }
        String resource = BUNDLED.get(nameOrFile);
        if (resource == null) {
            throw new TraceException(nameOrFile + ": no such file, and not a bundled trace (" + String.join(", ",
                    BUNDLED.keySet().stream().sorted().toList()) + ")");
        }
        try (InputStream in = Traces.class.getResourceAsStream("/traces/" + resource)) {
            if (in == null) {
                throw new TraceException("the bundled trace " + resource + " is missing from the jar");
            }
            return Trace.parse(resource, new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new TraceException(resource + ": " + e.getMessage());
        }
    }

    /**
     * The load of a trace setting's value (a file or a bundled name) in control periods of
     * {@code periodSeconds}, not yet scaled ({@code binsPerStep}: see {@link Workload#resample}).
     *
     * @throws InvalidSettingException naming {@code setting} when the trace cannot be read
     */
    public static Workload workload(String setting, String trace, double periodSeconds, Integer binsPerStep) {
        Trace read = trace(setting, trace);
        try {
            return Workload.resample(read, periodSeconds, binsPerStep);
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException(setting, trace, ACCEPTED + " (here: " + e.getMessage() + ")");
        }
    }

    /**
     * The trace a setting names (a file or a bundled name).
     *
     * @throws InvalidSettingException naming {@code setting} when it cannot be read
     */
    public static Trace trace(String setting, String trace) {
        try {
            return load(trace);
        } catch (TraceException e) {
            throw new InvalidSettingException(setting, trace, ACCEPTED + " (here: " + e.getMessage() + ")");
        }
    }
}
