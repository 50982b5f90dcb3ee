package org.rlautoscaler.autoscaler.calibration;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleConsumer;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.rlautoscaler.autoscaler.sim.MeasuredLevel;
import org.rlautoscaler.users.load.LoadStats;
import org.rlautoscaler.users.load.OpenLoop;
import org.rlautoscaler.users.load.RequestMix;
import org.rlautoscaler.users.load.Requester;

/**
 * Drives the replicas of the real service with the load generator's open model (independent,
 * Poisson arrivals at a set rate whatever the latency, split evenly over the replicas) and reads,
 * per load level, what their own metrics say, added up: requests answered, CPU seconds
 * ({@code process_cpu_seconds_total}) and the server-side latency histogram of the path
 * ({@code http_server_request_duration_seconds}).
 */
public final class Calibrator implements AutoCloseable {
    /** The open loop's rate is users / request interval: one user is a thousandth of a request a second. */
    private static final Duration USER_INTERVAL = Duration.ofSeconds(1000);
    private static final String METRICS = "the Prometheus metrics URL of the instance --url reaches";

    /**
     * @param url            the request to send, for example {@code http://localhost:8082/test}
     * @param metricsUrl     the instance's Prometheus metrics, for example {@code http://localhost:8000/metrics}
     * @param pathLabel      the {@code path} label of the requests in the latency histogram
     * @param settleSeconds  time at a new rate before measuring, seconds
     * @param levelSeconds   time measured at each rate, seconds
     * @param timeout        a request's connect and answer timeout
     * @param maxConnections requests on the wire at once
     */
    public record Settings(URI url, URI metricsUrl, String pathLabel, double settleSeconds, double levelSeconds,
                           Duration timeout, int maxConnections) {}

    /**
     * How CPU per request fell after a fresh start.
     *
     * @param seconds                     until the last window more than 10 % costlier than the final one ended
     * @param cpuFactor                   the first window's CPU per request against the final one's
     * @param settledCpuSecondsPerRequest the final window's CPU (idle included) per request, seconds
     */
    public record Warmup(double seconds, double cpuFactor, double settledCpuSecondsPerRequest) {}

    /**
     * One replica: where its requests go and where its metrics are.
     *
     * @param url        the request, on this replica
     * @param metricsUrl its metrics
     */
    public record Target(URI url, URI metricsUrl) {}

    private final Settings settings;
    private final List<Target> targets;
    private final OkHttpClient http;
    private final LoadStats stats = new LoadStats();
    private final List<Requester> requesters = new java.util.ArrayList<>();
    private final List<OpenLoop> loads = new java.util.ArrayList<>();

    /** Calibrates the one instance {@code settings} names. */
    public Calibrator(Settings settings) {
        this(settings, List.of(new Target(settings.url(), settings.metricsUrl())));
    }

    /** Calibrates the replicas {@code targets}, each sent an equal share of the load. */
    public Calibrator(Settings settings, List<Target> targets) {
        this.settings = settings;
        this.targets = List.copyOf(targets);
        this.http = new OkHttpClient.Builder().callTimeout(10, TimeUnit.SECONDS).build();
        for (Target target : targets) {
            URI url = target.url();
            URI base = URI.create(url.getScheme() + "://" + url.getRawAuthority());
            String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
            String query = url.getRawQuery() == null ? "" : "?" + url.getRawQuery();
            RequestMix mix = new RequestMix(List.of(new RequestMix.Entry(path + query, 1, Optional.empty())));
            Requester requester = new Requester(base, mix, settings.timeout(), settings.maxConnections());
            requesters.add(requester);
            loads.add(new OpenLoop(requester, mix, stats, USER_INTERVAL, 100_000, OpenLoop.Arrivals.poisson, null));
        }
    }

    /**
     * The replicas behind {@code url}'s host name: one target for each address it resolves to
     * (a Swarm service with {@code endpoint_mode: dnsrr}, or {@code tasks.NAME}; a Kubernetes
     * headless service), the metrics URL on the same address.
     */
    public static List<Target> resolve(URI url, URI metricsUrl) throws java.net.UnknownHostException {
        List<Target> targets = new java.util.ArrayList<>();
        for (java.net.InetAddress address : java.net.InetAddress.getAllByName(url.getHost())) {
            String host = address.getHostAddress().contains(":") ? "[" + address.getHostAddress() + "]" : address.getHostAddress();
            targets.add(new Target(withHost(url, host), withHost(metricsUrl, host)));
        }
        targets.sort(java.util.Comparator.comparing(t -> t.url().toString()));
        return targets;
    }

    private static URI withHost(URI uri, String host) {
        return URI.create(uri.getScheme() + "://" + host + (uri.getPort() >= 0 ? ":" + uri.getPort() : "")
                + (uri.getRawPath() == null ? "" : uri.getRawPath()) + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
    }

    /**
     * Waits until {@code settings}' URL host resolves to {@code n} addresses that all answer (the
     * replicas of a service, {@code service} for the message); at most 5 minutes.
     */
    public static List<Target> awaitReplicas(Settings settings, int n, String service)
            throws CalibrationException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        List<Target> targets = List.of();
        try (Calibrator probe = new Calibrator(settings)) {
            while (System.nanoTime() < deadline) {
                try {
                    targets = resolve(settings.url(), settings.metricsUrl());
                } catch (java.net.UnknownHostException e) {
                    targets = List.of();
                }
                if (targets.size() == n && targets.stream().allMatch(t -> probe.answers(t.url()))) {
                    return targets;
                }
                Thread.sleep(250);
            }
        }
        throw new CalibrationException("--url", settings.url().toString(), "a host name that resolves to each replica of "
                + service + " (endpoint_mode dnsrr, or tasks." + service + ") (here: " + targets.size() + " of " + n
                + " replicas answered within 5 minutes)");
    }

    /** True when {@code url} answers 2xx now. */
    public boolean answers(URI url) {
        try (Response response = http.newCall(new Request.Builder().url(url.toString()).get().build()).execute()) {
            return response.isSuccessful();
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
    }

    /** Checks that every replica answers and its metrics carry what calibration reads. */
    public void check() throws CalibrationException {
        for (Target target : targets) {
            check(target);
        }
    }

    private void check(Target target) throws CalibrationException {
        String url = target.url().toString();
        try (Response response = http.newCall(new Request.Builder().url(url).get().build()).execute()) {
            if (!response.isSuccessful()) {
                throw new CalibrationException("--url", url, "a URL that answers 2xx (here: HTTP " + response.code() + ")");
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new CalibrationException("--url", url, "the URL of a running service (here: cannot be reached: "
                    + e.getMessage() + ")");
        }
        Exposition metrics = scrapeOrFail(target.metricsUrl());
        if (Double.isNaN(metrics.sum(Snapshot.CPU, java.util.Map.of()))) {
            throw new CalibrationException("--metrics-url", target.metricsUrl().toString(),
                    METRICS + " (here: it has no " + Snapshot.CPU + ")");
        }
        if (metrics.buckets(Snapshot.LATENCY, java.util.Map.of("path", settings.pathLabel())).isEmpty()) {
            throw new CalibrationException("--path-label", settings.pathLabel(), "the path label of the requests in "
                    + Snapshot.LATENCY + " (here: no series at " + target.metricsUrl() + " has path=\"" + settings.pathLabel() + "\")");
        }
    }

    /**
     * Sends {@code rate} requests a second for the settling time, then measures for the level
     * time; {@code progress} hears the seconds that pass.
     */
    public MeasuredLevel measure(double rate, DoubleConsumer progress) throws CalibrationException, InterruptedException {
        setRate(rate);
        sleep(settings.settleSeconds(), progress);
        Snapshot before = snapshot();
        stats.takeInterval();
        stats.takeSent();
        sleep(settings.levelSeconds(), progress);
        Snapshot after = snapshot();
        LoadStats.Interval client = stats.takeInterval();
        Snapshot.Window w = after.since(before);
        // What was offered is what left, not the rate asked for: Poisson arrivals in a short
        // level at a low rate differ from it by 15 % and more, which would read as overload.
        double offered = stats.takeSent() / w.seconds();
        double errorPct = client.requests() > 0 ? 100.0 * client.errors() / client.requests() : 0;
        return new MeasuredLevel(targets.size(), offered, w.servedRate(), w.cpuCores(), w.meanSeconds() * 1000, w.p95Seconds() * 1000, errorPct);
    }

    /**
     * At {@code rate}, CPU per request window after window for {@code seconds}: on an instance
     * started just before, the first windows are costlier (the JIT compiles, caches fill). The
     * warm-up ends with the last window more than 10 % costlier than the final one.
     */
    public Warmup probeWarmup(double rate, double seconds, double windowSeconds, DoubleConsumer progress)
            throws CalibrationException, InterruptedException {
        setRate(rate);
        List<Snapshot.Window> windows = new java.util.ArrayList<>();
        Snapshot previous = snapshot();
        int count = Math.max(2, (int) Math.round(seconds / windowSeconds));
        for (int i = 0; i < count; i++) {
            sleep(windowSeconds, progress);
            Snapshot now = snapshot();
            windows.add(now.since(previous));
            previous = now;
        }
        double last = perRequest(windows.getLast());
        double warmup = 0;
        for (int i = 0; i < windows.size() - 1; i++) {
            if (perRequest(windows.get(i)) > 1.1 * last) {
                warmup = (i + 1) * windowSeconds;
            }
        }
        double factor = Math.max(1, perRequest(windows.getFirst()) / last);
        return new Warmup(warmup, Double.isFinite(factor) ? factor : 1, last);
    }

    private static double perRequest(Snapshot.Window w) {
        return w.cpuCores() / Math.max(1e-9, w.servedRate());
    }

    /** Sends {@code rate} requests a second for {@code seconds}, measuring nothing. */
    public void hold(double rate, double seconds, DoubleConsumer progress) throws InterruptedException {
        setRate(rate);
        sleep(seconds, progress);
    }

    /** Sends {@code rate} requests a second from now on, an equal share to each replica. */
    public void setRate(double rate) {
        for (OpenLoop load : loads) {
            load.setUsers((int) Math.round(rate / loads.size() * USER_INTERVAL.toSeconds()));
        }
    }

    private Snapshot snapshot() throws CalibrationException {
        long now = System.nanoTime();
        Snapshot total = null;
        for (Target target : targets) {
            Snapshot one = Snapshot.of(now, scrapeOrFail(target.metricsUrl()), settings.pathLabel());
            total = total == null ? one : total.plus(one);
        }
        return total;
    }

    private Exposition scrapeOrFail(URI metricsUrl) throws CalibrationException {
        String url = metricsUrl.toString();
        try (Response response = http.newCall(new Request.Builder().url(url).get().build()).execute()) {
            if (!response.isSuccessful()) {
                throw new CalibrationException("--metrics-url", url, METRICS + " (here: HTTP " + response.code() + ")");
            }
            return Exposition.parse(response.body().string());
        } catch (IOException e) {
            throw new CalibrationException("--metrics-url", url, METRICS + " (here: cannot be reached: " + e.getMessage() + ")");
        } catch (IllegalArgumentException e) {
            throw new CalibrationException("--metrics-url", url, METRICS + " (here: not the Prometheus text format: "
                    + e.getMessage() + ")");
        }
    }

    private static void sleep(double seconds, DoubleConsumer progress) throws InterruptedException {
        long end = System.nanoTime() + (long) (seconds * 1e9);
        long now;
        while ((now = System.nanoTime()) < end) {
            long slice = Math.min(end - now, 1_000_000_000L);
            TimeUnit.NANOSECONDS.sleep(slice);
            progress.accept(slice / 1e9);
        }
    }

    @Override
    public void close() throws InterruptedException {
        for (OpenLoop load : loads) {
            load.setUsers(0);
            load.close();
        }
        requesters.forEach(Requester::close);
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
