package org.rlautoscaler.web;

import io.javalin.http.Context;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** Writing a ready response body, the fast way. */
public final class Responses {
    private Responses() {}

    /**
     * Sends {@code body} with a Content-Length in one write to the servlet's stream. Javalin's
     * {@code ctx.result(bytes)} would copy it through a stream and a fresh buffer per request,
     * which on this application's hottest routes costs about a quarter of their CPU time.
     */
    public static void send(Context ctx, String contentType, byte[] body) throws IOException {
        HttpServletResponse response = ctx.res();
        response.setContentType(contentType);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
