package org.rlautoscaler.web.pages;

import io.javalin.http.Handler;
import org.rlautoscaler.web.Responses;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The HTML pages {@code /}, {@code /about} and {@code /graphics}: each page's fragment
 * ({@code templates/NAME.html}) inside the shared layout ({@code templates/layout.html}),
 * rendered once at start-up, since they do not change while the application runs.
 */
public final class Pages {
    private final String layout = read("layout");

    /** A handler that answers with the page of {@code template}, titled {@code title}. */
    public Handler page(String path, String template, String title) {
        byte[] html = render(layout, path, title, read(template));
        return ctx -> Responses.send(ctx, "text/html; charset=utf-8", html);
    }

    static byte[] render(String layout, String path, String title, String content) {
        String marker = "data-nav=\"" + path + "\"";
        return layout
                .replace(marker, marker + " aria-current=\"page\"")
                .replace("{{title}}", title)
                .replace("{{content}}", content)
                .getBytes(StandardCharsets.UTF_8);
    }

    private static String read(String name) {
        String resource = "/templates/" + name + ".html";
        try (InputStream in = Pages.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the page template " + resource + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
