package org.rlautoscaler.autoscaler.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rlautoscaler.autoscaler.agent.rules.ThresholdPolicy;
import org.rlautoscaler.autoscaler.env.Environment;
import org.rlautoscaler.autoscaler.env.Limits;
import org.rlautoscaler.autoscaler.env.MissingMetricListener;
import org.rlautoscaler.autoscaler.prometheus.PrometheusClient;
import org.rlautoscaler.autoscaler.prometheus.PrometheusMetricsSource;
import org.rlautoscaler.autoscaler.prometheus.Queries;
import org.rlautoscaler.autoscaler.reward.SloCostReward;
import org.rlautoscaler.autoscaler.safety.SafetyChain;
import org.rlautoscaler.autoscaler.safety.SafetyConfig;
import org.rlautoscaler.autoscaler.safety.SafetyReason;
import org.rlautoscaler.autoscaler.swarm.SwarmScaler;
import org.rlautoscaler.common.testing.DockerCli;
import org.rlautoscaler.common.testing.PrometheusServer;
import org.rlautoscaler.common.testing.RequiredTools;
import org.rlautoscaler.web.WebApplication;
import org.rlautoscaler.web.WebConfig;

/**
 * The loop with its real pair: a real Prometheus scraping the real web application, and a real
 * Docker Swarm service. CPU load on the application makes the loop scale the service out;
 * when the load stops, it scales back in.
 */
class RealPairTest {

    @Test
    void cpu_load_scales_the_service_out_and_its_end_scales_it_back_in(@TempDir Path dir) throws Exception {
        RequiredTools.requireDockerSwarm();
        String service = "rltest-pair-" + UUID.randomUUID().toString().substring(0, 8);
        DockerCli.run("service", "create", "--quiet", "--detach", "--name", service, "--label", "rl-autoscaler-test=true",
                "--init", "--replicas", "1", "rl-autoscaler/busybox:test");
        AtomicBoolean loading = new AtomicBoolean(true);
        ExecutorService load = Executors.newFixedThreadPool(6);
        try (WebApplication app = WebApplication.start(WebConfig.defaults().onFreePorts());
             PrometheusServer prometheus = PrometheusServer.start(dir, Duration.ofSeconds(1),
                     List.of("127.0.0.1:" + app.metricsPort()));
             SwarmScaler scaler = SwarmScaler.connect(null, service, "");
             PrometheusClient client = PrometheusClient.create(prometheus.url())) {
            prometheus.awaitValue("up == 1", Duration.ofSeconds(30)).orElseThrow();
            // The helper names its scrape job "test"; short windows keep the test short.
            Queries queries = new Queries(Queries.CPU_USAGE, Queries.RAM_USAGE,
                    "avg(rate(process_cpu_seconds_total{job=\"test\"}[5s]))",
                    "sum(rate(http_server_requests_total{path=\"/test\"}[5s]))",
                    "sum(rate(http_server_request_duration_seconds_sum{path=\"/test\"}[5s])) / "
                            + "sum(rate(http_server_request_duration_seconds_count{path=\"/test\"}[5s]))",
                    "histogram_quantile(0.95, sum by (le) (rate(http_server_request_duration_seconds_bucket{path=\"/test\"}[5s])))");
            // A replica "may use" 0.3 cores here, so that the load below reads as busy (above the
            // threshold's 70 %, 0.21 cores) even on a machine so loaded that the application gets a
            // fraction of a core, and the idle test JVM as idle (below 25 %, 0.075 cores).
            PrometheusMetricsSource source = new PrometheusMetricsSource(client, queries, 0.3, MissingMetricListener.ignoring());
            Limits limits = new Limits(1, 3);
            LiveTicker ticker = LiveTicker.real(Duration.ofSeconds(2));
            Environment environment = new Environment(scaler, source, ticker, SloCostReward.defaults(100, 3), limits, 0);
            LoopMetrics metrics = new LoopMetrics();
            ControlLoop loop = new ControlLoop(environment, ticker, scaler, ThresholdPolicy.defaults(),
                    new SafetyChain(new SafetyConfig(limits, Duration.ofSeconds(2), 1, Duration.ofSeconds(4))), metrics,
                    new ControlLoop.Settings(false, false, null, dir.resolve("history.csv"), null), Clock.systemUTC());

            // Six threads asking for 50 ms of CPU each, without pause: all the cores there are, and
            // still about 0.3 cores at a load average of 34 on 2 cores.
            HttpClient http = HttpClient.newHttpClient();
            HttpRequest busy = HttpRequest.newBuilder(URI.create("http://localhost:" + app.port() + "/test?ms=50")).build();
            for (int i = 0; i < 6; i++) {
                load.submit(() -> {
                    while (loading.get()) {
                        http.send(busy, HttpResponse.BodyHandlers.discarding());
                    }
                    return null;
                });
            }
            // Generous bounds: they only end a run that went wrong; on an idle machine this takes seconds.
            int highest = runUntil(loop, scaler, replicas -> replicas >= 2, Duration.ofSeconds(240));
            assertTrue(highest >= 2, "under CPU load the service should have scaled out, it stayed at " + highest);

            loading.set(false);
            int lowest = runUntil(loop, scaler, replicas -> replicas == 1, Duration.ofSeconds(300));
            assertEquals(1, lowest, "without load the service should have scaled back in");
            assertTrue(metrics.decisions("scale_out", SafetyReason.as_decided) >= 1);
            assertTrue(metrics.decisions("scale_in", SafetyReason.as_decided) >= 1);
        } finally {
            loading.set(false);
            load.shutdownNow();
            load.awaitTermination(10, TimeUnit.SECONDS);
            DockerCli.quietly("service", "rm", service);
        }
    }

    /** Runs periods until the service's desired count passes {@code done}, or the time is up; returns the count. */
    private static int runUntil(ControlLoop loop, SwarmScaler scaler, java.util.function.IntPredicate done, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        int replicas = scaler.desiredReplicas();
        while (!done.test(replicas) && System.nanoTime() < deadline) {
            loop.runOnce();
            replicas = scaler.desiredReplicas();
        }
        return replicas;
    }
}
