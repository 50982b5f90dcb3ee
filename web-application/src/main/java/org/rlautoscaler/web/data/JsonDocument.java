package org.rlautoscaler.web.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JSON document of {@code /json_endpoint}: the bundled {@code data.json}, or a file that
 * is parsed again whenever its size or modification time changes (so it can be edited while
 * the application runs) and otherwise served from memory.
 */
public final class JsonDocument {
    private static final Logger log = LoggerFactory.getLogger(JsonDocument.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** What a read gave: the document's compact bytes, no file, or a file that is not JSON. */
    public sealed interface Content {
        record Found(byte[] json) implements Content {}

        record Missing() implements Content {}

        record Corrupt(String reason) implements Content {}
    }

    private record Snapshot(FileTime modified, long size, Content content) {}

    private final Optional<Path> file;
    private volatile Snapshot snapshot;

    private JsonDocument(Optional<Path> file, Snapshot initial) {
        this.file = file;
        this.snapshot = initial;
    }

    /** The document bundled in the jar ({@code content/data.json}). */
    public static JsonDocument bundled() {
        try (InputStream in = JsonDocument.class.getResourceAsStream("/content/data.json")) {
            if (in == null) {
                throw new IllegalStateException("the bundled content/data.json is missing from the jar");
            }
            return new JsonDocument(Optional.empty(), new Snapshot(null, -1, decode(in.readAllBytes())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A document read from {@code path}, which need not exist yet. */
    public static JsonDocument file(Path path) {
        return new JsonDocument(Optional.of(path), null);
    }

    /** The current content: from memory while the file is unchanged, else read and parsed again. */
    public Content current() {
        if (file.isEmpty()) {
            return snapshot.content();
        }
        Path path = file.get();
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(path, BasicFileAttributes.class);
        } catch (IOException e) {
            return new Content.Missing(); // absent, or not readable: both are "not found"
        }
        Snapshot cached = snapshot;
        if (cached != null && attributes.lastModifiedTime().equals(cached.modified())
                && attributes.size() == cached.size()) {
            return cached.content();
        }
        Content content;
        try {
            content = decode(Files.readAllBytes(path));
        } catch (IOException e) {
            content = new Content.Missing();
        }
        if (content instanceof Content.Corrupt corrupt) {
            log.warn("{} is not valid JSON: {}", path, corrupt.reason());
        }
        snapshot = new Snapshot(attributes.lastModifiedTime(), attributes.size(), content);
        return content;
    }

    private static Content decode(byte[] bytes) {
        try {
            JsonNode tree = MAPPER.readTree(bytes);
            if (tree == null || tree.isMissingNode()) {
                return new Content.Corrupt("the file is empty");
            }
            return new Content.Found(MAPPER.writeValueAsBytes(tree));
        } catch (JsonProcessingException e) {
            return new Content.Corrupt(e.getOriginalMessage());
        } catch (IOException e) {
            return new Content.Corrupt(e.getMessage());
        }
    }
}
