package org.rlautoscaler.autoscaler.live.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rlautoscaler.autoscaler.live.LoopMetrics;
import org.slf4j.LoggerFactory;

/**
 * The autoscaler's port under abuse: slow clients that never finish their request, bursts of
 * connections, methods, queries and paths it does not serve. Timings here are generous bounds
 * (the machine may be loaded); the figures are measured by {@code scripts/bench-server.sh}.
 */
class ServerAbuseTest {
    /** Far longer than /health takes, far shorter than slow clients are held (the JDK server waited for them). */
    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(20);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(ANSWER_WITHIN).build();
    private HealthEndpoint endpoint;

    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    /** What reaches java.util.logging, where the JDK's own server and libraries without SLF4J write. */
    private final List<LogRecord> julLogged = new CopyOnWriteArrayList<>();
    private final Handler julHandler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            julLogged.add(record);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    @BeforeEach
    void start() throws IOException {
        logged.start();
        root().addAppender(logged);
        java.util.logging.Logger.getLogger("").addHandler(julHandler);
        endpoint = HealthEndpoint.start(0, new LoopMetrics(), Map.of("service", "test"), 15, Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        endpoint.close();
        root().detachAppender(logged);
        java.util.logging.Logger.getLogger("").removeHandler(julHandler);
    }

    private static ch.qos.logback.classic.Logger root() {
        return (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }

    @Test
    void no_client_behaviour_puts_a_stack_trace_or_a_warning_in_the_log() throws Exception {
        assertEquals(200, send("HEAD", "/health").statusCode());
        assertEquals(200, send("HEAD", "/").statusCode());
        statusAndBody(endpoint.port(), "/he%zzalth");
        statusAndBody(endpoint.port(), "/" + "c".repeat(20_000));
        send("DELETE", "/metrics");
        for (int i = 0; i < 20; i++) { // gone before the answer is written
            try (Socket socket = new Socket("127.0.0.1", endpoint.port())) {
                socket.getOutputStream().write("GET /assets/uPlot.iife.min.js HTTP/1.1\r\nHost: x\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                socket.setSoLinger(true, 0); // a reset, as a client that dies
            }
        }
        assertEquals(200, send("GET", "/health").statusCode());
        List<String> loud = logged.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN)
                || e.getThrowableProxy() != null).map(e -> e.getLevel() + " " + e.getLoggerName() + ": "
                + e.getFormattedMessage()).toList();
        assertEquals(List.of(), loud);
        List<String> julLoud = julLogged.stream().filter(r -> r.getLevel().intValue() >= java.util.logging.Level.WARNING
                .intValue() || r.getThrown() != null).map(r -> r.getLevel() + " " + r.getLoggerName() + ": "
                + r.getMessage()).toList();
        assertEquals(List.of(), julLoud);
    }

    private HttpResponse<String> send(String method, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + endpoint.port() + path))
                .timeout(ANSWER_WITHIN).method(method, HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void health_ready_and_metrics_answer_while_200_slow_clients_hold_half_sent_requests() throws Exception {
        List<Socket> slow = new ArrayList<>();
        try {
            for (int i = 0; i < 200; i++) {
                Socket socket = new Socket("127.0.0.1", endpoint.port());
                socket.getOutputStream().write("GET /health HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
                slow.add(socket);
            }
            for (String path : new String[] {"/health", "/ready", "/metrics", "/api/status", "/"}) {
                HttpResponse<String> response = send("GET", path);
                assertTrue(response.statusCode() == 200 || response.statusCode() == 503, path + ": " + response.statusCode());
            }
        } finally {
            for (Socket socket : slow) {
                socket.close();
            }
        }
    }

    @Test
    void a_burst_of_300_connections_at_once_is_served_none_reset() throws Exception {
        int connections = 300;
        List<Future<String>> answers = new ArrayList<>();
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < connections; i++) {
                answers.add(clients.submit(() -> statusLine(endpoint.port(), i2path(answers.size()))));
            }
            int served = 0;
            List<String> failed = new ArrayList<>();
            for (Future<String> answer : answers) {
                String line = answer.get();
                if (line.startsWith("HTTP/1.1 200")) {
                    served++;
                } else {
                    failed.add(line);
                }
            }
            assertEquals(connections, served, "failed: " + failed);
        }
    }

    private static String i2path(int i) {
        return i % 2 == 0 ? "/metrics" : "/health";
    }

    /** The status line of one request on a connection of its own, or what went wrong. */
    private static String statusLine(int port, String path) {
        try {
            String answer = statusAndBody(port, path);
            return answer.isEmpty() ? "no answer" : answer.lines().findFirst().orElseThrow();
        } catch (IOException e) {
            return e.toString();
        }
    }

    @Test
    void methods_other_than_get_and_head_are_405_with_allow() throws Exception {
        for (String method : new String[] {"POST", "PUT", "DELETE", "PATCH"}) {
            HttpResponse<String> response = send(method, "/health");
            assertEquals(405, response.statusCode(), method);
            assertEquals("GET, HEAD", response.headers().firstValue("Allow").orElse(""), method);
            assertEquals("{\"error\":\"method " + method + " not allowed; use GET or HEAD\"}", response.body(), method);
        }
        HttpResponse<String> head = send("HEAD", "/health");
        assertEquals(200, head.statusCode());
        assertEquals("", head.body());
    }

    @Test
    void a_bad_escape_is_a_json_400_a_query_nobody_reads_is_ignored_and_a_long_unknown_path_is_not_echoed_whole()
            throws Exception {
        String badQuery = statusAndBody(endpoint.port(), "/health?x=%zz");
        assertTrue(badQuery.startsWith("HTTP/1.1 200"), badQuery);
        String badPath = statusAndBody(endpoint.port(), "/he%zzalth");
        assertTrue(badPath.startsWith("HTTP/1.1 400"), badPath);
        assertTrue(badPath.contains("application/json"), badPath);
        assertTrue(badPath.contains("{\"error\":"), badPath);

        String path = "/" + "a".repeat(4000);
        HttpResponse<String> missing = send("GET", path);
        assertEquals(404, missing.statusCode());
        assertTrue(missing.body().length() < 600, missing.body().length() + " characters: " + missing.body());
        assertTrue(missing.body().contains("(4001 characters)"), missing.body());

        String huge = statusAndBody(endpoint.port(), "/" + "b".repeat(20_000));
        assertTrue(huge.startsWith("HTTP/1.1 414") || huge.startsWith("HTTP/1.1 431"), huge);
        assertTrue(huge.contains("{\"error\":"), huge);
    }

    @Test
    void metrics_ignore_unknown_parameters() throws Exception {
        HttpResponse<String> response = send("GET", "/metrics?debug=foo");
        assertEquals(200, response.statusCode());
        assertTrue(response.body().contains("autoscaler_"), response.body());
    }

    /** The whole answer to one raw request line, which the JDK's client would refuse to send. */
    private static String statusAndBody(int port, String target) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout((int) ANSWER_WITHIN.toMillis());
            socket.getOutputStream().write(("GET " + target + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
