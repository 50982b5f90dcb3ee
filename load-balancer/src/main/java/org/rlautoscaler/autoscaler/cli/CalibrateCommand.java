package org.rlautoscaler.autoscaler.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.rlautoscaler.autoscaler.calibration.Calibration;
import org.rlautoscaler.autoscaler.calibration.CalibrationException;
import org.rlautoscaler.autoscaler.calibration.Calibrator;
import org.rlautoscaler.autoscaler.calibration.Fit;
import org.rlautoscaler.autoscaler.calibration.HistoryLevels;
import org.rlautoscaler.autoscaler.calibration.Machine;
import org.rlautoscaler.autoscaler.files.OutputDirectory;
import org.rlautoscaler.autoscaler.math.Stats;
import org.rlautoscaler.autoscaler.sim.MeasuredLevel;
import org.rlautoscaler.autoscaler.sim.ModelFile;
import org.rlautoscaler.autoscaler.sim.ServiceModel;
import org.rlautoscaler.autoscaler.swarm.SwarmScaler;
import org.rlautoscaler.common.cli.Cli;
import org.rlautoscaler.common.cli.Range;
import org.rlautoscaler.common.config.HttpUrl;
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

    @Option(names = "--service-name", paramLabel = "NAME",
            description = "On a Swarm manager: also scale this service (NAME or STACK_NAME) to 1, 2, ... --max-replicas, "
                    + "measure each count with the load split over the replicas --url's host resolves to (dnsrr), and time "
                    + "how long a new replica takes to serve. Run it where that host resolves: on the service's network.")
    String serviceName;

    @Option(names = "--stack-name", paramLabel = "NAME", defaultValue = "",
            description = "--service-name: the stack it belongs to. Default: none, then any single *_NAME.")
    String stackName;

    @Option(names = "--docker-host", paramLabel = "URL",
            description = "--service-name: the Docker engine. Default: unix:///var/run/docker.sock.")
    String dockerHost;

    @Range(min = 1, max = 100)
    @Option(names = "--max-replicas", paramLabel = "N", defaultValue = "3",
            description = "--service-name: the most replicas measured. Default: ${DEFAULT-VALUE}.")
    int maxReplicas;

    @Option(names = "--note", paramLabel = "TEXT",
            description = "What was measured, in words, kept in the model's provenance (for example the instance's "
                    + "CPU limit and settings).")
    String note;

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

    @Range(min = 0, max = 3600)
    @Option(names = "--condition-seconds", paramLabel = "SECONDS", defaultValue = "30",
            description = "Time at half the estimated capacity before the levels (not measured), so that they describe "
                    + "a warm replica: the JIT compiles what the load runs, which a slow probe does not reach. "
                    + "Default: ${DEFAULT-VALUE}.")
    double conditionSeconds;

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
        if (check == null) {
            OutputDirectory.requireWritableFile("--out", out); // before minutes of measuring
        }
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
        ServiceModel checked = check == null ? null : ModelFile.serviceModel("--check", check);
        Calibrator.Settings settings = new Calibrator.Settings(target, metrics, label, settleSeconds, levelSeconds,
                Duration.ofSeconds(10), 256);
        Calibration.Ramp ramp = new Calibration.Ramp(startRate, warmupProbeSeconds, conditionSeconds, utilisationStep,
                maxUtilisation, stopFactor, sloP95Ms, coresPerReplica, settleSeconds, levelSeconds);
        try {
            if (serviceName != null) {
                if (checked != null) {
                    throw Cli.invalid(spec, "--check", check, "a model to check against one instance, without --service-name");
                }
                return calibrateService(console, settings, ramp);
            }
            if (checked != null) {
                return check(console, settings, ramp, checked);
            }
            Calibration.Measured measured = Calibration.oneInstance(settings, ramp, givenSharedCores(), Progress.CONSOLE);
            return fitAndWrite(console, measured, ramp, givenSharedCores(), "measured: " + url);
        } catch (CalibrationException e) {
            throw Cli.invalid(spec, e.option(), e.value(), e.getMessage());
        }
    }

    /** --shared-cores, or none shared (each replica its own cores). */
    private double givenSharedCores() {
        return sharedCores == null ? Double.POSITIVE_INFINITY : sharedCores;
    }

    /**
     * A Swarm service, replica count by replica count (see {@link Calibration#service}), then the
     * fit of what was measured.
     */
    private int calibrateService(PrintWriter console, Calibrator.Settings settings, Calibration.Ramp ramp)
            throws CalibrationException, InterruptedException, IOException {
        java.security.Security.setProperty("networkaddress.cache.ttl", "0"); // new replicas resolve at once
        java.security.Security.setProperty("networkaddress.cache.negative.ttl", "0");
        if (!settings.url().getHost().equals(settings.metricsUrl().getHost())) {
            throw Cli.invalid(spec, "--metrics-url", metricsUrl, "the same host as --url with --service-name ("
                    + settings.url().getHost() + "), so that each replica's metrics are read on its own address");
        }
        try (SwarmScaler swarm = SwarmScaler.connect(dockerHost, serviceName, stackName)) {
            int original;
            double shared;
            try {
                original = swarm.desiredReplicas();
                shared = sharedCores != null ? sharedCores : swarm.singleNodeCores().orElse(Double.POSITIVE_INFINITY);
            } catch (RuntimeException e) {
                throw Cli.invalid(spec, "--service-name", serviceName, "a replicated service on this Docker engine ("
                        + e.getMessage() + ")");
            }
            console.printf(Locale.ROOT, "Calibrating service %s (%d replicas now) at 1 to %d replicas, %.2f cores each%s%n",
                    serviceName, original, maxReplicas, coresPerReplica,
                    Double.isInfinite(shared) ? "" : String.format(Locale.ROOT, ", sharing the node's %.0f cores", shared));
            console.flush();
            Calibration.Measured measured = Calibration.service(settings, ramp, swarm, serviceName, maxReplicas, shared,
                    Progress.CONSOLE);
            console.printf(Locale.ROOT, "A new replica served %s s after it was asked for (median %.1f s)%n",
                    measured.startupSeconds().stream().map(d -> String.format(Locale.ROOT, "%.1f", d)).toList(),
                    measured.medianStartupSeconds().orElse(startupSeconds));
            return fitAndWrite(console, measured, ramp, shared, "measured: service " + serviceName + " at " + url);
        }
    }

    private int fitAndWrite(PrintWriter console, Calibration.Measured measured, Calibration.Ramp ramp, double shared,
                            String source) throws IOException {
        ServiceModel model;
        try {
            model = Calibration.fit(measured, ramp, startupSeconds, shared);
        } catch (IllegalArgumentException e) {
            printLevels(console, measured.levels(), null);
            throw Cli.invalid(spec, "--url", url, "a service that can be measured (here: " + e.getMessage() + ")");
        }
        ModelFile.write(out, new ModelFile.Document(model, provenance(source), measured.levels()));
        printLevels(console, measured.levels(), model);
        console.printf(Locale.ROOT, "Fitted: %.3f ms of CPU a request, %.3f cores idle; warm-up %.0f s at %.2f x the CPU; "
                        + "start-up %.1f s; capacity %.1f req/s a replica; p95 within %.0f ms up to utilisation %.2f%n",
                model.cpuSecondsPerRequest() * 1000, model.idleCoresPerReplica(), model.warmupSeconds(),
                model.warmupCpuFactor(), model.startupSeconds(), model.capacity(1), sloP95Ms,
                model.latency().highestUtilisation(sloP95Ms / 1000));
        console.printf("Wrote %s%n", out);
        console.flush();
        return 0;
    }

    private int check(PrintWriter console, Calibrator.Settings settings, Calibration.Ramp ramp, ServiceModel model)
            throws CalibrationException, InterruptedException {
        console.printf(Locale.ROOT, "Checking %s against %s at %s of its capacity (%.1f req/s a replica)%n", check, url,
                checkUtilisations, model.capacity(1));
        console.flush();
        List<Calibration.CheckedLevel> rows = Calibration.check(settings, ramp, model, checkUtilisations, Progress.CONSOLE);
        console.println("level  req/s  served  mean ms (measured predicted)  p95 ms (measured predicted)  CPU cores (measured predicted)");
        for (Calibration.CheckedLevel r : rows) {
            console.printf(Locale.ROOT, "%5.2f %6.1f %7.1f  %10.2f %9.2f  %17.2f %9.2f  %19.3f %9.3f%n", r.utilisation(),
                    r.rate(), r.measured().servedRate(), r.measured().meanMs(), r.predicted().meanMs(), r.measured().p95Ms(),
                    r.predicted().p95Ms(), r.measured().cpuCores(), r.predicted().cpuCores());
        }
        console.printf(Locale.ROOT, "sim-to-real: p95 median relative error %.1f %%, CPU median relative error %.1f %%, %d levels%n",
                100 * Stats.median(rows.stream().mapToDouble(Calibration.CheckedLevel::p95Error).toArray()),
                100 * Stats.median(rows.stream().mapToDouble(Calibration.CheckedLevel::cpuError).toArray()), rows.size());
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
            model = Fit.fit(levels, new Fit.Given(coresPerReplica, givenSharedCores(),
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
        if (note != null && !note.isBlank()) {
            p.put("note", note.strip());
        }
        p.put("date", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        p.put("machine", Machine.describe());
        return p;
    }

    private URI httpUrl(String option, String text) {
        try {
            return HttpUrl.parse(text);
        } catch (IllegalArgumentException e) {
            throw Cli.invalid(spec, option, text, "an http:// or https:// URL with a host, for example http://localhost:8082/test");
        }
    }
}
