package org.rlautoscaler.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Stopping lets requests in flight finish and refuses new ones. */
class ShutdownTest {

    @Test
    void request_in_flight_finishes_when_the_application_stops() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        WebApplication app = WebApplication.start(WebConfig.defaults().onFreePorts());
        int port = app.port();
        URI slow = URI.create("http://localhost:" + app.port() + "/test?ms=1500");
        CompletableFuture<HttpResponse<String>> inFlight =
                client.sendAsync(HttpRequest.newBuilder(slow).build(), HttpResponse.BodyHandlers.ofString());
        Thread.sleep(400); // the request is being served

        long stopStart = System.nanoTime();
        app.close();
        long stopMillis = (System.nanoTime() - stopStart) / 1_000_000;

        HttpResponse<String> response = inFlight.get(10, TimeUnit.SECONDS);
        assertEquals(200, response.statusCode());
        assertTrue(response.body().contains("\"work_ms\":1500.0"), response.body());
        assertTrue(stopMillis >= 500, "stop returned after " + stopMillis + " ms, before the request ended");

        HttpClient fresh = HttpClient.newHttpClient();
        IOException refused = assertThrows(IOException.class, () -> fresh.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/health")).build(),
                HttpResponse.BodyHandlers.ofString()));
        assertTrue(refused instanceof ConnectException || refused.getMessage() != null, refused.toString());
    }
}
