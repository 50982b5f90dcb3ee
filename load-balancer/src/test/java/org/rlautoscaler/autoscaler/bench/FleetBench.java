package org.rlautoscaler.autoscaler.bench;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.rlautoscaler.autoscaler.agent.ForecastSetup;
import org.rlautoscaler.autoscaler.agent.headroom.QLearningAgent;
import org.rlautoscaler.autoscaler.catalog.AgentKind;
import org.rlautoscaler.autoscaler.env.Environment;
import org.rlautoscaler.autoscaler.env.Limits;
import org.rlautoscaler.autoscaler.env.MetricsSource;
import org.rlautoscaler.autoscaler.env.Observation;
import org.rlautoscaler.autoscaler.env.ReplicaScaler;
import org.rlautoscaler.autoscaler.fleet.DiscoveredService;
import org.rlautoscaler.autoscaler.fleet.Fleet;
import org.rlautoscaler.autoscaler.fleet.QueryTemplates;
import org.rlautoscaler.autoscaler.fleet.ServiceDiscovery;
import org.rlautoscaler.autoscaler.fleet.ServiceSettings;
import org.rlautoscaler.autoscaler.fleet.SharedQueries;
import org.rlautoscaler.autoscaler.live.ControlLoop;
import org.rlautoscaler.autoscaler.live.LiveTicker;
import org.rlautoscaler.autoscaler.live.LoggedDecision;
import org.rlautoscaler.autoscaler.live.LoopJournal;
import org.rlautoscaler.autoscaler.live.LoopMetrics;
import org.rlautoscaler.autoscaler.live.Sample;
import org.rlautoscaler.autoscaler.live.server.ServiceView;
import org.rlautoscaler.autoscaler.prometheus.PrometheusClient;
import org.rlautoscaler.autoscaler.reward.SloCostReward;
import org.rlautoscaler.autoscaler.safety.SafetyChain;
import org.rlautoscaler.autoscaler.safety.SafetyConfig;

/**
 * The live loop over N services (scripts/bench-fleet.sh): a {@link Fleet} of N labelled services,
 * each with its own {@code qlearning} agent learning online, its safety chain, conditions, journal
 * and metrics, reading its metrics through the shared queries of a real {@link PrometheusClient}
 * from a stand-in Prometheus on loopback (which answers every query with one series per service
 * it selects, as Prometheus would), and scaling an in-memory service. For each N it prints the
 * loop time of a period (from the period's start until the last service finished it), the
 * process' CPU time per period (the stand-in Prometheus included), the heap per service and the
 * queries per period.
 *
 * <pre>
 * java -cp ... org.rlautoscaler.autoscaler.bench.FleetBench [PERIODS] [N...]
 * </pre>
 */
public final class FleetBench {
    private static final Pattern SELECTED = Pattern.compile("service=~\"([^\"]*)\"");

    private FleetBench() {}

    public static void main(String[] args) throws Exception {
        int periods = args.length > 0 ? Integer.parseInt(args[0]) : 6;
        List<Integer> sizes = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            sizes.add(Integer.parseInt(args[i]));
        }
        if (sizes.isEmpty()) {
            sizes.addAll(List.of(10, 100, 1000));
        }
        System.out.println("services,periods,period_s,loop_time_median_s,loop_time_max_s,cpu_per_period_s,"
                + "heap_per_service_kib,queries_per_period");
        for (int n : sizes) {
            run(n, periods);
        }
        System.out.printf(Locale.ROOT, "full journal (the last hour at 5 s periods, the last 200 decisions): %.1f KiB a service%n",
                fullJournalKib(200));
    }

    /**
     * The heap of a service's journal once full, which a short run does not reach: the page's last
     * hour at 5 s periods (720 points) and its last 200 decisions, each with a reason as long as
     * qlearning's; measured over {@code count} journals.
     */
    private static double fullJournalKib(int count) throws InterruptedException {
        long before = usedHeap();
        List<LoopJournal> journals = new ArrayList<>();
        for (int j = 0; j < count; j++) {
            LoopJournal journal = LoopJournal.standard();
            Instant start = Instant.parse("2026-12-07T00:00:00Z");
            for (int p = 0; p < 720; p++) {
                Instant at = start.plusSeconds(5L * p);
                LoggedDecision decision = new LoggedDecision(p, at, 2, 2, 2, "hold", ("target 0.66 of the peak of the last 20 "
                        + "periods (for load under 0.8 replicas, volatility 15 % or more, rising, p95 under 0.8 x objective) #")
                        + p, "as_decided", "wanted " + (2 + p % 3), "target 0.66 of the peak of the last 20 periods", false);
                journal.record(new LoopJournal.Latest(decision, new Observation(2, 2, 40, 30, 0.4, 20, 10, 30, 600),
                        Optional.empty(), 0), new Sample(at, 20, Double.NaN, 2, 2, 30, -0.1));
            }
            journals.add(journal);
        }
        double kib = (usedHeap() - before) / 1024.0 / count;
        if (journals.size() != count) {
            throw new IllegalStateException("kept " + journals.size());
        }
        return kib;
    }

    private static void run(int n, int periods) throws Exception {
        AtomicLong queries = new AtomicLong();
        HttpServer prometheus = standIn(queries);
        Duration period = Duration.ofSeconds(5);
        Map<String, AtomicInteger> replicas = new ConcurrentHashMap<>();
        List<DiscoveredService> services = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String key = "bench_s" + i;
            services.add(new DiscoveredService(key, "bench", Map.of("rl-autoscaler.enable", "true"), OptionalDouble.of(1)));
            replicas.put(key, new AtomicInteger(2));
        }
        long heapBefore = usedHeap();
        try (PrometheusClient client = PrometheusClient.create("http://127.0.0.1:" + prometheus.getAddress().getPort())) {
            SharedQueries shared = new SharedQueries(client::queryGrouped, Duration.ofSeconds(2), System::nanoTime);
            long origin = System.nanoTime();
            ServiceDiscovery discovery = new ServiceDiscovery() {
                @Override
                public List<DiscoveredService> discover() {
                    return services;
                }

                @Override
                public ReplicaScaler scaler(DiscoveredService service) {
                    AtomicInteger count = replicas.get(service.key());
                    return new ReplicaScaler() {
                        @Override
                        public int desiredReplicas() {
                            return count.get();
                        }

                        @Override
                        public int runningReplicas() {
                            return count.get();
                        }

                        @Override
                        public void scaleTo(int value) {
                            count.set(value);
                        }
                    };
                }

                @Override
                public boolean byLabels() {
                    return true;
                }

                @Override
                public String describe() {
                    return n + " simulated services";
                }
            };
            ServiceSettings defaults = new ServiceSettings(new Limits(1, 10), AgentKind.QLEARNING, true, 100, 30, 2, 0.7,
                    false, QueryTemplates.conventions(), "");
            Fleet.LoopFactory factory = (service, settings, metrics) -> {
                ReplicaScaler scaler = discovery.scaler(service);
                LiveTicker ticker = LiveTicker.aligned(period, origin, d -> Thread.sleep(d.toMillis()), System::nanoTime);
                MetricsSource source = shared.register(service.key(), settings, 1, metric -> metrics.fetchError(metric.field(),
                        metric.kind()));
                SloCostReward reward = SloCostReward.defaults(settings.sloP95Ms(), settings.limits().max());
                Environment environment = new Environment(scaler, source, ticker, reward, settings.limits(), 40);
                // as run makes it: acting on its service, learning online, forecasting (its history left out:
                // the forecast's memory does not grow with it)
                QLearningAgent agent = QLearningAgent.acting(settings.limits(), reward, 0, service.key().hashCode());
                agent.foresee(ForecastSetup.covering(period.toMillis() / 1000.0, 10, 30, System.currentTimeMillis() / 1000.0),
                        new double[0]);
                return new ControlLoop(environment, ticker, scaler, agent,
                        new SafetyChain(new SafetyConfig(settings.limits(), Duration.ofSeconds(30), 2, Duration.ofSeconds(60))),
                        metrics, new ControlLoop.Settings(true, false, null, null, null), Clock.systemUTC());
            };
            Fleet fleet = new Fleet(discovery, defaults, factory, new LoopMetrics(""),
                    LiveTicker.aligned(period, origin, d -> Thread.sleep(d.toMillis()), System::nanoTime), Clock.systemUTC(), 3);
            fleet.reconcile();
            for (DiscoveredService service : services) {
                if (!fleet.awaitLoop(service.key(), Duration.ofMinutes(2))) {
                    throw new IllegalStateException(service.key() + "'s loop did not start");
                }
            }
            awaitAllFinished(fleet, 0, Duration.ofMinutes(2)); // a first period: JIT and connections warm
            double firstBoundary = System.currentTimeMillis() / 1000.0;
            long queriesBefore = queries.get();
            long cpuBefore = processCpuNanos();
            double[] loopTimes = new double[periods];
            for (int p = 0; p < periods; p++) {
                double boundary = nextBoundary(origin, period);
                loopTimes[p] = awaitAllFinished(fleet, boundary, period.multipliedBy(3)) - boundary;
            }
            double elapsedPeriods = (System.currentTimeMillis() / 1000.0 - firstBoundary) / (period.toMillis() / 1000.0);
            double cpuPerPeriod = (processCpuNanos() - cpuBefore) / 1e9 / elapsedPeriods;
            double queriesPerPeriod = (queries.get() - queriesBefore) / elapsedPeriods;
            long heapAfter = usedHeap();
            fleet.stop(Duration.ofSeconds(30));
            double[] sorted = loopTimes.clone();
            Arrays.sort(sorted);
            System.out.printf(Locale.ROOT, "%d,%d,%d,%.3f,%.3f,%.3f,%.1f,%.1f%n", n, periods, period.toSeconds(),
                    sorted[sorted.length / 2], sorted[sorted.length - 1], cpuPerPeriod,
                    (heapAfter - heapBefore) / 1024.0 / n, queriesPerPeriod);
        } finally {
            prometheus.stop(0);
        }
    }

    /** Unix seconds of the next period boundary, after waiting for it. */
    private static double nextBoundary(long origin, Duration period) throws InterruptedException {
        long now = System.nanoTime();
        long wait = period.toNanos() - Math.floorMod(now - origin, period.toNanos());
        Thread.sleep(Duration.ofNanos(wait));
        return System.currentTimeMillis() / 1000.0 - (System.nanoTime() - now - wait) / 1e9;
    }

    /** Waits until every service finished a period after {@code since} (Unix seconds); returns when. */
    private static double awaitAllFinished(Fleet fleet, double since, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            boolean all = true;
            double last = 0;
            for (ServiceView view : fleet.all()) {
                double finished = view.loop().map(ControlLoop::lastLoopEpochSeconds).orElse(0.0);
                if (finished <= since) {
                    all = false;
                    break;
                }
                last = Math.max(last, finished);
            }
            if (all) {
                return last;
            }
            Thread.sleep(5);
        }
        throw new IllegalStateException("not every service finished a period within " + timeout);
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static long usedHeap() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** A stand-in Prometheus: every query answers one series per service it selects, with values that keep them busy. */
    private static HttpServer standIn(AtomicLong queries) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/api/v1/query", exchange -> {
            queries.incrementAndGet();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String promql = URLDecoder.decode(body.substring(body.indexOf("query=") + "query=".length()), StandardCharsets.UTF_8);
            Matcher matcher = SELECTED.matcher(promql);
            StringBuilder json = new StringBuilder("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[");
            if (matcher.find()) {
                double value = promql.contains("_count[") && !promql.contains("_sum[") ? 20
                        : promql.contains("_bucket") ? 0.08 : promql.contains("process_start") ? 600 : 0.4;
                boolean first = true;
                for (String service : matcher.group(1).split("\\|")) {
                    json.append(first ? "" : ",").append("{\"metric\":{\"service\":\"").append(service)
                            .append("\"},\"value\":[1700000000.0,\"").append(value).append("\"]}");
                    first = false;
                }
            }
            byte[] answer = json.append("]}}").toString().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        server.start();
        return server;
    }
}
