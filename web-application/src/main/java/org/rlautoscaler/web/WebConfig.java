package org.rlautoscaler.web;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Everything the web application can be told, validated by {@link Main} before it starts.
 *
 * @param port           HTTP port of the pages and endpoints; 0 picks a free port
 * @param metricsPort    port of the Prometheus metrics ({@code /metrics}); 0 picks a free port
 * @param dataFile       the JSON document served at {@code /json_endpoint}; empty: the bundled one
 * @param videoFile      the MP4 served at {@code /streaming}; empty: the bundled {@code video_1.mp4}
 * @param workMillis     CPU time one {@code GET /test} costs, in milliseconds
 * @param shutdownGrace  how long in-flight requests may take to finish after SIGTERM
 */
public record WebConfig(
        int port,
        int metricsPort,
        Optional<Path> dataFile,
        Optional<Path> videoFile,
        double workMillis,
        Duration shutdownGrace) {

    /** The defaults of the original stack: app on 8082, metrics on 8000. */
    public static WebConfig defaults() {
        return new WebConfig(8082, 8000, Optional.empty(), Optional.empty(), 5, Duration.ofSeconds(10));
    }

    /** The same configuration on free ports, as tests want it. */
    public WebConfig onFreePorts() {
        return new WebConfig(0, 0, dataFile, videoFile, workMillis, shutdownGrace);
    }

    public WebConfig withDataFile(Path file) {
        return new WebConfig(port, metricsPort, Optional.of(file), videoFile, workMillis, shutdownGrace);
    }

    public WebConfig withVideoFile(Path file) {
        return new WebConfig(port, metricsPort, dataFile, Optional.of(file), workMillis, shutdownGrace);
    }

    public WebConfig withWorkMillis(double millis) {
        return new WebConfig(port, metricsPort, dataFile, videoFile, millis, shutdownGrace);
    }
}
