package org.rlautoscaler.users;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.rlautoscaler.common.cli.Cli;
import org.rlautoscaler.common.cli.Range;
import org.rlautoscaler.common.config.HttpUrl;
import org.rlautoscaler.common.trace.Trace;
import org.rlautoscaler.common.trace.TraceException;
import org.rlautoscaler.users.load.OpenLoop;
import org.rlautoscaler.users.load.RequestMix;
import org.rlautoscaler.users.profile.LoadProfile;
import org.rlautoscaler.users.profile.ProfileKind;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Simulates users of the web application.
 *
 * <pre>
 * java -jar simulate-users/target/simulate-users.jar                        # 10 users, 1 request/s each
 * NUM_USERS=500 REQUEST_INTERVAL=0.5 java -jar simulate-users.jar           # 1000 requests/s
 * java -jar simulate-users.jar --profile step --num-users 10 --peak-users 200 --step-after-seconds 60
 * java -jar simulate-users.jar --profile trace --trace-file nasa.csv --peak-users 300 --time-scale 120
 * </pre>
 */
@Command(name = "simulate-users", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Simulates users of the web application: each user is a virtual thread that "
                + "requests BASE_URL every REQUEST_INTERVAL seconds; every INTERVAL minutes all users "
                + "restart. Load profiles make the number of users rise and fall.")
public final class Main implements Callable<Integer> {
    static final int MAX_USERS = 1_000_000;

    @Spec
    CommandSpec spec;

    @Option(names = "--base-url", paramLabel = "URL", defaultValue = "http://localhost:8082",
            description = "Where the requests go; the mix's paths are appended. Default: ${DEFAULT-VALUE}.")
    String baseUrl;

    @Range(min = 0, max = MAX_USERS)
    @Option(names = "--num-users", paramLabel = "N", defaultValue = "10",
            description = "Simulated users (the base level of the step, ramp and sine profiles). Default: ${DEFAULT-VALUE}.")
    int numUsers;

    @Range(min = 0, max = 10_080)
    @Option(names = "--interval", paramLabel = "MINUTES", defaultValue = "1",
            description = "Minutes between restarts of all users (fractions allowed; 0: never). Default: ${DEFAULT-VALUE}.")
    double intervalMinutes;

    @Range(min = 0.001, max = 3600)
    @Option(names = "--request-interval", paramLabel = "SECONDS", defaultValue = "1",
            description = "Seconds between a user's requests (fractions allowed). Default: ${DEFAULT-VALUE}.")
    double requestIntervalSeconds;

    @Option(names = "--mix", paramLabel = "MIX", defaultValue = "default",
            description = "What users request: 'default' (" + RequestMix.DEFAULT + "; /streaming as a 64 KiB "
                    + "range read), one path (/test), or path=weight pairs. Default: ${DEFAULT-VALUE}.")
    String mix;

    @Option(names = "--model", paramLabel = "MODEL", defaultValue = "closed",
            description = "closed: users wait for each answer, then pause; open: requests leave at "
                    + "users / REQUEST_INTERVAL per second whatever the latency. Default: ${DEFAULT-VALUE}.")
    SimulationConfig.Model model;

    @Option(names = "--profile", paramLabel = "PROFILE", defaultValue = "constant",
            description = "Users over time: ${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}.")
    ProfileKind profile;

    @Range(min = 0, max = MAX_USERS)
    @Option(names = "--peak-users", paramLabel = "N",
            description = "Highest number of users of the step, ramp, sine and trace profiles (required by them).")
    Integer peakUsers;

    @Range(min = 0, max = 1e7)
    @Option(names = "--step-after-seconds", paramLabel = "SECONDS", defaultValue = "60",
            description = "step: when the users go up to PEAK_USERS. Default: ${DEFAULT-VALUE}.")
    double stepAfterSeconds;

    @Range(min = 0, max = 1e7)
    @Option(names = "--step-length-seconds", paramLabel = "SECONDS", defaultValue = "0",
            description = "step: how long they stay up before going back to NUM_USERS (0: they stay). Default: ${DEFAULT-VALUE}.")
    double stepLengthSeconds;

    @Range(min = 0.001, max = 1e7)
    @Option(names = "--ramp-seconds", paramLabel = "SECONDS", defaultValue = "300",
            description = "ramp: how long the climb from NUM_USERS to PEAK_USERS takes. Default: ${DEFAULT-VALUE}.")
    double rampSeconds;

    @Range(min = 0.001, max = 1e7)
    @Option(names = "--period-seconds", paramLabel = "SECONDS", defaultValue = "600",
            description = "sine: length of one cycle from NUM_USERS up to PEAK_USERS and back. Default: ${DEFAULT-VALUE}.")
    double periodSeconds;

    @Option(names = "--trace-file", paramLabel = "FILE",
            description = "trace: a CSV t_seconds,requests whose shape the users follow (required by it).")
    Path traceFile;

    @Range(min = 0.001, max = 1e7)
    @Option(names = "--time-scale", paramLabel = "FACTOR", defaultValue = "60",
            description = "trace: trace seconds replayed per second (60: a trace minute a second). Default: ${DEFAULT-VALUE}.")
    double timeScale;

    @Range(min = 0, max = 1e7)
    @Option(names = "--duration-seconds", paramLabel = "SECONDS", defaultValue = "0",
            description = "How long to run (0: until stopped). Default: ${DEFAULT-VALUE}.")
    double durationSeconds;

    @Range(min = -1, max = 65535)
    @Option(names = "--metrics-port", paramLabel = "PORT", defaultValue = "8001",
            description = "Port of the Prometheus metrics (0: a free port, -1: none). Default: ${DEFAULT-VALUE}.")
    int metricsPort;

    @Range(min = 0.1, max = 3600)
    @Option(names = "--report-seconds", paramLabel = "SECONDS", defaultValue = "5",
            description = "Seconds between log lines with rate, latency and errors. Default: ${DEFAULT-VALUE}.")
    double reportSeconds;

    @Range(min = 0.001, max = 3600)
    @Option(names = "--timeout-seconds", paramLabel = "SECONDS", defaultValue = "10",
            description = "Connect and answer timeout of one request. Default: ${DEFAULT-VALUE}.")
    double timeoutSeconds;

    @Range(min = 0.001, max = 3600)
    @Option(names = "--max-backoff-seconds", paramLabel = "SECONDS", defaultValue = "30",
            description = "closed: the longest pause of a user after failed requests. Default: ${DEFAULT-VALUE}.")
    double maxBackoffSeconds;

    @Range(min = 1, max = 10_000_000)
    @Option(names = "--max-in-flight", paramLabel = "N", defaultValue = "10000",
            description = "open: requests that may wait for answers at once; more are counted as dropped. Default: ${DEFAULT-VALUE}.")
    int maxInFlight;

    @Range(min = 1, max = 100_000)
    @Option(names = "--max-connections", paramLabel = "N", defaultValue = "256",
            description = "Requests on the wire at once, each on its own connection; more wait their turn "
                    + "(and that wait counts in their latency). Default: ${DEFAULT-VALUE}.")
    int maxConnections;

    @Option(names = "--arrivals", paramLabel = "KIND", defaultValue = "poisson",
            description = "open: poisson spaces requests at random, as independent visitors arrive; even spaces them "
                    + "exactly. Default: ${DEFAULT-VALUE}.")
    OpenLoop.Arrivals arrivals;

    @Range(min = 0, max = 86_400)
    @Option(names = "--start-delay-seconds", paramLabel = "SECONDS", defaultValue = "0",
            description = "Seconds to wait, metrics already served, before the load starts (its second 0), so that "
                    + "Prometheus scrapes it from the first request. Default: ${DEFAULT-VALUE}.")
    double startDelaySeconds;

    @Range(min = 0, max = 1e9)
    @Option(names = "--seed", paramLabel = "N",
            description = "open: seed of the arrival times and of the mix's picks, so that a run's load repeats "
                    + "exactly. Default: a new seed each run.")
    Long seed;

    public static void main(String[] args) {
        // Look host names up again after a second: the requests follow the replicas a DNS name has now.
        java.security.Security.setProperty("networkaddress.cache.ttl", "1");
        System.exit(Cli.execute(new Main(), args));
    }

    @Override
    public Integer call() throws InterruptedException {
        Simulation simulation = new Simulation(config());
        Thread hook = new Thread(() -> {
            try {
                simulation.stop(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        simulation.run();
        return 0;
    }

    /** The settings, checked beyond what the options' types and ranges say. */
    SimulationConfig config() {
        return new SimulationConfig(url(), requestMix(), model, loadProfile(), seconds(requestIntervalSeconds),
                seconds(intervalMinutes * 60), seconds(durationSeconds), metricsPort, seconds(reportSeconds),
                seconds(timeoutSeconds), seconds(maxBackoffSeconds), maxInFlight, maxConnections, arrivals, seed,
                seconds(startDelaySeconds));
    }

    private URI url() {
        try {
            URI uri = HttpUrl.parse(baseUrl);
            if (uri.getQuery() == null && uri.getFragment() == null) {
                return uri;
            }
        } catch (IllegalArgumentException e) {
            // answered below
        }
        throw Cli.invalid(spec, "--base-url", baseUrl, "an http:// or https:// URL with a host, such as http://localhost:8082");
    }

    private RequestMix requestMix() {
        try {
            return RequestMix.parse(mix);
        } catch (IllegalArgumentException e) {
            throw Cli.invalid(spec, "--mix", mix, "default, a path such as /test, or path=weight pairs such as "
                    + "/=3,/test=1 (here: " + e.getMessage() + ")");
        }
    }

    private LoadProfile loadProfile() {
        return switch (profile) {
            case constant -> new LoadProfile.Constant(numUsers);
            case step -> new LoadProfile.Step(numUsers, peak(), stepAfterSeconds, stepLengthSeconds);
            case ramp -> new LoadProfile.Ramp(numUsers, peak(), rampSeconds);
            case sine -> new LoadProfile.Sine(numUsers, peak(), periodSeconds);
            case trace -> new LoadProfile.Replay(trace(), peak(), timeScale);
        };
    }

    private int peak() {
        if (peakUsers == null) {
            throw new ParameterException(spec.commandLine(), "Missing --peak-users (environment variable PEAK_USERS): "
                    + "the " + profile + " profile needs it; accepted: 0 to " + MAX_USERS);
        }
        return peakUsers;
    }

    private Trace trace() {
        if (traceFile == null) {
            throw new ParameterException(spec.commandLine(), "Missing --trace-file (environment variable TRACE_FILE): "
                    + "the trace profile needs it; accepted: a CSV file with the header t_seconds,requests");
        }
        try {
            return Trace.read(traceFile);
        } catch (TraceException e) {
            throw Cli.invalid(spec, "--trace-file", traceFile,
                    "a readable CSV file with the header t_seconds,requests (here: " + e.getMessage() + ")");
        }
    }

    private static Duration seconds(double seconds) {
        return Duration.ofNanos(Math.round(seconds * 1e9));
    }
}
