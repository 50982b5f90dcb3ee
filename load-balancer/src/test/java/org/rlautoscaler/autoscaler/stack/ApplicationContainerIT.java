package org.rlautoscaler.autoscaler.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.rlautoscaler.common.testing.DockerCli;
import org.rlautoscaler.common.testing.RequiredTools;

/**
 * The application's image on the real engine, limited to half a core and saturated for 75 s by
 * 16 concurrent requests to /test (20 ms of CPU each) from this test: its health check keeps
 * passing (a shell and wget or curl asking the metrics port, not a second JVM), the container is
 * never unhealthy nor restarted, and {@code cpu_usage} reports the container's use of its half
 * core (about 100 under saturation, low at idle, and close to the JVM's own CPU time), not the
 * host's. The image's own health-check command runs with the image's timeout (10 s) and retries
 * (6), every 2 s instead of 15 s, so that the run is short: unhealthy would mean 6 checks in a
 * row failing within a saturation of 75 s. Bounds are generous: a loaded machine
 * slows everything down, and the assertions are about states and bands, not timings. It prints
 * one summary line (also in load-balancer/target/application-container-summary.txt).
 */
class ApplicationContainerIT {
    static final double CPU_LIMIT_CORES = 0.5;
    static final Duration SATURATION = Duration.ofSeconds(75);
    /** Requests in flight at once: far more than half a core at 20 ms of CPU each can serve. */
    static final int CONCURRENCY = 16;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final ObjectMapper json = new ObjectMapper();
    /** Health-check results by start time, gathered from the last five that docker inspect shows. */
    private final Map<Instant, JsonNode> healthChecks = new TreeMap<>();
    private final List<String> statuses = new ArrayList<>();

    @Test
    void a_saturated_replica_stays_healthy_and_reports_its_own_cpu_against_its_limit() throws Exception {
        RequiredTools.requireDockerSwarm();
        StackImages.build();
        String container = "rltest-appcpu-" + UUID.randomUUID().toString().substring(0, 8);
        try {
            DockerCli.run("run", "-d", "--name", container, "--label", "rl-autoscaler-test=true",
                    "--cpus", Double.toString(CPU_LIMIT_CORES), "--env", "WORK_MS=20",
                    "-p", "127.0.0.1::8082", "-p", "127.0.0.1::8000",
                    "--health-interval", "2s", "--health-timeout", "10s", "--health-retries", "6",
                    "--health-start-period", "5s", "rl-autoscaler/application:latest");
            URI app = URI.create("http://" + DockerCli.run("port", container, "8082").lines().findFirst().orElseThrow().strip());
            URI metrics = URI.create("http://" + DockerCli.run("port", container, "8000").lines().findFirst().orElseThrow().strip()
                    + "/metrics");

            String firstSample = awaitFirstExposition(metrics, container);
            awaitHealthy(container);
            // The metrics port (and so the health check) answers a moment before the application's.
            awaitAnswer(app.resolve("/health"), container);

            List<Double> saturated = new ArrayList<>();
            Instant saturationStart;
            double processCpuBefore;
            double processCpuAfter;
            AtomicBoolean loading = new AtomicBoolean(true);
            AtomicLong answered = new AtomicLong();
            Map<String, AtomicLong> failures = new ConcurrentHashMap<>();
            ExecutorService users = Executors.newVirtualThreadPerTaskExecutor();
            try {
                HttpRequest test = HttpRequest.newBuilder(app.resolve("/test")).timeout(Duration.ofSeconds(60)).build();
                for (int i = 0; i < CONCURRENCY; i++) {
                    users.submit(() -> {
                        while (loading.get()) {
                            String failure;
                            try {
                                int status = http.send(test, HttpResponse.BodyHandlers.discarding()).statusCode();
                                failure = status == 200 ? null : "HTTP " + status;
                            } catch (IOException e) {
                                failure = e.toString();
                            }
                            if (failure == null) {
                                answered.incrementAndGet();
                            } else {
                                failures.computeIfAbsent(failure, kind -> new AtomicLong()).incrementAndGet();
                                Thread.sleep(100);
                            }
                        }
                        return null;
                    });
                }
                // Saturation counts from the first high reading on: the JIT compiles during the first seconds.
                awaitCpu(metrics, value -> value >= 60, Duration.ofSeconds(90));
                saturationStart = Instant.now();
                processCpuBefore = sample(scrape(metrics), "process_cpu_seconds_total").orElseThrow();
                long started = System.nanoTime();
                while (System.nanoTime() - started < SATURATION.toNanos()) {
                    sample(scrape(metrics), "cpu_usage").ifPresent(saturated::add);
                    observe(container);
                    Thread.sleep(1_000);
                }
                processCpuAfter = sample(scrape(metrics), "process_cpu_seconds_total").orElseThrow();
            } finally {
                loading.set(false);
                users.shutdown();
                assertTrue(users.awaitTermination(2, TimeUnit.MINUTES), "the load generator stopped");
            }
            Instant saturationEnd = Instant.now();
            double processPercent = (processCpuAfter - processCpuBefore)
                    / Duration.between(saturationStart, saturationEnd).toNanos() * 1e9 / CPU_LIMIT_CORES * 100;
            double idle = awaitCpu(metrics, value -> value <= 30, Duration.ofSeconds(90));
            observe(container);

            List<JsonNode> during = healthChecks.entrySet().stream()
                    .filter(e -> !e.getKey().isBefore(saturationStart) && e.getKey().isBefore(saturationEnd))
                    .map(Map.Entry::getValue).toList();
            List<JsonNode> before = healthChecks.entrySet().stream()
                    .filter(e -> e.getKey().isBefore(saturationStart)).map(Map.Entry::getValue).toList();
            long passed = during.stream().filter(check -> check.path("ExitCode").asInt() == 0).count();
            List<Long> checkMillis = millis(during);
            List<Long> idleCheckMillis = millis(before);
            JsonNode state = state(container);
            int restarts = Integer.parseInt(DockerCli.run("inspect", "--format", "{{.RestartCount}}", container).strip());
            List<Double> sorted = saturated.stream().sorted().toList();
            double median = sorted.isEmpty() ? Double.NaN : sorted.get(sorted.size() / 2);
            String summary = String.format(Locale.ROOT,
                    "Application container, %.1f core, WORK_MS=20, %d requests in flight for %d s: %d answered, failed %s; "
                            + "health checks during saturation %d passed, %d failed (time from start to end as docker records it: "
                            + "median %s ms, max %s ms; before the load: median %s ms); statuses %s; "
                            + "restarts %d; cpu_usage under saturation median %.1f (min %.1f, max %.1f, %d readings), "
                            + "the JVM's own CPU %.1f %% of the limit; cpu_usage at idle %.1f; first exposition (running_time 0) "
                            + "%s",
                    CPU_LIMIT_CORES, CONCURRENCY, SATURATION.toSeconds(), answered.get(), failures, passed,
                    during.size() - passed, checkMillis.isEmpty() ? "-" : checkMillis.get(checkMillis.size() / 2),
                    checkMillis.isEmpty() ? "-" : checkMillis.getLast(),
                    idleCheckMillis.isEmpty() ? "-" : idleCheckMillis.get(idleCheckMillis.size() / 2), String.join(" ", statuses),
                    restarts, median, sorted.isEmpty() ? Double.NaN : sorted.getFirst(),
                    sorted.isEmpty() ? Double.NaN : sorted.getLast(), sorted.size(), processPercent, idle,
                    firstSample == null ? "not observed" : firstSample);
            System.out.println(summary);
            Files.writeString(StackImages.ROOT.resolve("load-balancer/target/application-container-summary.txt"), summary + "\n");

            assertFalse(statuses.contains("unhealthy"), "the container became unhealthy under saturation: " + summary);
            assertTrue(state.path("Running").asBoolean() && !state.path("OOMKilled").asBoolean() && restarts == 0,
                    "the container ran throughout: " + state + "\n" + summary);
            assertTrue(passed >= 10, "health checks passed during the saturation: " + summary);
            assertTrue(answered.get() > 0 && failures.isEmpty(), "the saturated replica kept serving, slowly: " + summary);
            assertTrue(median >= 60 && median <= 100, "cpu_usage near 100 % of the half-core limit under saturation: " + summary);
            assertTrue(Math.abs(median - processPercent) <= 25,
                    "cpu_usage agrees with the container's own CPU time, not the host's: " + summary);
            assertTrue(idle <= 30, "cpu_usage low at idle: " + summary);
            if (firstSample != null) {
                assertEquals("cpu_usage absent", firstSample, "no CPU figure before there is an interval: " + summary);
            }
        } finally {
            DockerCli.quietly("rm", "-f", container);
        }
    }

    /** How long each health check took, from its start to its end as docker records them, sorted. */
    private static List<Long> millis(List<JsonNode> checks) {
        return checks.stream().map(check -> Duration.between(Instant.parse(check.path("Start").asText()),
                Instant.parse(check.path("End").asText())).toMillis()).sorted().toList();
    }

    /**
     * The first exposition the metrics port serves, as soon as it answers: "cpu_usage absent" or
     * "cpu_usage N" when it was read within the first second (running_time 0); null when the
     * first answer came later, too late to see the first sample.
     */
    private String awaitFirstExposition(URI metrics, String container) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (System.nanoTime() < deadline) {
            try {
                String exposition = scrape(metrics);
                if (sample(exposition, "running_time").orElse(-1) != 0) {
                    return null;
                }
                OptionalDouble cpu = sample(exposition, "cpu_usage");
                return cpu.isEmpty() ? "cpu_usage absent" : "cpu_usage " + cpu.getAsDouble();
            } catch (IOException notYet) {
                Thread.sleep(20);
            }
        }
        throw new AssertionError("the metrics port never answered: " + DockerCli.quietly("logs", container));
    }

    private void awaitHealthy(String container) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (System.nanoTime() < deadline) {
            observe(container);
            if (statuses.getLast().equals("healthy")) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("the container never became healthy: " + state(container));
    }

    private void awaitAnswer(URI uri, String container) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (System.nanoTime() < deadline) {
            try {
                if (http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError(uri + " never answered: " + DockerCli.quietly("logs", container));
    }

    /** Waits until cpu_usage satisfies {@code wanted}; returns that reading. */
    private double awaitCpu(URI metrics, java.util.function.DoublePredicate wanted, Duration bound) throws Exception {
        long deadline = System.nanoTime() + bound.toNanos();
        List<Double> seen = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            OptionalDouble cpu = sample(scrape(metrics), "cpu_usage");
            if (cpu.isPresent()) {
                seen.add(cpu.getAsDouble());
                if (wanted.test(cpu.getAsDouble())) {
                    return cpu.getAsDouble();
                }
            }
            Thread.sleep(1_000);
        }
        throw new AssertionError("cpu_usage never reached the expected band within " + bound.toSeconds() + " s: " + seen);
    }

    /** Records the health status (when it changes) and the health-check results docker keeps. */
    private void observe(String container) throws Exception {
        JsonNode state = state(container);
        String status = state.path("Health").path("Status").asText("none");
        if (statuses.isEmpty() || !statuses.getLast().equals(status)) {
            statuses.add(status);
        }
        for (JsonNode check : state.path("Health").path("Log")) {
            healthChecks.put(Instant.parse(check.path("Start").asText()), check);
        }
    }

    private JsonNode state(String container) throws Exception {
        return json.readTree(DockerCli.run("inspect", "--format", "{{json .State}}", container));
    }

    private String scrape(URI metrics) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(metrics).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static OptionalDouble sample(String exposition, String name) {
        Matcher m = Pattern.compile("^" + Pattern.quote(name) + " (\\S+)$", Pattern.MULTILINE).matcher(exposition);
        return m.find() ? OptionalDouble.of(Double.parseDouble(m.group(1))) : OptionalDouble.empty();
    }
}
