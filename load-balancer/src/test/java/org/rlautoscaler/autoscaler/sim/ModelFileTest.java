package org.rlautoscaler.autoscaler.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Model files: written and read back, and refused with the file and field named. */
class ModelFileTest {
    @TempDir
    Path dir;

    private static final ServiceModel MEASURED = new ServiceModel(0.0061, 1, 2, 0.03, 12, 20, 1.5, 1, 10,
            ServiceModelTest.CURVE);

    @Test
    void a_model_survives_a_round_trip() throws Exception {
        Path file = dir.resolve("model.json");
        MeasuredLevel level = new MeasuredLevel(1, 20, 19.9, 0.152, 6.5, 9.75, 0);
        ModelFile.write(file, new ModelFile.Document(MEASURED, Map.of("command", "calibrate --url x"), List.of(level)));
        ModelFile.Document read = ModelFile.read(file);
        assertEquals(MEASURED, read.service());
        assertEquals(Map.of("command", "calibrate --url x"), read.provenance());
        assertEquals(List.of(level), read.levels());
    }

    @Test
    void a_queueing_model_and_unshared_cores_survive_a_round_trip() throws Exception {
        Path file = dir.resolve("queueing.json");
        ServiceModel queueing = ServiceModel.queueing(0.005, 1, 10, 10);
        ModelFile.write(file, new ModelFile.Document(queueing, Map.of(), List.of()));
        assertTrue(Files.readString(file).contains("\"shared_cores\" : null"));
        assertEquals(queueing, ModelFile.read(file).service());
    }

    @Test
    void a_corrupt_file_is_refused_naming_it() throws IOException {
        Path file = Files.writeString(dir.resolve("bad.json"), "{\"format\": 1, \"kind\": ");
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.read(file));
        assertTrue(e.getMessage().startsWith(file + " is not a model file ("), e.getMessage());
    }

    @Test
    void an_unknown_version_is_refused() throws Exception {
        Path file = dir.resolve("v2.json");
        ModelFile.write(file, new ModelFile.Document(MEASURED, Map.of(), List.of()));
        Files.writeString(file, Files.readString(file).replace("\"format\" : 1", "\"format\" : 2"));
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.read(file));
        assertEquals(file + " has format 2; this version reads format 1", e.getMessage());
    }

    @Test
    void a_bad_field_is_named_with_its_value() throws Exception {
        Path file = dir.resolve("negative.json");
        ModelFile.write(file, new ModelFile.Document(MEASURED, Map.of(), List.of()));
        Files.writeString(file, Files.readString(file).replace("\"cpu_seconds_per_request\" : 0.0061",
                "\"cpu_seconds_per_request\" : -1"));
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.read(file));
        assertEquals(file + ": field cpu_seconds_per_request: -1.0; accepted: a number above 0", e.getMessage());
    }

    @Test
    void a_misspelt_field_is_refused_by_name() throws Exception {
        Path file = dir.resolve("misspelt.json");
        ModelFile.write(file, new ModelFile.Document(MEASURED, Map.of(), List.of()));
        Files.writeString(file, Files.readString(file).replace("\"arrival_cv\"", "\"arrivals_cv\""));
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.read(file));
        assertTrue(e.getMessage().startsWith(file + ": unknown field arrivals_cv; accepted: arrival_cv, "), e.getMessage());
    }

    @Test
    void physically_impossible_values_trailing_content_and_repeated_keys_are_refused() throws Exception {
        Path file = dir.resolve("model.json");
        ModelFile.write(file, new ModelFile.Document(MEASURED, Map.of(), List.of()));
        String valid = Files.readString(file);
        Files.writeString(file, valid.replace("\"cpu_seconds_per_request\" : 0.0061", "\"cpu_seconds_per_request\" : 1e300"));
        assertEquals(file + ": field cpu_seconds_per_request: 1.0E300; accepted: at most cores_per_replica x 3600 = 3600.0 "
                + "(a replica serving at least one request an hour)",
                assertThrows(ModelFileException.class, () -> ModelFile.read(file)).getMessage());
        Files.writeString(file, valid.replace("\"idle_cores_per_replica\" : 0.03", "\"idle_cores_per_replica\" : 1.5"));
        assertEquals(file + ": field idle_cores_per_replica: 1.5; accepted: less than cores_per_replica (1.0)",
                assertThrows(ModelFileException.class, () -> ModelFile.read(file)).getMessage());
        Files.writeString(file, valid + "\n{\"more\": 1}\n");
        String trailing = assertThrows(ModelFileException.class, () -> ModelFile.read(file)).getMessage();
        assertTrue(trailing.startsWith(file + " is not a model file (Trailing token"), trailing);
        Files.writeString(file, valid.replaceFirst("\\{", "{\"arrival_cv\" : 7,"));
        String repeated = assertThrows(ModelFileException.class, () -> ModelFile.read(file)).getMessage();
        assertTrue(repeated.startsWith(file + " is not a model file (Duplicate field 'arrival_cv'"), repeated);
    }

    @Test
    void a_missing_file_says_so() {
        Path file = dir.resolve("none.json");
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.read(file));
        assertEquals(file + ": no such file", e.getMessage());
    }

    @Test
    void the_bundled_model_is_a_measured_one_with_its_provenance() {
        ModelFile.Document bundled = ModelFile.bundled();
        assertInstanceOf(MeasuredLatency.class, bundled.service().latency());
        assertTrue(bundled.provenance().get("command").startsWith("calibrate "), bundled.provenance().toString());
        assertTrue(bundled.levels().size() >= 3, "the levels it was fitted on");
    }
}
