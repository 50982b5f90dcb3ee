package org.rlautoscaler.users.load;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.Executors;

/**
 * Sends the mix's requests with one shared HTTP client, at most {@code maxConnections} at a
 * time: each request in flight holds a connection, and an unbounded number of them (10,000
 * users starting together opened 10,000) makes the client itself the bottleneck. A request
 * waiting for a connection is still being timed, so a saturated client shows in the latency.
 * Bodies are read and thrown away, so that the latency includes receiving the answer. Over
 * plain HTTP, the requests go to every address the base URL's host name resolves to, in turn
 * ({@link Endpoints}): every replica behind one DNS name gets its share, new ones within a second.
 */
public final class Requester implements AutoCloseable {
    private final HttpClient client;
    private final Semaphore connections;
    private final Map<RequestMix.Entry, HttpRequest> requests = new HashMap<>();
    /** Plain HTTP: the base URL's host name, resolved to every replica in turn; null for https, which needs the name. */
    private final Endpoints endpoints;
    private final Map<String, HttpRequest> byAddress = new ConcurrentHashMap<>();

    public Requester(URI baseUrl, RequestMix mix, Duration timeout, int maxConnections) {
        this.connections = new Semaphore(maxConnections);
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
        boolean spread = "http".equalsIgnoreCase(baseUrl.getScheme()) && baseUrl.getHost() != null;
        this.endpoints = spread ? new Endpoints(baseUrl.getHost()) : null;
    }

    /** Sends the request and waits for its answer. */
    public Outcome send(RequestMix.Entry entry) throws InterruptedException {
        connections.acquire();
        try {
            return Outcome.of(client.send(request(entry), HttpResponse.BodyHandlers.discarding()).statusCode());
        } catch (IOException e) {
            return Outcome.of(e);
        } finally {
            connections.release();
        }
    }

    /** The entry's request to the next replica in turn (plain HTTP), or to the base URL's name. */
    private HttpRequest request(RequestMix.Entry entry) throws IOException {
        HttpRequest request = requests.get(entry);
        if (endpoints == null) {
            return request;
        }
        InetAddress address = endpoints.next();
        return byAddress.computeIfAbsent(address.getHostAddress() + " " + entry.path() + " " + entry.range().orElse(""),
                key -> {
                    URI uri = request.uri();
                    String host = address.getHostAddress().contains(":") ? "[" + address.getHostAddress() + "]"
                            : address.getHostAddress();
                    URI direct = URI.create(uri.getScheme() + "://" + host + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
                            + uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
                    return HttpRequest.newBuilder(request, (name, value) -> true).uri(direct).build();
                });
    }

    @Override
    public void close() {
        client.shutdownNow();
    }
}
