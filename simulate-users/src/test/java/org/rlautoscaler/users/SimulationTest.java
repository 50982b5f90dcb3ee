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
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.rlautoscaler.users.SimulationConfig.Model;
import org.rlautoscaler.users.load.OpenLoop;
import org.rlautoscaler.users.load.RequestMix;
import org.rlautoscaler.users.profile.LoadProfile;

/**
 * The simulator against real HTTP servers started by the test. The machine may be loaded, so
 * the assertions are about counts, orderings and limits that load cannot break: a slow machine
 * makes fewer requests, never more. Runs that need a number of requests wait for them (with a
 * generous bound) rather than for a time. The rates the simulator holds are measured by
 * scripts/bench-users.sh (docs/benchmarks.md).
 */
class SimulationTest {
    /** The longest any run waits for what it needs; reached only when something is broken. */
    private static final Duration BOUND = Duration.ofSeconds(90);

    private static SimulationConfig config(URI url, String mix, Model model, LoadProfile profile,
                                           double requestIntervalSeconds, double restartSeconds, double durationSeconds) {
        return config(url, mix, model, profile, requestIntervalSeconds, restartSeconds, durationSeconds, -1);
    }

    private static SimulationConfig config(URI url, String mix, Model model, LoadProfile profile,
                                           double requestIntervalSeconds, double restartSeconds, double durationSeconds,
                                           int metricsPort) {
        return new SimulationConfig(url, RequestMix.parse(mix), model, profile,
                Duration.ofMillis((long) (requestIntervalSeconds * 1000)), Duration.ofMillis((long) (restartSeconds * 1000)),
                Duration.ofMillis((long) (durationSeconds * 1000)), metricsPort, Duration.ofSeconds(1),
                Duration.ofSeconds(30), Duration.ofSeconds(30), 10_000, 256, OpenLoop.Arrivals.poisson, null, Duration.ZERO);
    }

    /** Runs until {@code done} holds (checked every 50 ms, at most {@link #BOUND}), then stops the run. */
    private static Report runUntil(Simulation simulation, BooleanSupplier done) throws Exception {
        CompletableFuture<Report> run = CompletableFuture.supplyAsync(() -> {
            try {
                return simulation.run();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        long deadline = System.nanoTime() + BOUND.toNanos();
        while (!done.getAsBoolean() && !run.isDone() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        boolean reached = done.getAsBoolean();
        simulation.stop(30);
        Report report = run.get(60, TimeUnit.SECONDS);
        assertTrue(reached, "the run never got there within " + BOUND.toSeconds() + " s: " + report);
        return report;
    }

    @Test
    void closed_users_send_at_most_one_request_each_per_interval_and_none_fails() throws Exception {
        try (TestTarget target = TestTarget.start(0)) {
            Report report = new Simulation(config(target.url(), "/test", Model.closed, new LoadProfile.Constant(300),
                    0.5, 0, 3)).run();
            assertEquals(0, report.errors());
            assertTrue(report.requests() > 0, report.toString());
            // Each user's first request comes within its first interval, then one an interval at
            // most: a slow machine sends fewer, never more.
            double most = 300 * (report.seconds() / 0.5 + 1);
            assertTrue(report.requests() <= most, "at most " + most + " requests: " + report);
            assertTrue(target.arrivals().size() >= report.requests(), "every request counted reached the server");
        }
    }

    @Test
    void open_model_arrivals_do_not_wait_for_answers() throws Exception {
        // Every answer takes a second. Twenty closed users could send at most 20 * (seconds + 1)
        // requests; the open model keeps sending 200 a second whatever the answers do.
        try (TestTarget target = TestTarget.start(1000)) {
            Report report = new Simulation(config(target.url(), "/", Model.open, new LoadProfile.Constant(20),
                    0.1, 0, 3)).run();
            double closedMost = 20 * (report.seconds() / 1.0 + 1);
            assertTrue(target.arrivals().size() > 2 * closedMost,
                    target.arrivals().size() + " arrivals, a closed model's most " + closedMost + ": " + report);
        }
    }

    @Test
    void users_are_restarted_every_interval_and_keep_requesting() throws Exception {
        try (TestTarget target = TestTarget.start(0)) {
            Simulation simulation = new Simulation(config(target.url(), "/", Model.closed, new LoadProfile.Constant(20),
                    0.1, 1, 0));
            long[] afterSecondRestart = {-1};
            Report report = runUntil(simulation, () -> {
                if (afterSecondRestart[0] < 0 && simulation.stats().restartsTotal() >= 2) {
                    afterSecondRestart[0] = target.arrivals().size();
                }
                return afterSecondRestart[0] >= 0 && target.arrivals().size() >= afterSecondRestart[0] + 40;
            });
            assertTrue(report.restarts() >= 2, report.toString());
            assertTrue(report.restarts() <= Math.floor(report.seconds()), "at most one restart a second: " + report);
            assertEquals(0, report.errors(), report.toString());
        }
    }

    @Test
    void step_profile_raises_and_lowers_the_request_rate() throws Exception {
        try (TestTarget target = TestTarget.start(0)) {
            // 2 users (10 requests/s) for 3 s, 60 users (300/s) for 3 s, then 2 users again.
            long start = System.nanoTime();
            new Simulation(config(target.url(), "/", Model.closed, new LoadProfile.Step(2, 60, 3, 3),
                    0.2, 0, 9)).run();
            double offset = (start - target.startNanos) / 1e9;
            double before = target.rate(offset + 0.5, offset + 2.5);
            double during = target.rate(offset + 3.5, offset + 5.5);
            double after = target.rate(offset + 6.5, offset + 8.5);
            assertTrue(before > 0 && after > 0, "the base users request before and after the step: " + before + ", " + after);
            assertTrue(during > 3 * before && during > 3 * after,
                    "thirty times the users: requests/s before " + before + ", during " + during + ", after " + after);
        }
    }

    @Test
    void the_default_mix_touches_every_route_and_reads_a_short_range_of_the_video() throws Exception {
        try (TestTarget target = TestTarget.start(0)) {
            runUntil(new Simulation(config(target.url(), "default", Model.closed, new LoadProfile.Constant(50),
                    0.1, 0, 0)), () -> target.arrivals().size() >= 1300);
            var byPath = target.arrivals().stream().collect(
                    java.util.stream.Collectors.groupingBy(TestTarget.Arrival::path, java.util.stream.Collectors.counting()));
            assertEquals(java.util.Set.of("/", "/about", "/graphics", "/json_endpoint", "/test", "/streaming"), byPath.keySet());
            long total = byPath.values().stream().mapToLong(Long::longValue).sum();
            double testShare = byPath.get("/test") / (double) total;
            // 4 of 13 on average; over 1300 requests or more, 0.05 is four standard deviations.
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
            Report report = runUntil(new Simulation(config(target.url(), "/fail=1,/=1", Model.closed,
                    new LoadProfile.Constant(10), 0.1, 0, 0)),
                    () -> target.arrivals().stream().filter(a -> a.path().equals("/fail")).count() >= 40);
            long failures = target.arrivals().stream().filter(a -> a.path().equals("/fail")).count();
            long counted = report.errorsByKind().get("http_5xx");
            assertEquals(counted, report.errors(), "every error is a 5xx here");
            // A request the server received just as the run ended may be cut off unanswered:
            // at most one per user (10) goes uncounted.
            assertTrue(counted <= failures && counted >= failures - 10,
                    "the server answered 500 " + failures + " times; the simulator counted " + counted);
        }
    }

    @Test
    void open_model_counts_queueing_that_the_closed_model_would_hide() throws Exception {
        // A server that answers one request at a time in 50 ms can serve 20 a second.
        // Asked for 40 a second, the open model's requests queue, and its latency says so;
        // the closed model's 2 users wait for their answers and see at most the other's request
        // ahead of theirs. A loaded machine slows the server, which only makes the queue longer.
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
        assertTrue(closed.p99Millis() * 2 < open.p99Millis(), "the closed model hides the queue: " + closed
                + " against " + open);
    }

    @Test
    void metrics_endpoint_shows_users_rate_and_requests() throws Exception {
        try (TestTarget target = TestTarget.start(0)) {
            Simulation simulation = new Simulation(config(target.url(), "/test", Model.closed, new LoadProfile.Constant(8),
                    0.1, 0, 0, 0));
            HttpClient client = HttpClient.newHttpClient();
            String[] metrics = {""};
            runUntil(simulation, () -> {
                if (simulation.metricsPort() > 0) {
                    try {
                        metrics[0] = client.send(HttpRequest.newBuilder(URI.create("http://localhost:"
                                + simulation.metricsPort() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
                    } catch (Exception e) {
                        metrics[0] = e.toString();
                    }
                }
                return metrics[0].contains("simulate_users_requests_total{path=\"/test\",status=\"200\"}");
            });
            assertTrue(metrics[0].contains("simulate_users_active_users 8.0"), metrics[0]);
            assertTrue(metrics[0].contains("simulate_users_target_requests_per_second 80.0"), metrics[0]);
            assertTrue(metrics[0].contains("simulate_users_request_duration_seconds_bucket{path=\"/test\",le=\"0.001\"}"),
                    metrics[0]);
        }
    }
}
