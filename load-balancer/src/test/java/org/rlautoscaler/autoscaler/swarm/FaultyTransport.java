package org.rlautoscaler.autoscaler.swarm;

import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import com.github.dockerjava.transport.DockerHttpClient;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The real transport to the local engine, except that the first {@code times} service updates
 * get a made-up answer instead ({@code status} and a Docker-style JSON message): for the answers
 * this engine will not give on demand (403, 409).
 */
final class FaultyTransport implements DockerHttpClient {
    final DefaultDockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder().build();
    final AtomicInteger faked = new AtomicInteger();
    private final DockerHttpClient real = new ApacheDockerHttpClient.Builder().dockerHost(config.getDockerHost()).build();
    private final int status;
    private final String message;
    private final int times;

    FaultyTransport(int status, String message, int times) {
        this.status = status;
        this.message = message;
        this.times = times;
    }

    @Override
    public Response execute(Request request) {
        boolean update = "POST".equals(request.method()) && request.path().contains("/update");
        if (update && faked.get() < times) {
            faked.incrementAndGet();
            return new Made(status, "{\"message\":\"" + message + "\"}");
        }
        return real.execute(request);
    }

    @Override
    public void close() throws IOException {
        real.close();
    }

    private record Made(int status, String body) implements Response {
        @Override public int getStatusCode() { return status; }
        @Override public Map<String, List<String>> getHeaders() { return Map.of("Content-Type", List.of("application/json")); }
        @Override public InputStream getBody() { return new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)); }
        @Override public void close() {}
    }
}
