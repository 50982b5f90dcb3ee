package org.rlautoscaler.users;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A real HTTP server for the simulator to load: answers every path with 200 (or 500 under
 * {@code /fail}), after {@code delayMillis}, and remembers when each request arrived.
 */
final class TestTarget implements AutoCloseable {
    record Arrival(long nanoTime, String path, String range) {}

    private final HttpServer server;
    private final ExecutorService executor;
    private final ConcurrentLinkedQueue<Arrival> arrivals = new ConcurrentLinkedQueue<>();
    final long startNanos = System.nanoTime();

    /** Serves requests concurrently, each after {@code delayMillis}. */
    static TestTarget start(long delayMillis) {
        return new TestTarget(delayMillis, Executors.newVirtualThreadPerTaskExecutor());
    }

    /** Serves one request at a time, each taking {@code delayMillis}: a server that saturates. */
    static TestTarget oneAtATime(long delayMillis) {
        return new TestTarget(delayMillis, Executors.newSingleThreadExecutor());
    }

    private TestTarget(long delayMillis, ExecutorService executor) {
        this.executor = executor;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1000);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            arrivals.add(new Arrival(System.nanoTime(), exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("Range")));
            if (delayMillis > 0) {
                try {
                    Thread.sleep(delayMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            byte[] body = "ok".getBytes();
            int status = exchange.getRequestURI().getPath().startsWith("/fail") ? 500 : 200;
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.setExecutor(executor);
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    List<Arrival> arrivals() {
        return List.copyOf(arrivals);
    }

    /** Requests a second that arrived between {@code from} and {@code to} seconds after start. */
    double rate(double from, double to) {
        long count = arrivals.stream()
                .filter(a -> a.nanoTime() - startNanos >= from * 1e9 && a.nanoTime() - startNanos < to * 1e9)
                .count();
        return count / (to - from);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
