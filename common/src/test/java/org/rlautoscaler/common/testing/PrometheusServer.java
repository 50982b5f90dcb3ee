package org.rlautoscaler.common.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;

/**
 * A real Prometheus server (the {@code prometheus} program) for tests: started with the given
 * scrape targets, stopped on {@link #close()}.
 */
public final class PrometheusServer implements AutoCloseable {
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final int port;

    private PrometheusServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * Starts Prometheus scraping {@code targets} ("host:port") every {@code scrapeInterval}.
     * Skips the test where Prometheus is not installed (fails under CI).
     */
    public static PrometheusServer start(Path workDir, Duration scrapeInterval, List<String> targets)
            throws IOException, InterruptedException {
        Path binary = RequiredTools.require("prometheus");
        int port = freePort();
        String seconds = scrapeInterval.toMillis() + "ms";
        StringBuilder config = new StringBuilder()
                .append("global:\n  scrape_interval: ").append(seconds).append('\n')
                .append("  evaluation_interval: ").append(seconds).append('\n')
                .append("scrape_configs:\n  - job_name: test\n    static_configs:\n      - targets: [");
        config.append(String.join(", ", targets.stream().map(t -> "'" + t + "'").toList())).append("]\n");
        Path configFile = workDir.resolve("prometheus.yml");
        Files.writeString(configFile, config);
        Process process = new ProcessBuilder(binary.toString(),
                "--config.file=" + configFile,
                "--storage.tsdb.path=" + workDir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port,
                "--log.level=warn")
                .redirectErrorStream(true)
                .redirectOutput(workDir.resolve("prometheus.log").toFile())
                .start();
        PrometheusServer server = new PrometheusServer(process, port);
        server.awaitReady(Duration.ofSeconds(30), workDir.resolve("prometheus.log"));
        return server;
    }

    /** Base URL, e.g. http://127.0.0.1:41234 */
    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** The raw answer of an instant query, as JSON. */
    public JsonNode query(String promql) throws IOException, InterruptedException {
        URI uri = URI.create(url() + "/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
        HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(uri).build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body());
    }

    /** The first sample's value of an instant query, or empty when the result is empty or NaN. */
    public OptionalDouble value(String promql) throws IOException, InterruptedException {
        JsonNode result = query(promql).path("data").path("result");
        if (!result.isArray() || result.isEmpty()) {
            return OptionalDouble.empty();
        }
        double value = Double.parseDouble(result.get(0).path("value").get(1).asText());
        return Double.isNaN(value) ? OptionalDouble.empty() : OptionalDouble.of(value);
    }

    /** Waits until the query has a value, or the timeout passes. */
    public OptionalDouble awaitValue(String promql, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        OptionalDouble value = value(promql);
        while (value.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(250);
            value = value(promql);
        }
        return value;
    }

    private void awaitReady(Duration timeout, Path log) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("prometheus exited with status " + process.exitValue()
                        + ": " + Files.readString(log));
            }
            try {
                HttpResponse<Void> ready = CLIENT.send(HttpRequest.newBuilder(URI.create(url() + "/-/ready")).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (ready.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        close();
        throw new IllegalStateException("prometheus was not ready within " + timeout + ": " + Files.readString(log));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
