package org.rlautoscaler.autoscaler.prometheus;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** A fake Prometheus API on a free port: answers each query with a canned answer. */
final class CannedPrometheus implements AutoCloseable {

    /** An HTTP answer, sent after {@code delayMillis}. */
    record Answer(int status, String contentType, String body, long delayMillis) {
        Answer(int status, String body) {
            this(status, "application/json", body, 0);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final List<String> queries = new CopyOnWriteArrayList<>();

    CannedPrometheus(Function<String, Answer> answers) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/v1/query", exchange -> answer(exchange, answers));
        server.setExecutor(executor);
        server.start();
    }

    /** A success answer: an instant vector with one series per value. */
    static Answer vector(String... values) {
        String series = Stream.of(values)
                .map(v -> "{\"metric\":{\"instance\":\"" + v + "\"},\"value\":[1712000000.5,\"" + v + "\"]}")
                .collect(Collectors.joining(","));
        return new Answer(200, "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":["
                + series + "]}}");
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The queries received, decoded, in order. */
    List<String> queries() {
        return queries;
    }

    private void answer(HttpExchange exchange, Function<String, Answer> answers) throws IOException {
        String query = "";
        for (String pair : exchange.getRequestURI().getRawQuery().split("&")) {
            if (pair.startsWith("query=")) {
                query = URLDecoder.decode(pair.substring("query=".length()), StandardCharsets.UTF_8);
            }
        }
        queries.add(query);
        Answer answer = answers.apply(query);
        try {
            Thread.sleep(answer.delayMillis());
            byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", answer.contentType());
            exchange.sendResponseHeaders(answer.status(), body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException clientGone) {
            // the client timed out and closed the connection: expected in the timeout test
        } finally {
            exchange.close();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
