package org.rlautoscaler.web.data;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.util.Map;
import org.rlautoscaler.web.Responses;

/**
 * {@code GET /json_endpoint}: the JSON document, with the original's answers when it cannot be
 * served: 404 {@code {"error": "JSON file not found"}} and 500
 * {@code {"error": "Error decoding JSON file"}}.
 */
public final class JsonController {
    private final JsonDocument document;

    public JsonController(JsonDocument document) {
        this.document = document;
    }

    public void get(Context ctx) throws IOException {
        switch (document.current()) {
            case JsonDocument.Content.Found found -> Responses.send(ctx, "application/json", found.json());
            case JsonDocument.Content.Missing missing ->
                    ctx.status(HttpStatus.NOT_FOUND).json(Map.of("error", "JSON file not found"));
            case JsonDocument.Content.Corrupt corrupt ->
                    ctx.status(HttpStatus.INTERNAL_SERVER_ERROR).json(Map.of("error", "Error decoding JSON file"));
        }
    }
}
