package org.rlautoscaler.autoscaler.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.rlautoscaler.common.trace.Trace;
import org.rlautoscaler.common.trace.TraceException;

/**
 * Finds a trace: a CSV file, or one of the traces bundled with the autoscaler by its short name
 * ({@code nasa}, {@code wikipedia}, {@code teastore}; provenance in {@code traces/README.md}).
 */
final class Traces {
    static final Map<String, String> BUNDLED = Map.of(
            "nasa", "nasa_http_jul1995_1min.csv",
            "wikipedia", "wikipedia_limbo_1h.csv",
            "teastore", "teastore_ramp_1s.csv");

    private Traces() {}

    static Trace load(String nameOrFile) throws TraceException {
        Path file = Path.of(nameOrFile);
        if (Files.exists(file)) {
            return Trace.read(file);
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
}
