package org.rlautoscaler.autoscaler.sim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.rlautoscaler.autoscaler.files.AtomicFiles;
import org.rlautoscaler.autoscaler.files.StrictJson;
import org.rlautoscaler.common.config.InvalidSettingException;

/**
 * A service model on disk: versioned JSON, written atomically (temporary file, then rename), read
 * with an error that names the file and the field. {@code kind} is {@code measured} (latency
 * curves from {@code calibrate}) or {@code queueing} (the textbook M/M/1 replica). Unknown fields
 * are refused by name, so a misspelt one is not silently ignored.
 *
 * <pre>
 * {"format": 1, "kind": "measured", "cpu_seconds_per_request": 0.0061, "cores_per_replica": 1,
 *  "shared_cores": null, "idle_cores_per_replica": 0.02, "startup_seconds": 10,
 *  "warmup_seconds": 20, "warmup_cpu_factor": 1.5, "arrival_cv": 1, "timeout_seconds": 10,
 *  "latency": [{"utilisation": 0.1, "mean_ms": 6.5, "p95_ms": 9.8}, ...],
 *  "provenance": {"command": "...", "machine": "..."}, "measured_levels": [...]}
 * </pre>
 */
public final class ModelFile {
    /** Version of the layout; another version is refused with a message. */
    public static final int FORMAT = 1;
    /** The model the simulator uses by default, calibrated on the web application (see its provenance). */
    public static final String BUNDLED = "/models/web-application.json";
    private static final ObjectMapper JSON = StrictJson.mapper();
    private static final Set<String> FIELDS = Set.of("format", "kind", "cpu_seconds_per_request", "cores_per_replica",
            "shared_cores", "idle_cores_per_replica", "startup_seconds", "warmup_seconds", "warmup_cpu_factor",
            "arrival_cv", "timeout_seconds", "latency", "provenance", "measured_levels");
    private static final Set<String> POINT_FIELDS = Set.of("utilisation", "mean_ms", "p95_ms");
    private static volatile Document bundled;

    private ModelFile() {}

    /**
     * What a model file holds.
     *
     * @param service    the model
     * @param provenance how and where it was made (command, machine, date, ...), free text
     * @param levels     the levels it was fitted on, for reference; may be empty
     */
    public record Document(ServiceModel service, Map<String, String> provenance, List<MeasuredLevel> levels) {
        public Document {
            provenance = Map.copyOf(provenance);
            levels = List.copyOf(levels);
        }
    }

    /**
     * The service model of {@code file}, or the bundled one when {@code file} is null.
     *
     * @throws InvalidSettingException naming {@code setting} when the file is not a model
     */
    public static ServiceModel serviceModel(String setting, Path file) {
        if (file == null) {
            return bundled().service();
        }
        try {
            return read(file).service();
        } catch (ModelFileException e) {
            throw new InvalidSettingException(setting, file, "a model file written by calibrate (" + e.getMessage() + ")");
        }
    }

    /** The bundled model, read once. */
    public static Document bundled() {
        Document document = bundled;
        if (document == null) {
            try (InputStream in = ModelFile.class.getResourceAsStream(BUNDLED)) {
                if (in == null) {
                    throw new IllegalStateException("the bundled model " + BUNDLED + " is missing from the jar");
                }
                document = parse("bundled " + BUNDLED, in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (ModelFileException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
            bundled = document;
        }
        return document;
    }

    public static Document read(Path file) throws ModelFileException {
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ModelFileException(file + ": no such file");
        } catch (IOException e) {
            throw new ModelFileException(file + " cannot be read: " + e.getMessage());
        }
        return parse(file.toString(), content);
    }

    static Document parse(String name, byte[] content) throws ModelFileException {
        JsonNode root;
        try {
            root = JSON.readTree(content);
        } catch (JsonProcessingException e) {
            throw new ModelFileException(name + " is not a model file (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw new ModelFileException(name + " cannot be read: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new ModelFileException(name + " is not a model file (expected a JSON object)");
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!FIELDS.contains(field)) {
                throw new ModelFileException(name + ": unknown field " + field + "; accepted: " + String.join(", ",
                        FIELDS.stream().sorted().toList()));
            }
        }
        Reader r = new Reader(name, root);
        int format = (int) r.number("format");
        if (format != FORMAT) {
            throw new ModelFileException(name + " has format " + format + "; this version reads format " + FORMAT);
        }
        String kind = r.text("kind");
        double cpu = r.number("cpu_seconds_per_request");
        double cores = r.number("cores_per_replica");
        double shared = root.path("shared_cores").isNull() || root.path("shared_cores").isMissingNode()
                ? Double.POSITIVE_INFINITY : r.number("shared_cores");
        double timeout = r.number("timeout_seconds");
        LatencyModel latency = switch (kind) {
            case "queueing" -> new QueueingLatency(cpu / cores, timeout);
            case "measured" -> r.curve(timeout);
            default -> throw new ModelFileException(name + ": field kind: '" + kind + "'; accepted: measured, queueing");
        };
        ServiceModel service;
        try {
            service = new ServiceModel(cpu, cores, shared, r.number("idle_cores_per_replica"), r.number("startup_seconds"),
                    r.number("warmup_seconds"), r.number("warmup_cpu_factor"), r.number("arrival_cv"), timeout, latency);
        } catch (IllegalArgumentException e) {
            throw new ModelFileException(name + ": field " + e.getMessage());
        }
        Map<String, String> provenance = new LinkedHashMap<>();
        root.path("provenance").fields().forEachRemaining(e -> provenance.put(e.getKey(), e.getValue().asText()));
        List<MeasuredLevel> levels = new ArrayList<>();
        if (root.has("measured_levels")) {
            try {
                for (JsonNode level : root.get("measured_levels")) {
                    levels.add(JSON.treeToValue(level, LevelJson.class).level());
                }
            } catch (JsonProcessingException | IllegalArgumentException e) {
                throw new ModelFileException(name + ": field measured_levels: " + e.getMessage());
            }
        }
        return new Document(service, provenance, levels);
    }

    /** Writes atomically. */
    public static void write(Path file, Document document) throws IOException {
        AtomicFiles.write(file, JSON.writeValueAsBytes(toJson(document)));
    }

    static ObjectNode toJson(Document document) {
        ServiceModel s = document.service();
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("kind", s.latency() instanceof MeasuredLatency ? "measured" : "queueing");
        root.put("cpu_seconds_per_request", round(s.cpuSecondsPerRequest(), 7));
        root.put("cores_per_replica", s.coresPerReplica());
        if (Double.isInfinite(s.sharedCores())) {
            root.putNull("shared_cores");
        } else {
            root.put("shared_cores", s.sharedCores());
        }
        root.put("idle_cores_per_replica", round(s.idleCoresPerReplica(), 4));
        root.put("startup_seconds", round(s.startupSeconds(), 2));
        root.put("warmup_seconds", round(s.warmupSeconds(), 2));
        root.put("warmup_cpu_factor", round(s.warmupCpuFactor(), 3));
        root.put("arrival_cv", s.arrivalCv());
        root.put("timeout_seconds", s.timeoutSeconds());
        if (s.latency() instanceof MeasuredLatency measured) {
            ArrayNode points = root.putArray("latency");
            for (MeasuredLatency.Point p : measured.points()) {
                points.addObject().put("utilisation", round(p.utilisation(), 4))
                        .put("mean_ms", round(p.meanSeconds() * 1000, 3))
                        .put("p95_ms", round(p.p95Seconds() * 1000, 3));
            }
        }
        ObjectNode provenance = root.putObject("provenance");
        document.provenance().forEach(provenance::put);
        ArrayNode levels = root.putArray("measured_levels");
        for (MeasuredLevel level : document.levels()) {
            levels.add(JSON.valueToTree(LevelJson.of(level)));
        }
        return root;
    }

    private static double round(double value, int digits) {
        double scale = Math.pow(10, digits);
        return Math.round(value * scale) / scale;
    }

    /** A measured level as the file spells it. */
    record LevelJson(int replicas, double offered_rate, double served_rate, double cpu_cores, double mean_ms,
                     double p95_ms, double error_pct) {
        static LevelJson of(MeasuredLevel l) {
            return new LevelJson(l.replicas(), round(l.offeredRate(), 3), round(l.servedRate(), 3),
                    round(l.cpuCores(), 4), round(l.meanMs(), 3), round(l.p95Ms(), 3), round(l.errorPct(), 3));
        }

        MeasuredLevel level() {
            return new MeasuredLevel(replicas, offered_rate, served_rate, cpu_cores, mean_ms, p95_ms, error_pct);
        }
    }

    /** Reads fields of one file, each error naming the file and the field. */
    private record Reader(String name, JsonNode root) {
        double number(String field) throws ModelFileException {
            return number(root, field, field);
        }

        double number(JsonNode node, String field, String path) throws ModelFileException {
            JsonNode value = node.get(field);
            if (value == null || value.isNull()) {
                throw new ModelFileException(name + ": field " + path + " is missing");
            }
            if (!value.isNumber()) {
                throw new ModelFileException(name + ": field " + path + ": " + value + "; accepted: a number");
            }
            return value.asDouble();
        }

        String text(String field) throws ModelFileException {
            JsonNode value = root.get(field);
            if (value == null || !value.isTextual()) {
                throw new ModelFileException(name + ": field " + field + (value == null ? " is missing" : ": " + value
                        + "; accepted: measured, queueing"));
            }
            return value.asText();
        }

        MeasuredLatency curve(double timeout) throws ModelFileException {
            JsonNode array = root.get("latency");
            if (array == null || !array.isArray() || array.isEmpty()) {
                throw new ModelFileException(name + ": field latency: a measured model needs a list of points "
                        + "{utilisation, mean_ms, p95_ms}");
            }
            List<MeasuredLatency.Point> points = new ArrayList<>();
            for (int i = 0; i < array.size(); i++) {
                JsonNode point = array.get(i);
                String path = "latency[" + i + "]";
                for (Iterator<String> it = point.fieldNames(); it.hasNext(); ) {
                    String field = it.next();
                    if (!POINT_FIELDS.contains(field)) {
                        throw new ModelFileException(name + ": unknown field " + path + "." + field
                                + "; accepted: utilisation, mean_ms, p95_ms");
                    }
                }
                points.add(new MeasuredLatency.Point(number(point, "utilisation", path + ".utilisation"),
                        number(point, "mean_ms", path + ".mean_ms") / 1000, number(point, "p95_ms", path + ".p95_ms") / 1000));
            }
            try {
                return new MeasuredLatency(points, timeout);
            } catch (IllegalArgumentException e) {
                throw new ModelFileException(name + ": field latency: " + e.getMessage());
            }
        }
    }
}
