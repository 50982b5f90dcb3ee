package org.rlautoscaler.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.rlautoscaler.web.work.CpuWork;

/** Stopping lets requests in flight finish and refuses new ones. */
class ShutdownTest {

    /** True while some thread of this JVM is inside {@link CpuWork#burn}: a /test request being served. */
    private static boolean burning() {
        return Thread.getAllStackTraces().values().stream().anyMatch(stack -> Arrays.stream(stack)
                .anyMatch(frame -> frame.getClassName().equals(CpuWork.class.getName())));
    }

    @Test
    void request_in_flight_finishes_when_the_application_stops() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        // A grace far longer than the request, so that a loaded machine cannot make it run out.
        WebApplication app = WebApplication.start(new WebConfig(0, 0, Optional.empty(), Optional.empty(), 5,
                Duration.ofSeconds(120)));
        int port = app.port();
        URI slow = URI.create("http://localhost:" + app.port() + "/test?ms=500");
        CompletableFuture<HttpResponse<String>> inFlight =
                client.sendAsync(HttpRequest.newBuilder(slow).build(), HttpResponse.BodyHandlers.ofString());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!burning() && !inFlight.isDone() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertTrue(burning(), "the request is being served when the application stops");

        app.close();
        assertFalse(burning(), "stop returned only after the request in flight had finished");

        HttpResponse<String> response = inFlight.get(60, TimeUnit.SECONDS);
        assertEquals(200, response.statusCode());
        assertTrue(response.body().contains("\"work_ms\":500.0"), response.body());

        HttpClient fresh = HttpClient.newHttpClient();
        IOException refused = assertThrows(IOException.class, () -> fresh.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/health")).build(),
                HttpResponse.BodyHandlers.ofString()));
        assertTrue(refused instanceof ConnectException || refused.getMessage() != null, refused.toString());
    }
}
