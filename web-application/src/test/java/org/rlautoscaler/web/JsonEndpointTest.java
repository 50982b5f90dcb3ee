package org.rlautoscaler.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** /json_endpoint with the bundled document, a configured file, and the original's two errors. */
class JsonEndpointTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void bundled_document_is_served_as_json() throws IOException {
        try (TestApp app = new TestApp(); InputStream in = getClass().getResourceAsStream("/content/data.json")) {
            HttpResponse<String> response = app.get("/json_endpoint");
            assertEquals(200, response.statusCode());
            assertEquals("application/json", response.headers().firstValue("Content-Type").orElseThrow());
            assertEquals(JSON.readTree(in), JSON.readTree(response.body()));
        }
    }

    @Test
    void configured_file_is_served_and_read_again_when_it_changes(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("data.json");
        Files.writeString(file, "{\"a\": 1}");
        try (TestApp app = new TestApp(WebConfig.defaults().withDataFile(file))) {
            assertEquals("{\"a\":1}", app.get("/json_endpoint").body());
            Files.writeString(file, "{\"a\": 2, \"b\": [true, null]}");
            Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));
            assertEquals("{\"a\":2,\"b\":[true,null]}", app.get("/json_endpoint").body());
        }
    }

    @Test
    void missing_file_is_404_as_in_the_original(@TempDir Path dir) {
        try (TestApp app = new TestApp(WebConfig.defaults().withDataFile(dir.resolve("absent.json")))) {
            HttpResponse<String> response = app.get("/json_endpoint");
            assertEquals(404, response.statusCode());
            assertEquals("{\"error\":\"JSON file not found\"}", response.body());
        }
    }

    @Test
    void corrupt_file_is_500_as_in_the_original(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("data.json");
        Files.writeString(file, "{\"a\": 1,");
        try (TestApp app = new TestApp(WebConfig.defaults().withDataFile(file))) {
            HttpResponse<String> response = app.get("/json_endpoint");
            assertEquals(500, response.statusCode());
            assertEquals("application/json", response.headers().firstValue("Content-Type").orElseThrow());
            assertEquals("{\"error\":\"Error decoding JSON file\"}", response.body());
        }
    }

    @Test
    void empty_file_is_corrupt_too(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("data.json");
        Files.writeString(file, "");
        try (TestApp app = new TestApp(WebConfig.defaults().withDataFile(file))) {
            assertEquals(500, app.get("/json_endpoint").statusCode());
        }
    }

    @Test
    void file_that_appears_later_is_served(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("later.json");
        try (TestApp app = new TestApp(WebConfig.defaults().withDataFile(file))) {
            assertEquals(404, app.get("/json_endpoint").statusCode());
            Files.writeString(file, "[1,2,3]");
            assertEquals("[1,2,3]", app.get("/json_endpoint").body());
        }
    }
}
