package org.rlautoscaler.autoscaler.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.rlautoscaler.autoscaler.calibration.CalibrationException;
import org.rlautoscaler.autoscaler.calibration.Calibrator;
import org.rlautoscaler.autoscaler.calibration.Fit;
import org.rlautoscaler.autoscaler.calibration.HistoryLevels;
import org.rlautoscaler.autoscaler.calibration.Prediction;
import org.rlautoscaler.autoscaler.sim.MeasuredLevel;
import org.rlautoscaler.autoscaler.sim.ModelFile;
import org.rlautoscaler.autoscaler.sim.ServiceModel;
import org.rlautoscaler.common.cli.Cli;
import org.rlautoscaler.common.cli.Range;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code calibrate}: measures the real service and fits the model the simulated cluster runs.
 *
 * <pre>
 * java -jar load-balancer.jar calibrate --url http://localhost:8082/test --metrics-url http://localhost:8000/metrics --out model.json
 * java -jar load-balancer.jar calibrate --history QSavedWeights/history.csv --out model.json
 * java -jar load-balancer.jar calibrate --url ... --metrics-url ... --check model.json --check-utilisations 0.15,0.35,0.55
 * </pre>
 */
@Command(name = "calibrate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Measures one instance of the real service under an open-model load stepped up level by level, "
                + "fits the simulated cluster's model to it and writes the model file (--out); or fits it from a live "
                + "run's history (--history); or checks a model against the service at other levels (--check)."})
public final class CalibrateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--url", paramLabel = "URL", description = "The request to measure, for example http://localhost:8082/test.")
    String url;

    @Option(names = "--metrics-url", paramLabel = "URL",
            description = "The Prometheus metrics of the instance --url reaches, for example http://localhost:8000/metrics.")
    String metricsUrl;

    @Option(names = "--history", paramLabel = "FILE",
            description = "Fit from a live run's history.csv instead of measuring (with that run's --cores-per-replica).")
    Path history;

    @Option(names = "--check", paramLabel = "FILE",
            description = "Do not fit: measure --check-utilisations and print them against what the simulated cluster "
                    + "predicts with this model.")
    Path check;

    @Option(names = "--check-utilisations", paramLabel = "LIST", split = ",", defaultValue = "0.15,0.35,0.55",
            description = "--check: the levels, as shares of the model's capacity. Default: ${DEFAULT-VALUE}.")
    List<Double> checkUtilisations;

    @Option(names = "--out", paramLabel = "FILE", defaultValue = "model.json",
            description = "Where the model goes (written atomically). Default: ${DEFAULT-VALUE}.")
    Path out;

    @Option(names = "--path-label", paramLabel = "PATH",
            description = "The path label of the requests in http_server_request_duration_seconds. Default: the path of --url.")
    String pathLabel;

    @Range(min = 0.01, max = 1024)
    @Option(names = "--cores-per-replica", paramLabel = "CORES", defaultValue = "1",
            description = "CPU the measured instance may use: its container's limit or the cores it is pinned to. "
                    + "Default: ${DEFAULT-VALUE}.")
    double coresPerReplica;

    @Range(min = 0.01, max = 100_000)
    @Option(names = "--shared-cores", paramLabel = "CORES",
            description = "Cores all replicas share in the model, as on one host. Default: none (each replica its own).")
    Double sharedCores;

    @Range(min = 0, max = 3600)
    @Option(names = "--startup-seconds", paramLabel = "SECONDS", defaultValue = "10",
            description = "Time from asking for a replica to its serving, for the model (one instance cannot show it). "
                    + "Default: ${DEFAULT-VALUE}.")
    double startupSeconds;

    @Range(min = 1, max = 600_000)
    @Option(names = "--slo-p95-ms", paramLabel = "MS", defaultValue = "100",
            description = "The latency objective; the ramp stops once p95 is --stop-factor times above it. Default: ${DEFAULT-VALUE}.")
    double sloP95Ms;

    @Range(min = 1, max = 1000)
    @Option(names = "--stop-factor", paramLabel = "X", defaultValue = "10",
            description = "Stop stepping up once p95 passes this many times the objective. Default: ${DEFAULT-VALUE}.")
    double stopFactor;

    @Range(min = 0.1, max = 100_000)
    @Option(names = "--start-rate", paramLabel = "REQ/S", defaultValue = "10",
            description = "The rate of the warm-up probe, which also estimates the capacity the levels are shares of. "
                    + "Default: ${DEFAULT-VALUE}.")
    double startRate;

    @Range(min = 0, max = 3600)
    @Option(names = "--warmup-probe-seconds", paramLabel = "SECONDS", defaultValue = "30",
            description = "Time at --start-rate, in 5 s windows, to see how CPU per request falls after a fresh start "
                    + "(at least 10 s). Default: ${DEFAULT-VALUE}.")
    double warmupProbeSeconds;

    @Range(min = 0.01, max = 1)
    @Option(names = "--utilisation-step", paramLabel = "FRACTION", defaultValue = "0.1",
            description = "Levels at this share of the estimated capacity, and each multiple of it. Default: ${DEFAULT-VALUE}.")
    double utilisationStep;

    @Range(min = 0.01, max = 1.5)
    @Option(names = "--max-utilisation", paramLabel = "FRACTION", defaultValue = "0.95",
            description = "The highest level, as a share of the estimated capacity. Default: ${DEFAULT-VALUE}.")
    double maxUtilisation;

    @Range(min = 0, max = 600)
    @Option(names = "--settle-seconds", paramLabel = "SECONDS", defaultValue = "5",
            description = "Time at a new level before measuring it. Default: ${DEFAULT-VALUE}.")
    double settleSeconds;

    @Range(min = 1, max = 3600)
    @Option(names = "--level-seconds", paramLabel = "SECONDS", defaultValue = "20",
            description = "Time each level is measured. Default: ${DEFAULT-VALUE}.")
    double levelSeconds;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter console = spec.commandLine().getOut();
        if (history != null) {
            return fromHistory(console);
        }
        if (url == null || metricsUrl == null) {
            throw Cli.invalid(spec, url == null ? "--url" : "--metrics-url", "",
                    "a URL; calibrate needs --url and --metrics-url, or --history");
        }
        URI target = httpUrl("--url", url);
        URI metrics = httpUrl("--metrics-url", metricsUrl);
        String label = pathLabel != null ? pathLabel : (target.getPath().isEmpty() ? "/" : target.getPath());
        ServiceModel checked = check == null ? null : SimulationOptions.serviceModel(spec, "--check", check);
        Calibrator.Settings settings = new Calibrator.Settings(target, metrics, label, settleSeconds, levelSeconds,
                Duration.ofSeconds(10), 256);
        try (Calibrator calibrator = new Calibrator(settings)) {
            calibrator.check();
            return checked != null ? check(console, calibrator, checked) : calibrate(console, calibrator);
        } catch (CalibrationException e) {
            throw Cli.invalid(spec, e.option(), e.value(), e.getMessage());
        }
    }

    private int calibrate(PrintWriter console, Calibrator calibrator) throws CalibrationException, InterruptedException,
            IOException {
        console.printf(Locale.ROOT, "Calibrating %s (metrics %s) with Poisson arrivals; %.0f cores per replica%n", url,
                metricsUrl, coresPerReplica);
        console.flush();
        double probe = Math.max(10, warmupProbeSeconds);
        int planned = (int) Math.floor(maxUtilisation / utilisationStep + 1e-9);
        List<MeasuredLevel> levels = new ArrayList<>();
        Calibrator.Warmup warmup;
        try (Progress progress = Progress.start("calibrate", Math.round(probe + planned * (settleSeconds + levelSeconds)), "s")) {
            double[] elapsed = {0};
            java.util.function.DoubleConsumer tick = s -> progress.stepTo(Math.round(elapsed[0] += s));
            warmup = calibrator.probeWarmup(startRate, probe, 5, tick);
            // A first estimate of the capacity (idle CPU counted as work, so on the low side),
            // refined from the levels measured so far once there are two.
            double capacity = coresPerReplica / warmup.settledCpuSecondsPerRequest();
            for (int k = 1; k <= planned; k++) {
                double rate = k * utilisationStep * capacity;
                MeasuredLevel level = calibrator.measure(rate, tick);
                levels.add(level);
                if (level.p95Ms() > stopFactor * sloP95Ms || level.errorPct() > 5
                        || level.servedRate() < 0.9 * level.offeredRate()) {
                    break; // past what a level can show: overloaded
                }
                if (levels.size() >= 2) {
                    try {
                        capacity = coresPerReplica / Fit.cpu(levels).secondsPerRequest();
                    } catch (IllegalArgumentException e) {
                        // CPU did not grow yet: keep the estimate
                    }
                }
            }
        }
        double warmupSeconds = warmup.seconds();
        double warmupFactor = warmupSeconds > 0 ? warmup.cpuFactor() : 1;
        ServiceModel model;
        try {
            model = Fit.fit(levels, new Fit.Given(coresPerReplica, sharedCores == null ? Double.POSITIVE_INFINITY : sharedCores,
                    startupSeconds, warmupSeconds, warmupFactor, 1, 10));
        } catch (IllegalArgumentException e) {
            printLevels(console, levels, null);
            throw Cli.invalid(spec, "--url", url, "a service that can be measured: " + e.getMessage());
        }
        ModelFile.write(out, new ModelFile.Document(model, provenance("measured: " + url), levels));
        printLevels(console, levels, model);
        console.printf(Locale.ROOT, "Fitted: %.3f ms of CPU a request, %.3f cores idle; warm-up %.0f s at %.2f x the CPU; "
                        + "capacity %.1f req/s a replica; p95 within %.0f ms up to utilisation %.2f%n",
                model.cpuSecondsPerRequest() * 1000, model.idleCoresPerReplica(), model.warmupSeconds(),
                model.warmupCpuFactor(), model.capacity(1), sloP95Ms, model.latency().highestUtilisation(sloP95Ms / 1000));
        console.printf("Wrote %s%n", out);
        console.flush();
        return 0;
    }

    private int check(PrintWriter console, Calibrator calibrator, ServiceModel model) throws CalibrationException,
            InterruptedException {
        console.printf(Locale.ROOT, "Checking %s against %s at %s of its capacity (%.1f req/s a replica)%n", check, url,
                checkUtilisations, model.capacity(1));
        console.flush();
        List<double[]> rows = new ArrayList<>();
        try (Progress progress = Progress.start("check", Math.round(10 + checkUtilisations.size() * (settleSeconds + levelSeconds)), "s")) {
            double[] elapsed = {0};
            java.util.function.DoubleConsumer tick = s -> progress.stepTo(Math.round(elapsed[0] += s));
            calibrator.probeWarmup(startRate, 10, 5, tick); // the first requests of a fresh instance are not the service
            for (double u : checkUtilisations) {
                double rate = u * model.capacity(1);
                MeasuredLevel m = calibrator.measure(rate, tick);
                Prediction p = Prediction.of(model, 1, rate);
                rows.add(new double[] {u, rate, m.servedRate(), m.meanMs(), p.meanMs(), m.p95Ms(), p.p95Ms(), m.cpuCores(),
                        p.cpuCores()});
            }
        }
        console.println("level  req/s  served  mean ms (measured predicted)  p95 ms (measured predicted)  CPU cores (measured predicted)");
        double[] p95Errors = new double[rows.size()];
        double[] cpuErrors = new double[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            double[] r = rows.get(i);
            p95Errors[i] = Math.abs(r[6] - r[5]) / r[5];
            cpuErrors[i] = Math.abs(r[8] - r[7]) / r[7];
            console.printf(Locale.ROOT, "%5.2f %6.1f %7.1f  %10.2f %9.2f  %17.2f %9.2f  %19.3f %9.3f%n", r[0], r[1], r[2],
                    r[3], r[4], r[5], r[6], r[7], r[8]);
        }
        console.printf(Locale.ROOT, "sim-to-real: p95 median relative error %.1f %%, CPU median relative error %.1f %%, %d levels%n",
                100 * median(p95Errors), 100 * median(cpuErrors), rows.size());
        console.flush();
        return 0;
    }

    private int fromHistory(PrintWriter console) throws IOException {
        List<MeasuredLevel> levels;
        try {
            levels = HistoryLevels.read(history, coresPerReplica);
        } catch (IllegalArgumentException e) {
            throw Cli.invalid(spec, "--history", history, "a history.csv of the run command (" + e.getMessage() + ")");
        } catch (IOException e) {
            throw Cli.invalid(spec, "--history", history, "a readable file (" + e.getMessage() + ")");
        }
        ServiceModel model;
        try {
            model = Fit.fit(levels, new Fit.Given(coresPerReplica, sharedCores == null ? Double.POSITIVE_INFINITY : sharedCores,
                    startupSeconds, 0, 1, 1, 10));
        } catch (IllegalArgumentException e) {
            throw Cli.invalid(spec, "--history", history, "a history with at least " + 3
                    + " steady periods at one load (" + e.getMessage() + "; " + levels.size() + " levels found)");
        }
        ModelFile.write(out, new ModelFile.Document(model, provenance("history: " + history.toAbsolutePath()), levels));
        console.printf("%d levels from %s%n", levels.size(), history);
        printLevels(console, levels, model);
        console.printf("Wrote %s%n", out);
        console.flush();
        return 0;
    }

    /** Each level measured, and what the fitted model says there. */
    private static void printLevels(PrintWriter console, List<MeasuredLevel> levels, ServiceModel model) {
        console.println("replicas  offered  served  errors %  CPU cores (measured fitted)  mean ms (measured fitted)  p95 ms (measured fitted)");
        Fit.Cpu cpu = model == null ? null : new Fit.Cpu(model.idleCoresPerReplica(), model.cpuSecondsPerRequest());
        for (MeasuredLevel l : levels) {
            double u = model == null ? Double.NaN : l.servedRate() * model.cpuSecondsPerRequest() / model.cores(l.replicas());
            console.printf(Locale.ROOT, "%8d %8.1f %7.1f %9.2f  %15.3f %7.3f  %15.2f %7.2f  %14.2f %7.2f%n", l.replicas(),
                    l.offeredRate(), l.servedRate(), l.errorPct(), l.cpuCores(),
                    cpu == null ? Double.NaN : cpu.cores(l.replicas(), l.servedRate()), l.meanMs(),
                    model == null ? Double.NaN : 1000 * model.latency().meanSeconds(u), l.p95Ms(),
                    model == null ? Double.NaN : 1000 * model.latency().p95Seconds(u));
        }
    }

    private Map<String, String> provenance(String source) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("source", source);
        List<String> args = spec.commandLine().getParseResult().originalArgs();
        p.put("command", (args.isEmpty() || !args.getFirst().equals("calibrate") ? "calibrate " : "") + String.join(" ", args));
        p.put("date", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        p.put("machine", machine());
        return p;
    }

    private static String machine() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "unknown host";
        }
        String cpu = "";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).strip() + ", ").orElse("");
        } catch (IOException | RuntimeException e) {
            // not Linux: the rest still says enough
        }
        String load = "";
        try {
            load = ", load average " + Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return String.format(Locale.ROOT, "%s: %s%d cores, %s %s, Java %s%s", host, cpu,
                Runtime.getRuntime().availableProcessors(), System.getProperty("os.name"), System.getProperty("os.version"),
                System.getProperty("java.version"), load);
    }

    private URI httpUrl(String option, String text) {
        try {
            URI uri = new URI(text.strip());
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // answered below
        }
        throw Cli.invalid(spec, option, text, "an http:// or https:// URL with a host, for example http://localhost:8082/test");
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n == 0 ? Double.NaN : n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
