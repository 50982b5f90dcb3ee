package org.rlautoscaler.autoscaler.swarm;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.transport.DockerHttpClient;
import com.github.dockerjava.transport.DockerHttpClient.Request;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Reads and writes a service's spec as the engine's own JSON, through docker-java's transport.
 *
 * <p>Why not {@code inspectServiceCmd} and {@code updateServiceCmd}: docker-java 3.7.1 reads a
 * spec into its model and drops every field the model lacks ({@code Sysctls},
 * {@code CapabilityAdd}, {@code Placement.Preferences}, ...: no {@code @JsonAnySetter}), so
 * sending that spec back would silently remove them. Here the JSON tree goes back as it came,
 * with only the replica count changed.
 *
 * <p>Failures are docker-java's {@link DockerException} with the HTTP status, as its own
 * commands throw them, so {@link EngineErrors} reads both alike.
 */
final class RawServiceApi {
    /** One read of a service: its ID, version index (for the next update) and spec. */
    record RawService(String id, long version, ObjectNode spec) {
        /** {@code Spec.Mode.Replicated}, or null for a global (or job) service. */
        ObjectNode replicated() {
            JsonNode replicated = spec.path("Mode").path("Replicated");
            return replicated instanceof ObjectNode node ? node : null;
        }

        /** How the service is run, for messages: {@code Global}, {@code Replicated}. */
        String mode() {
            return spec.path("Mode").fieldNames().hasNext() ? spec.path("Mode").fieldNames().next() : "unknown";
        }
    }

    // Big decimals: a float in the spec (MaxFailureRatio) goes back exactly as it came.
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private final DockerHttpClient http;

    RawServiceApi(DockerHttpClient http) {
        this.http = Objects.requireNonNull(http, "http");
    }

    /** {@code GET /services/{id}}. */
    RawService inspect(String id) {
        JsonNode service = call(Request.builder()
                .method(Request.Method.GET)
                .path("/services/" + encode(id))
                .build());
        if (!(service.path("Spec") instanceof ObjectNode spec) || !service.path("Version").has("Index")) {
            throw new DockerException("the engine answered no Spec or Version for service " + id + ": "
                    + service, 500);
        }
        return new RawService(service.path("ID").asText(id), service.path("Version").path("Index").asLong(), spec);
    }

    /** {@code POST /services/{id}/update?version=...}: refused where {@code version} is stale. */
    void update(String id, long version, ObjectNode spec) {
        byte[] body;
        try {
            body = JSON.writeValueAsBytes(spec);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        call(Request.builder()
                .method(Request.Method.POST)
                .path("/services/" + encode(id) + "/update?version=" + version)
                .putHeader("Content-Type", "application/json")
                .bodyBytes(body)
                .build());
    }

    private JsonNode call(Request request) {
        try (DockerHttpClient.Response response = http.execute(request)) {
            byte[] body = response.getBody() == null ? new byte[0] : response.getBody().readAllBytes();
            String text = new String(body, StandardCharsets.UTF_8).strip();
            if (response.getStatusCode() >= 300) {
                // DockerException prefixes "Status 500: ", as for docker-java's own commands.
                throw new DockerException(text, response.getStatusCode());
            }
            return text.isEmpty() ? JSON.createObjectNode() : JSON.readTree(text);
        } catch (IOException e) {
            // As docker-java's transport does: EngineErrors finds the IOException in the chain.
            throw new UncheckedIOException(e);
        }
    }

    private static String encode(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8);
    }
}
