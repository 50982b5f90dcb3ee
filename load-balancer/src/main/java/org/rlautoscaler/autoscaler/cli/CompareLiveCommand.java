package org.rlautoscaler.autoscaler.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.rlautoscaler.autoscaler.agent.Agent;
import org.rlautoscaler.autoscaler.catalog.AgentKind;
import org.rlautoscaler.autoscaler.env.Limits;
import org.rlautoscaler.autoscaler.files.AtomicFiles;
import org.rlautoscaler.autoscaler.livebench.LivePeriod;
import org.rlautoscaler.autoscaler.livebench.LiveRecorder;
import org.rlautoscaler.autoscaler.livebench.LiveReport;
import org.rlautoscaler.autoscaler.livebench.LiveResult;
import org.rlautoscaler.autoscaler.livebench.PeriodsCsv;
import org.rlautoscaler.autoscaler.livebench.Replay;
import org.rlautoscaler.autoscaler.livebench.ReplayPlan;
import org.rlautoscaler.autoscaler.metrics.Run;
import org.rlautoscaler.autoscaler.plots.LivePlots;
import org.rlautoscaler.autoscaler.prometheus.PrometheusClient;
import org.rlautoscaler.autoscaler.sim.ModelFile;
import org.rlautoscaler.autoscaler.sim.ServiceModel;
import org.rlautoscaler.autoscaler.sim.Traces;
import org.rlautoscaler.autoscaler.sim.Workload;
import org.rlautoscaler.common.cli.Cli;
import org.rlautoscaler.common.cli.Range;
import org.rlautoscaler.common.config.InvalidSettingException;
import org.rlautoscaler.common.trace.Trace;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code compare-live}: the policies compared on the real stack, in three steps that
 * {@code scripts/bench-live.sh} runs: {@code plan} fixes the replay every policy gets,
 * {@code record} reads one policy's live run back from Prometheus, and {@code report} sets each
 * live run against the simulated cluster's prediction of it (same load, model and policy) and
 * writes {@code results-live.csv}, the plots and the table.
 */
@Command(name = "compare-live", mixinStandardHelpOptions = true,
        description = "Compares policies on the real stack, live against predicted (driven by scripts/bench-live.sh).",
        subcommands = {CompareLiveCommand.Plan.class, CompareLiveCommand.Record.class, CompareLiveCommand.Report.class})
public final class CompareLiveCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing a step; accepted: plan, record, report");
    }

    @Command(name = "plan", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Fixes the replay: the part of the trace, its time compression and peak rate. Writes DIR/trace.csv "
                    + "(for the load generator) and DIR/replay.properties, and prints the load generator's and the "
                    + "autoscaler's settings as KEY=VALUE lines.")
    static final class Plan implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--dir", paramLabel = "DIR", defaultValue = "live", description = "Where the comparison's files go. Default: ${DEFAULT-VALUE}.")
        Path dir;

        @Option(names = "--trace", paramLabel = "FILE", defaultValue = "wikipedia",
                description = "The load: CSV t_seconds,requests, or nasa, wikipedia, teastore. Default: ${DEFAULT-VALUE}.")
        String trace;

        @Range(min = 0, max = 1e6)
        @Option(names = "--trace-start-hours", paramLabel = "HOURS", defaultValue = "0",
                description = "Where the replayed part starts in the trace. Default: ${DEFAULT-VALUE}.")
        double startHours;

        @Range(min = 0.001, max = 1e6)
        @Option(names = "--trace-hours", paramLabel = "HOURS", defaultValue = "24",
                description = "How much of the trace is replayed (24: a day). Default: ${DEFAULT-VALUE}.")
        double hours;

        @Range(min = 0.25, max = 10_000)
        @Option(names = "--minutes", paramLabel = "MINUTES", defaultValue = "10",
                description = "How long the replay lasts for each policy. Default: ${DEFAULT-VALUE}.")
        double minutes;

        @Range(min = 1, max = 3600)
        @Option(names = "--period-seconds", paramLabel = "SECONDS", defaultValue = "15",
                description = "The autoscaler's control period. Default: ${DEFAULT-VALUE}.")
        double periodSeconds;

        @Option(names = "--model-file", paramLabel = "FILE", required = true,
                description = "The service model (from calibrate) of the replicas as deployed: the autoscaler pre-trains with "
                        + "it, the load is sized with it, the prediction simulates it.")
        Path model;

        @Range(min = 1, max = 1000)
        @Option(names = "--min-replicas", paramLabel = "N", defaultValue = "1", description = "Default: ${DEFAULT-VALUE}.")
        int minReplicas;

        @Range(min = 1, max = 1000)
        @Option(names = "--max-replicas", paramLabel = "N", defaultValue = "6", description = "Default: ${DEFAULT-VALUE}.")
        int maxReplicas;

        @Range(min = 1, max = 1000)
        @Option(names = "--peak-replicas", paramLabel = "N", defaultValue = "3",
                description = "The busiest bin of the replayed part needs about this many replicas at 85 %% of their "
                        + "capacity. Default: ${DEFAULT-VALUE}.")
        int peakReplicas;

        @Range(min = 1, max = 600_000)
        @Option(names = "--slo-p95-ms", paramLabel = "MS", defaultValue = "100",
                description = "The latency objective: p95 at or below this. Default: ${DEFAULT-VALUE}.")
        double sloP95Ms;

        @Option(names = "--pretrain-trace", paramLabel = "FILE", defaultValue = "nasa",
                description = "Where the learning agents pre-train and hpa-tuned is tuned, in simulation; never the replayed "
                        + "trace. Default: ${DEFAULT-VALUE}.")
        String pretrainTrace;

        @Option(names = "--policies", paramLabel = "LIST", split = ",", defaultValue = "qlearning,hpa,hpa-tuned",
                description = "The policies compared: ${bundle:agents.live.list}. Default: ${DEFAULT-VALUE}.")
        List<String> policies;

        @Override
        public Integer call() throws IOException {
            policies.forEach(policy -> AgentKind.parse("--policies", policy, AgentKind.liveKinds()));
            ReplicaLimitOptions.limits(minReplicas, maxReplicas);
            if (peakReplicas > maxReplicas) {
                throw Cli.invalid(spec, "--peak-replicas", peakReplicas, "at most --max-replicas (" + maxReplicas + ")");
            }
            ServiceModel service = ModelFile.serviceModel("--model-file", model);
            int peakRate = (int) Math.round(service.capacity(peakReplicas) * Workload.PEAK_UTILISATION);
            Replay replay = replay(trace, startHours, hours, minutes, peakRate, periodSeconds);
            Files.createDirectories(dir);
            AtomicFiles.write(dir.resolve("trace.csv"), replay.csv().getBytes(StandardCharsets.UTF_8));
            new ReplayPlan(trace, startHours, hours, minutes, periodSeconds, peakRate, minReplicas, maxReplicas, sloP95Ms,
                    model, pretrainTrace, policies).write(dir);
            System.err.println("Replay: " + replay.describe() + "; " + peakReplicas + " replicas of "
                    + Replay.number(service.coresPerReplica()) + " cores at 85 % at the peak");
            PrintWriter out = spec.commandLine().getOut();
            out.printf(Locale.ROOT, "PEAK_USERS=%d%n", peakRate);
            out.printf(Locale.ROOT, "TIME_SCALE=%s%n", Replay.number(replay.timeScale()));
            out.printf(Locale.ROOT, "DURATION_SECONDS=%s%n", Replay.number(replay.seconds()));
            out.printf(Locale.ROOT, "PERIODS=%d%n", replay.periods());
            out.printf(Locale.ROOT, "CORES_PER_REPLICA=%s%n", Replay.number(service.coresPerReplica()));
            out.flush();
            return 0;
        }
    }

    @Command(name = "record", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Reads one policy's live replay back from the stack's Prometheus, a control period a line, into "
                    + "DIR/periods-POLICY.csv. Run it once the replay is over, before the stack is removed.")
    static final class Record implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--dir", paramLabel = "DIR", defaultValue = "live", description = "The comparison's directory (with replay.properties). Default: ${DEFAULT-VALUE}.")
        Path dir;

        @Option(names = "--policy", paramLabel = "NAME", required = true, description = "The policy that ran.")
        String policy;

        @Option(names = "--prometheus-url", paramLabel = "URL", defaultValue = "http://localhost:9090",
                description = "The stack's Prometheus. Default: ${DEFAULT-VALUE}.")
        String prometheusUrl;

        @Option(names = "--route", paramLabel = "ROUTE", defaultValue = "/test",
                description = "The application's route the load asked for. Default: ${DEFAULT-VALUE}.")
        String route;

        @Override
        public Integer call() throws IOException {
            ReplayPlan plan = plan(spec, dir);
            if (!plan.policies().contains(policy)) {
                throw Cli.invalid(spec, "--policy", policy, "one of the plan's policies: " + String.join(", ", plan.policies()));
            }
            Replay replay = replay(plan);
            try (PrometheusClient prometheus = PrometheusClient.create(prometheusUrl)) {
                LiveRecorder recorder = new LiveRecorder(prometheus, route);
                double start;
                List<LivePeriod> periods;
                try {
                    start = recorder.replayStart(Instant.now());
                    if (Double.isNaN(start)) {
                        System.err.println("error: Prometheus at " + prometheusUrl + " has no simulate_users_start_time_seconds:"
                                + " the load generator did not run, or was not scraped");
                        return 1;
                    }
                    periods = recorder.read(start, replay.periods(), plan.periodSeconds());
                } catch (IllegalStateException e) {
                    System.err.println("error: " + e.getMessage());
                    return 1;
                }
                Path file = dir.resolve("periods-" + policy + ".csv");
                PeriodsCsv.write(file, periods);
                long complete = periods.stream().filter(LivePeriod::complete).count();
                System.err.printf(Locale.ROOT, "%s: %d periods from %s read, %d with every reading; wrote %s%n", policy,
                        periods.size(), Instant.ofEpochMilli(Math.round(start * 1000)), complete, file);
                return 0;
            }
        }
    }

    @Command(name = "report", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Sets each recorded live run against the simulated cluster's prediction of it (same load, model and "
                    + "policy; the learning agent from the table it used live, in DIR/weights-POLICY/); writes "
                    + "DIR/results-live.csv, DIR/live-POLICY.png and DIR/live-comparison.png, and prints the table.")
    static final class Report implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--dir", paramLabel = "DIR", defaultValue = "live", description = "The comparison's directory. Default: ${DEFAULT-VALUE}.")
        Path dir;

        @Override
        public Integer call() throws IOException {
            ReplayPlan plan = plan(spec, dir);
            Replay replay = replay(plan);
            ServiceModel model = ModelFile.serviceModel("--model-file", plan.model());
            List<LiveResult> results = new ArrayList<>();
            List<LivePlots.Compared> compared = new ArrayList<>();
            for (String policy : plan.policies()) {
                Path file = dir.resolve("periods-" + policy + ".csv");
                if (!Files.isRegularFile(file)) {
                    System.err.println("No live run of " + policy + " (" + file + "): left out");
                    continue;
                }
                List<LivePeriod> periods;
                try {
                    periods = PeriodsCsv.read(file);
                } catch (IOException e) {
                    throw Cli.invalid(spec, "--dir", dir, "a directory of compare-live record files (" + e.getMessage() + ")");
                }
                LiveReport.Scored scored = LiveReport.score(periods, predictor(plan, policy, model), plan, replay, model,
                        dir.resolve("live-" + policy + ".png"));
                results.add(scored.result());
                compared.add(scored.compared());
            }
            if (results.isEmpty()) {
                throw Cli.invalid(spec, "--dir", dir, "a directory with at least one periods-POLICY.csv (compare-live record)");
            }
            LiveResult.write(dir.resolve("results-live.csv"), results);
            LivePlots.comparison(compared, plan.periodSeconds(), dir.resolve("live-comparison.png"));
            LiveReport.print(spec.commandLine().getOut(), replay, plan, results);
            return 0;
        }

        /**
         * The policy as the stack's autoscaler ran it: the run command's settings with the plan's
         * limits, period, objective, model and pre-training trace, greedy, the learning agent from
         * the table it used live (in DIR/weights-POLICY/, where it is pre-trained when absent).
         */
        private LiveReport.Predictor predictor(ReplayPlan plan, String policy, ServiceModel model) throws IOException {
            LiveOptions live = CommandLine.populateCommand(new LiveOptions());
            live.agent = policy;
            live.mode = LiveOptions.Mode.greedy;
            live.limits.minReplicas = plan.minReplicas();
            live.limits.maxReplicas = plan.maxReplicas();
            live.period.periodSeconds = plan.periodSeconds();
            live.period.sloP95Ms = plan.sloP95Ms();
            live.modelFile = plan.model();
            live.pretrain.pretrainTrace = plan.pretrainTrace();
            live.weightsDir = Files.createDirectories(dir.resolve("weights-" + policy));
            AgentKind kind = AgentKind.parse("--policy", policy, AgentKind.liveKinds());
            Limits limits = live.limits();
            Agent agent = RunCommand.liveAgent(kind, live, limits, live.weightsDir, model, Progress.CONSOLE).agent();
            return new LiveReport.Predictor(kind, agent, live.setup(limits, model));
        }
    }

    static ReplayPlan plan(CommandSpec spec, Path dir) {
        try {
            return ReplayPlan.read(dir);
        } catch (IOException e) {
            throw Cli.invalid(spec, "--dir", dir, "a directory compare-live plan wrote (" + e.getMessage() + ")");
        }
    }

    static Replay replay(ReplayPlan plan) {
        return replay(plan.trace(), plan.startHours(), plan.hours(), plan.minutes(), plan.peakRate(), plan.periodSeconds());
    }

    static Replay replay(String trace, double startHours, double hours, double minutes, int peakRate,
                         double periodSeconds) {
        Trace read = Traces.trace("--trace", trace);
        try {
            return Replay.of(read, startHours, hours, minutes, peakRate, periodSeconds);
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException("--trace-hours", Replay.number(hours), "a part of the trace with at least 2 bins, "
                    + "replayed in at least one period (" + e.getMessage() + ")");
        }
    }
}
