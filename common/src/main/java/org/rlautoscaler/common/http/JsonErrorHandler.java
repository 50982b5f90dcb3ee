package org.rlautoscaler.common.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Answers the errors Jetty raises before a request reaches the application (a malformed or
 * ambiguous URI such as {@code /static/%2e%2e/}, headers too large) with the same JSON body as
 * every other error, {@code {"error": "..."}}, instead of an HTML page.
 */
public final class JsonErrorHandler extends ErrorHandler {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    protected void generateResponse(Request request, Response response, int code, String message,
                                    Throwable cause, Callback callback) {
        String reason = HttpStatus.getMessage(code);
        String error = message == null || message.isBlank() || message.equals(reason)
                ? reason : reason + ": " + message;
        byte[] body;
        try {
            body = JSON.writeValueAsBytes(Map.of("error", error));
        } catch (JsonProcessingException e) {
            body = "{\"error\":\"Error\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
    }
}
