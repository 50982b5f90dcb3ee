package org.rlautoscaler.users;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.rlautoscaler.users.SimulationConfig.Model;
import org.rlautoscaler.users.load.OpenLoop;
import org.rlautoscaler.users.load.RequestMix;
import org.rlautoscaler.users.profile.LoadProfile;

/** The simulator against real HTTP servers started by the test. */
class SimulationTest {

    private static SimulationConfig config(URI url, String mix, Model model, LoadProfile profile,
                                           double requestIntervalSeconds, double restartSeconds, double durationSeconds) {
        return new SimulationConfig(url, RequestMix.parse(mix), model, profile,
                Duration.ofMillis((long) (requestIntervalSeconds * 1000)), Duration.ofMillis((long) (restartSeconds * 1000)),
                Duration.ofMillis((long) (durationSeconds * 1000)), -1, Duration.ofSeconds(1),
                Duration.ofSeconds(5), Duration.ofSeconds(30), 10_000, 256, OpenLoop.Arrivals.poisson);
    }

    @Test
    void three_hundred_users_hold_the_configured_rate_within_ten_percent() throws Exception {
        try (TestTarget target = TestTarget.start(0)) {
            Report report = new Simulation(config(target.url(), "/test", Model.closed, new LoadProfile.Constant(300),
                    0.5, 0, 8)).run();
            double rate = target.rate(2, 8);
            assertTrue(Math.abs(rate - 600) <= 60, "300 users every 0.5 s should give 600 requests/s, got " + rate);
            assertEquals(0, report.errors());
            assertTrue(report.requests() >= 4000, "requests " + report.requests());
        }
    }

    @Test
    void open_model_poisson_arrivals_hold_the_rate_on_average() throws Exception {
        try (TestTarget target = TestTarget.start(0)) {
            Report report = new Simulation(config(target.url(), "/", Model.open, new LoadProfile.Constant(20),
                    0.1, 0, 8)).run();
            double rate = target.rate(2, 8);
            // 200 independent arrivals a second: over 6 s, 1200 +- 35 (one standard deviation)
            assertTrue(Math.abs(rate - 200) <= 30, "20 users every 0.1 s should arrive at 200 requests/s, got " + rate);
            // the open model does not wait for answers: the last ones may be cut off as the run ends
            assertTrue(report.errors() <= 5, "errors " + report.errors());
        }
    }

    @Test
    void users_are_restarted_every_interval_and_keep_requesting() throws Exception {
        try (TestTarget target = TestTarget.start(0)) {
            Report report = new Simulation(config(target.url(), "/", Model.closed, new LoadProfile.Constant(20),
                    0.1, 2.4, 6.2)).run();
            assertEquals(2, report.restarts());
            assertTrue(target.rate(5, 6) > 150, "after two restarts, 20 users still make about 200 requests/s: "
                    + target.rate(5, 6));
        }
    }

    @Test
    void step_profile_raises_and_lowers_the_request_rate() throws Exception {
        try (TestTarget target = TestTarget.start(0)) {
            new Simulation(config(target.url(), "/", Model.closed, new LoadProfile.Step(5, 50, 2, 2),
                    0.2, 0, 6)).run();
            double before = target.rate(0.5, 2);
            double during = target.rate(2.5, 4);
            double after = target.rate(4.5, 6);
            assertTrue(Math.abs(before - 25) <= 6, "5 users: about 25 requests/s, got " + before);
            assertTrue(Math.abs(during - 250) <= 40, "50 users: about 250 requests/s, got " + during);
            assertTrue(Math.abs(after - 25) <= 6, "back to 5 users: about 25 requests/s, got " + after);
        }
    }

    @Test
    void the_default_mix_touches_every_route_and_reads_a_short_range_of_the_video() throws Exception {
        try (TestTarget target = TestTarget.start(0)) {
            new Simulation(config(target.url(), "default", Model.closed, new LoadProfile.Constant(50),
                    0.1, 0, 3)).run();
            var byPath = target.arrivals().stream().collect(
                    java.util.stream.Collectors.groupingBy(TestTarget.Arrival::path, java.util.stream.Collectors.counting()));
            assertEquals(java.util.Set.of("/", "/about", "/graphics", "/json_endpoint", "/test", "/streaming"), byPath.keySet());
            long total = byPath.values().stream().mapToLong(Long::longValue).sum();
            double testShare = byPath.get("/test") / (double) total;
            assertTrue(Math.abs(testShare - 4.0 / 13) < 0.05, "/test should be 4 of 13 requests: " + testShare);
            assertTrue(target.arrivals().stream().filter(a -> a.path().equals("/streaming"))
                    .allMatch(a -> "bytes=0-65535".equals(a.range())));
        }
    }

    @Test
    void target_down_is_counted_as_errors_and_users_back_off() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Report report = new Simulation(config(URI.create("http://127.0.0.1:" + closedPort), "/", Model.closed,
                new LoadProfile.Constant(10), 0.1, 0, 3)).run();
        assertTrue(report.requests() > 0);
        assertEquals(report.requests(), report.errors());
        assertEquals(report.errors(), report.errorsByKind().get("connect"));
        // Without backing off, 10 users every 0.1 s for 3 s would try about 300 times.
        assertTrue(report.requests() <= 80, "users should back off, but tried " + report.requests() + " times");
    }

    @Test
    void server_errors_are_counted_by_kind() throws Exception {
        try (TestTarget target = TestTarget.start(0)) {
            Report report = new Simulation(config(target.url(), "/fail=1,/=1", Model.closed, new LoadProfile.Constant(10),
                    0.1, 0, 2)).run();
            long failures = target.arrivals().stream().filter(a -> a.path().equals("/fail")).count();
            long counted = report.errorsByKind().get("http_5xx");
            assertEquals(counted, report.errors(), "every error is a 5xx here");
            // A request the server received just as the run ended may be cut off unanswered:
            // at most one per user (10) goes uncounted.
            assertTrue(counted <= failures && counted >= failures - 10,
                    "the server answered 500 " + failures + " times; the simulator counted " + counted);
            assertTrue(counted > 20, "10 users, half their requests to /fail, for 2 s: " + counted);
        }
    }

    @Test
    void open_model_counts_queueing_that_the_closed_model_would_hide() throws Exception {
        // A server that answers one request at a time in 50 ms can serve 20 a second.
        // Asked for 40 a second, the open model's requests queue, and its latency says so.
        Report open;
        try (TestTarget target = TestTarget.oneAtATime(50)) {
            open = new Simulation(config(target.url(), "/", Model.open, new LoadProfile.Constant(2),
                    0.05, 0, 4)).run();
        }
        Report closed;
        try (TestTarget target = TestTarget.oneAtATime(50)) {
            closed = new Simulation(config(target.url(), "/", Model.closed, new LoadProfile.Constant(2),
                    0.05, 0, 4)).run();
        }
        assertTrue(open.p99Millis() > 1000, "open model p99 should show the growing queue: " + open);
        assertTrue(closed.p99Millis() < 300, "closed model waits, so its latency stays near 50-100 ms: " + closed);
    }

    @Test
    void metrics_endpoint_shows_users_rate_and_requests() throws Exception {
        try (TestTarget target = TestTarget.start(0)) {
            SimulationConfig base = config(target.url(), "/test", Model.closed, new LoadProfile.Constant(8), 0.1, 0, 3);
            Simulation simulation = new Simulation(new SimulationConfig(base.baseUrl(), base.mix(), base.model(),
                    base.profile(), base.requestInterval(), base.restartInterval(), base.duration(), 0,
                    base.reportInterval(), base.timeout(), base.maxBackoff(), base.maxInFlight(), base.maxConnections(),
                    base.arrivals()));
            CompletableFuture<Report> run = CompletableFuture.supplyAsync(() -> {
                try {
                    return simulation.run();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(1500);
            String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + simulation.metricsPort() + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            run.get();
            assertTrue(metrics.contains("simulate_users_active_users 8.0"), metrics);
            assertTrue(metrics.contains("simulate_users_target_requests_per_second 80.0"), metrics);
            assertTrue(metrics.contains("simulate_users_requests_total{path=\"/test\",status=\"200\"}"), metrics);
            assertTrue(metrics.contains("simulate_users_request_duration_seconds_bucket{path=\"/test\",le=\"0.001\"}"), metrics);
        }
    }
}
