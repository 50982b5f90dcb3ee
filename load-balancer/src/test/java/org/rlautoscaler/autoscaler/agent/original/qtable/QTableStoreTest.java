package org.rlautoscaler.autoscaler.agent.original.qtable;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rlautoscaler.autoscaler.agent.Hyperparameters;

class QTableStoreTest {
    private static final String SWARM = "swarm-cpu-ram";

    @TempDir
    Path dir;

    private static StateEncoding swarm(int numStates) {
        return new StateEncoding(List.of(new StateEncoding.Dimension("cpu_bucket", numStates),
                new StateEncoding.Dimension("ram_bucket", numStates)), List.of("scale_out", "scale_in"));
    }

    /** A learner of 2 x 2 x 2 entries after three updates. */
    private static QLearner trained() {
        QLearner learner = new QLearner(new QTable(SWARM, swarm(2)), Hyperparameters.constant(0.1, 0.9, 0.1), 1);
        learner.update(0, 0, 20, 1);    // Q(0, out) = 2.0
        learner.update(1, 1, -15, 3);   // Q(1, in) = -1.5
        learner.update(0, 0, 20, 1);    // Q(0, out) = 0.9 * 2 + 0.1 * (20 + 0.9 * 0) = 3.8
        return learner;
    }

    private String message(Path file, QTable into) {
        return assertThrows(QTableException.class, () -> QTableStore.load(file, into)).getMessage();
    }

    @Test
    void a_saved_table_loads_back_with_equal_values_and_visits() throws Exception {
        QLearner learner = trained();
        Path file = dir.resolve("swarm.json");
        QTableStore.save(file, learner);

        QTable loaded = new QTable(SWARM, swarm(2));
        QTableStore.load(file, loaded);
        assertArrayEquals(learner.table().values(), loaded.values());
        assertArrayEquals(learner.table().visits(), loaded.visits());
        assertEquals(3.8, loaded.get(0, 0), 1e-12);
        assertEquals(-1.5, loaded.get(1, 1), 1e-12);
        assertEquals(2, loaded.visits(0, 0));
        assertEquals(1, loaded.visits(1, 1));
    }

    @Test
    void the_file_is_json_of_format_1_with_agent_dimensions_actions_and_hyperparameters() throws Exception {
        Path file = dir.resolve("swarm.json");
        QTableStore.save(file, trained());

        JsonNode json = new ObjectMapper().readTree(file.toFile());
        assertEquals(1, json.get("format").asInt());
        assertEquals(SWARM, json.get("agent").asText());
        assertEquals(2, json.get("dimensions").size());
        assertEquals("cpu_bucket", json.get("dimensions").get(0).get("name").asText());
        assertEquals(2, json.get("dimensions").get(0).get("size").asInt());
        assertEquals("ram_bucket", json.get("dimensions").get(1).get("name").asText());
        assertEquals("scale_out", json.get("actions").get(0).asText());
        assertEquals("scale_in", json.get("actions").get(1).asText());
        JsonNode h = json.get("hyperparameters");
        assertEquals(0.1, h.get("alpha").asDouble());
        assertEquals(0.9, h.get("gamma").asDouble());
        assertEquals(0.1, h.get("epsilon").asDouble());
        assertEquals(8, json.get("values").size());
        assertEquals(8, json.get("visits").size());
        assertEquals(3.8, json.get("values").get(0).asDouble(), 1e-12);
    }

    @Test
    void loading_into_another_encoding_names_what_differs() throws Exception {
        Path file = dir.resolve("swarm.json");
        QTableStore.save(file, trained());
        String message = message(file, new QTable(SWARM, swarm(3)));
        assertTrue(message.contains("cpu_bucket(2)"), message);
        assertTrue(message.contains("cpu_bucket(3)"), message);
        assertTrue(message.contains("swarm.json"), message);
    }

    @Test
    void loading_into_other_actions_names_them() throws Exception {
        Path file = dir.resolve("swarm.json");
        QTableStore.save(file, trained());
        StateEncoding threeActions = new StateEncoding(swarm(2).dimensions(), List.of("scale_out", "scale_in", "hold"));
        String message = message(file, new QTable(SWARM, threeActions));
        assertTrue(message.contains("hold"), message);
    }

    @Test
    void loading_into_another_agent_names_both_agents() throws Exception {
        Path file = dir.resolve("swarm.json");
        QTableStore.save(file, trained());
        String message = message(file, new QTable("latency-table", swarm(2)));
        assertTrue(message.contains(SWARM), message);
        assertTrue(message.contains("latency-table"), message);
    }

    @Test
    void a_truncated_file_is_refused_with_its_name() throws Exception {
        Path good = dir.resolve("good.json");
        QTableStore.save(good, trained());
        String text = Files.readString(good);
        Path file = dir.resolve("truncated.json");
        Files.writeString(file, text.substring(0, text.length() / 2));
        assertTrue(message(file, new QTable(SWARM, swarm(2))).contains("truncated.json"));
    }

    @Test
    void a_file_that_is_not_json_is_refused_with_its_name() throws Exception {
        Path file = dir.resolve("notes.json");
        Files.writeString(file, "this is not a Q-table\n");
        assertTrue(message(file, new QTable(SWARM, swarm(2))).contains("notes.json"));
    }

    @Test
    void an_empty_file_is_refused_with_its_name() throws Exception {
        Path file = dir.resolve("empty.json");
        Files.write(file, new byte[0]);
        assertTrue(message(file, new QTable(SWARM, swarm(2))).contains("empty.json"));
    }

    @Test
    void a_file_of_another_format_is_refused() throws Exception {
        Path file = dir.resolve("future.json");
        QTableStore.save(file, trained());
        Files.writeString(file, Files.readString(file).replaceFirst("\"format\"\\s*:\\s*1", "\"format\" : 2"));
        String message = message(file, new QTable(SWARM, swarm(2)));
        assertTrue(message.contains("future.json"), message);
        assertTrue(message.contains("format 2"), message);
    }

    @Test
    void a_value_that_is_not_a_finite_number_trailing_content_or_a_repeated_key_is_refused() throws Exception {
        Path file = dir.resolve("swarm.json");
        QTableStore.save(file, trained());
        String valid = Files.readString(file);
        Files.writeString(file, valid.replaceFirst("3\\.8", "\"NaN\""));
        assertEquals(file + " has value NaN at entry 0; a Q-table holds finite numbers", message(file, new QTable(SWARM, swarm(2))));
        Files.writeString(file, valid + "garbage");
        assertTrue(message(file, new QTable(SWARM, swarm(2))).startsWith(file + " is not a Q-table file ("));
        Files.writeString(file, valid.replaceFirst("\\{", "{\"format\" : 1,"));
        assertTrue(message(file, new QTable(SWARM, swarm(2))).contains("Duplicate field 'format'"));
    }

    @Test
    void a_missing_file_is_refused_with_its_name() {
        Path file = dir.resolve("nowhere.json");
        assertFalse(QTableStore.exists(file));
        assertTrue(message(file, new QTable(SWARM, swarm(2))).contains("nowhere.json"));
    }

    @Test
    void a_failed_load_leaves_the_table_as_it_was() throws Exception {
        Path file = dir.resolve("swarm.json");
        QTableStore.save(file, trained());
        QTable other = new QTable(SWARM, swarm(3));
        other.set(0, 0, 7);
        assertThrows(QTableException.class, () -> QTableStore.load(file, other));
        assertEquals(7.0, other.get(0, 0));
    }

    @Test
    void saving_leaves_no_temporary_file_behind() throws Exception {
        Path file = dir.resolve("swarm.json");
        QTableStore.save(file, trained());
        QTableStore.save(file, trained());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file.getFileName().toString()),
                    files.map(p -> p.getFileName().toString()).toList());
        }
    }

    @Test
    void saving_replaces_an_existing_file() throws Exception {
        Path file = dir.resolve("swarm.json");
        Files.writeString(file, "old content", StandardCharsets.UTF_8);
        QTableStore.save(file, trained());
        QTable loaded = new QTable(SWARM, swarm(2));
        QTableStore.load(file, loaded);
        assertEquals(3.8, loaded.get(0, 0), 1e-12);
        assertTrue(QTableStore.exists(file));
    }

    @Test
    void saving_creates_missing_directories() throws IOException, QTableException {
        Path file = dir.resolve("a/b/swarm.json");
        QTableStore.save(file, trained());
        QTable loaded = new QTable(SWARM, swarm(2));
        QTableStore.load(file, loaded);
        assertEquals(3.8, loaded.get(0, 0), 1e-12);
    }
}
