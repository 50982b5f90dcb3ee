package org.rlautoscaler.web;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.rlautoscaler.common.cli.Cli;
import org.rlautoscaler.common.cli.Range;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Starts the web application.
 *
 * <pre>
 * java -jar web-application/target/web-application.jar          # app on 8082, metrics on 8000
 * PORT=0 METRICS_PORT=0 java -jar web-application.jar            # free ports, named in the log
 * curl localhost:8082/json_endpoint
 * curl -r 0-99 -o part.mp4 localhost:8082/streaming
 * curl localhost:8082/test                                       # costs WORK_MS of CPU
 * curl localhost:8000/metrics
 * </pre>
 */
@Command(name = "web-application", mixinStandardHelpOptions = true, sortOptions = false,
        description = "The service the autoscaler scales: pages, a video, a JSON document, "
                + "a CPU-costly /test endpoint, and Prometheus metrics on their own port.")
public final class Main implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Range(min = 0, max = 65535)
    @Option(names = "--port", paramLabel = "PORT", defaultValue = "8082",
            description = "HTTP port of the application; 0 picks a free port. Default: ${DEFAULT-VALUE}.")
    int port;

    @Range(min = 0, max = 65535)
    @Option(names = "--metrics-port", paramLabel = "PORT", defaultValue = "8000",
            description = "Port of the Prometheus metrics (/metrics); 0 picks a free port. Default: ${DEFAULT-VALUE}.")
    int metricsPort;

    @Option(names = "--data-file", paramLabel = "FILE",
            description = "JSON document served at /json_endpoint, read again when it changes. "
                    + "Default: the bundled data.json.")
    Path dataFile;

    @Option(names = "--video-file", paramLabel = "FILE",
            description = "MP4 video served at /streaming. Default: the bundled video_1.mp4 (6 s).")
    Path videoFile;

    @Range(min = 0, max = 10_000)
    @Option(names = "--work-ms", paramLabel = "MS", defaultValue = "5",
            description = "CPU time, in milliseconds, that one GET /test costs. Default: ${DEFAULT-VALUE}.")
    double workMillis;

    @Range(min = 0, max = 300)
    @Option(names = "--shutdown-grace-seconds", paramLabel = "SECONDS", defaultValue = "10",
            description = "How long in-flight requests may run after SIGTERM, in seconds. Default: ${DEFAULT-VALUE}.")
    int shutdownGraceSeconds;

    public static void main(String[] args) {
        int status = Cli.execute(new Main(), args);
        if (status != 0) {
            System.exit(status);
        }
    }

    @Override
    public Integer call() throws InterruptedException {
        if (port == metricsPort && port != 0) {
            throw Cli.invalid(spec, "--metrics-port", metricsPort, "a port other than --port (" + port + "), or 0");
        }
        WebConfig config = new WebConfig(port, metricsPort,
                Optional.ofNullable(dataFile), Optional.ofNullable(requireReadable(videoFile, "--video-file")),
                workMillis, Duration.ofSeconds(shutdownGraceSeconds));
        requireFree(port, "--port");
        requireFree(metricsPort, "--metrics-port");
        WebApplication app = WebApplication.start(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.close();
            stopped.countDown();
        }, "shutdown"));
        stopped.await();
        return 0;
    }

    /** The video must exist at start; the data file may come and go (the app answers 404 then). */
    private Path requireReadable(Path file, String option) {
        if (file != null && !(Files.isRegularFile(file) && Files.isReadable(file))) {
            throw Cli.invalid(spec, option, file, "a readable regular file");
        }
        return file;
    }

    /**
     * A port taken by another program is refused here, in one line, rather than half-way through
     * the start with the servers' stack traces. Binds as the servers do (every address, address
     * reuse on) and lets go at once.
     */
    private void requireFree(int candidate, String option) {
        if (candidate == 0) {
            return;
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(candidate));
        } catch (IOException e) {
            String reason = e.getMessage() == null ? e.toString() : e.getMessage();
            throw Cli.invalid(spec, option, candidate, reason.contains("in use")
                    ? "a free port (" + candidate + " is in use: " + reason + ")"
                    : "a port this program may listen on (" + candidate + ": " + reason + ")");
        }
    }
}
