package org.rlautoscaler.common.health;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A container health check that needs nothing but the JVM already in the image:
 * {@code java -cp app.jar org.rlautoscaler.common.health.HealthCheck http://127.0.0.1:8082/health}
 * exits 0 when the URL answers 2xx within 3 seconds, else 1 (and says why on standard error).
 */
public final class HealthCheck {
    private HealthCheck() {}

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: HealthCheck URL");
            System.exit(2);
        }
        System.exit(check(args[0]) ? 0 : 1);
    }

    static boolean check(String url) {
        try {
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            HttpResponse<Void> response = client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(3))
                    .build(), HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() / 100 == 2) {
                return true;
            }
            System.err.println(url + " answered " + response.statusCode());
        } catch (Exception e) {
            System.err.println(url + ": " + e);
        }
        return false;
    }
}
