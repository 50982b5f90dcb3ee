package org.rlautoscaler.users.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;

/**
 * Sends the mix's requests with one shared HTTP client. Bodies are read and thrown away, so
 * that a request's latency includes receiving its answer.
 */
public final class Requester implements AutoCloseable {
    private final HttpClient client;
    private final Map<RequestMix.Entry, HttpRequest> requests = new HashMap<>();

    public Requester(URI baseUrl, RequestMix mix, Duration timeout) {
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(Executors.newVirtualThreadPerTaskExecutor())
                .build();
        String base = baseUrl.toString().replaceAll("/+$", "");
        for (RequestMix.Entry entry : mix.entries()) {
            HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + entry.path()))
                    .timeout(timeout)
                    .header("User-Agent", "rl-autoscaler-simulate-users")
                    .GET();
            entry.range().ifPresent(range -> builder.header("Range", range));
            requests.put(entry, builder.build());
        }
    }

    /** Sends and waits for the answer (closed model). */
    public Outcome send(RequestMix.Entry entry) throws InterruptedException {
        try {
            return Outcome.of(client.send(requests.get(entry), HttpResponse.BodyHandlers.discarding()).statusCode());
        } catch (IOException e) {
            return Outcome.of(e);
        }
    }

    /** Sends without waiting (open model). */
    public CompletableFuture<Outcome> sendAsync(RequestMix.Entry entry) {
        return client.sendAsync(requests.get(entry), HttpResponse.BodyHandlers.discarding())
                .handle((response, failure) -> failure == null ? Outcome.of(response.statusCode()) : Outcome.of(failure));
    }

    @Override
    public void close() {
        client.shutdownNow();
    }
}
