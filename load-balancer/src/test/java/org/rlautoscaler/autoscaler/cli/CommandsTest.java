package org.rlautoscaler.autoscaler.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rlautoscaler.autoscaler.Main;
import org.rlautoscaler.autoscaler.catalog.AgentKind;
import org.rlautoscaler.autoscaler.metrics.ResultsCsv;
import org.rlautoscaler.autoscaler.sim.ClusterModel;
import org.rlautoscaler.autoscaler.sim.ModelFile;
import org.rlautoscaler.autoscaler.sim.ServiceModel;
import org.rlautoscaler.common.testing.CliRun;
import org.rlautoscaler.common.testing.CliRun.Outcome;

/** The train, evaluate and demo commands, run in-process as users run them. */
class CommandsTest {
    @TempDir
    static Path dir;
    static Path trace;

    @BeforeAll
    static void writeTrace() throws IOException {
        // A day-like cycle of 240 one-minute bins.
        StringBuilder csv = new StringBuilder("t_seconds,requests\n");
        for (int i = 0; i < 240; i++) {
            csv.append(i * 60).append(',').append(String.format(Locale.ROOT, "%.1f", 100 + 80 * Math.sin(i / 12.0))).append('\n');
        }
        trace = dir.resolve("cycle.csv");
        Files.writeString(trace, csv);
    }

    static Outcome run(String... args) {
        return runWith(Map.of(), args);
    }

    static Outcome runWith(Map<String, String> environment, String... args) {
        return CliRun.run(new Main(), environment, args);
    }

    private static String firstErrorLine(Outcome outcome) {
        return outcome.firstErrorLine();
    }

    @Test
    void same_seeds_give_a_byte_identical_results_csv() throws IOException {
        Path first = dir.resolve("first");
        Path second = dir.resolve("second");
        for (Path out : List.of(first, second)) {
            Outcome outcome = run("evaluate", "--trace", trace.toString(), "--seeds", "2", "--episodes", "200",
                    "--out", out.toString());
            assertEquals(0, outcome.status(), outcome.err());
        }
        assertArrayEquals(Files.readAllBytes(first.resolve("results.csv")), Files.readAllBytes(second.resolve("results.csv")));
        List<String> lines = Files.readAllLines(first.resolve("results.csv"));
        assertEquals(ResultsCsv.HEADER, lines.getFirst());
        assertEquals("policy,seed,slo_violation_pct,replica_seconds,under_provision_pct,over_provision_pct,under_time_pct,"
                + "over_time_pct,instability_pct,jitter,adaptations_pct,mean_latency_ms,p95_latency_ms", lines.getFirst());
        assertEquals(1 + 8 * 2, lines.size());
        for (String policy : AgentKind.all().stream().map(AgentKind::id).toList()) {
            assertTrue(Files.size(first.resolve(policy + ".png")) > 10_000, policy + ".png");
        }
    }

    @Test
    void a_model_file_gives_its_own_byte_identical_results() throws IOException {
        Path model = dir.resolve("queueing.json");
        ModelFile.write(model, new ModelFile.Document(ServiceModel.queueing(0.005, 1, 10, 10), Map.of(), List.of()));
        Path first = dir.resolve("model-first");
        Path second = dir.resolve("model-second");
        Path bundled = dir.resolve("model-bundled");
        for (Path out : List.of(first, second, bundled)) {
            List<String> args = new java.util.ArrayList<>(List.of("evaluate", "--trace", trace.toString(), "--seeds", "2",
                    "--episodes", "50", "--policies", "hpa,oracle", "--out", out.toString()));
            if (out != bundled) {
                args.addAll(List.of("--model", model.toString()));
            }
            Outcome outcome = run(args.toArray(String[]::new));
            assertEquals(0, outcome.status(), outcome.err());
        }
        assertArrayEquals(Files.readAllBytes(first.resolve("results.csv")), Files.readAllBytes(second.resolve("results.csv")));
        assertNotEquals(Files.readString(first.resolve("results.csv")), Files.readString(bundled.resolve("results.csv")),
                "the model is the one simulated");
    }

    @Test
    void a_bad_model_file_is_exit_2_naming_the_file_and_field() throws IOException {
        Path model = dir.resolve("bad-model.json");
        Files.writeString(model, "{\"format\": 1, \"kind\": \"measured\"}");
        Outcome outcome = run("evaluate", "--trace", trace.toString(), "--model", model.toString());
        assertEquals(2, outcome.status());
        assertEquals("error: Invalid value for --model: '" + model + "'; accepted: a model file written by calibrate ("
                + model + ": field cpu_seconds_per_request is missing)", firstErrorLine(outcome));
    }

    @Test
    void evaluate_says_where_learners_train_and_prints_the_table() {
        Outcome outcome = run("evaluate", "--trace", trace.toString(), "--policies", "qlearning,hpa,oracle",
                "--seeds", "1", "--episodes", "50", "--out", dir.resolve("table").toString());
        assertEquals(0, outcome.status(), outcome.err());
        // the bundled model's capacity, 85 % of 10 replicas
        String peak = String.format(Locale.ROOT, "%.1f", 10 * ClusterModel.defaults().replicaCapacity() * 0.85);
        assertTrue(outcome.out().contains("Learning agents train on cycle.csv: 240 bins of 60 s in real time -> 960 steps of "
                + "15 s; first half = steps 0 to 480; the first half's busiest step, 3.000/s, scaled to " + peak
                + " req/s (10 replicas at 85%)"), outcome.out());
        assertTrue(outcome.out().contains("Every agent is evaluated on cycle.csv: 240 bins of 60 s in real time -> 960 steps "
                + "of 15 s; second half = steps 480 to 960; the first half's busiest step, 3.000/s, scaled to " + peak
                + " req/s (10 replicas at 85%)"), outcome.out());
        assertTrue(outcome.out().lines().anyMatch(line -> line.startsWith("oracle ")), outcome.out());
    }

    @Test
    void train_saves_the_table_plots_and_history_then_resumes_from_the_table() throws IOException {
        Path out = dir.resolve("weights");
        Outcome first = run("train", "--agent", "latency-table", "--trace", trace.toString(), "--episodes", "20",
                "--seed", "3", "--out", out.toString());
        assertEquals(0, first.status(), first.err());
        for (String file : List.of("latency-table-qtable.json", "table.csv", "latency-table-reward.png", "latency-table-mse.png",
                "history.csv")) {
            assertTrue(Files.size(out.resolve(file)) > 0, file);
        }
        // the trace scaled to 10 replicas at 85 %: its busiest period's requests per 30 s, in 3 request intervals
        double peak = 10 * ClusterModel.defaults().replicaCapacity() * 0.85;
        long initial = (long) Math.ceil(peak * 30 / 3);
        assertTrue(first.out().contains(String.format(Locale.ROOT, "latency-table: latency 500 ms x 4, requests %d per 30 s x 3, "
                + "textbook update; request intervals scaled with the load: initial_request 18 -> %d, so that the last of 3 "
                + "ends at %d requests per 30 s, the busiest period's %.1f req/s (--no-scale-request-intervals keeps 18)",
                initial, initial, initial * 3, peak)), first.out());
        assertTrue(Files.readAllLines(out.resolve("table.csv")).get(1).startsWith("1,0,500,0," + initial + ","));
        assertEquals("epoch,pod,latency,requests,action,new_latency,new_requests,reward,q_value,random",
                Files.readAllLines(out.resolve("history.csv")).getFirst());
        // one row per step learnt from: of the 20 x 40 steps, those the safety chain changed (a pod count
        // more than 2 away, or within the 30 s cooldown) were not the agent's action and are not learnt from
        assertEquals(257, Files.readAllLines(out.resolve("history.csv")).size());
        assertTrue(first.out().contains("validation episode (greedy, no learning)"), first.out());

        Outcome second = run("train", "--agent", "latency-table", "--trace", trace.toString(), "--episodes", "5",
                "--out", out.toString());
        assertEquals(0, second.status(), second.err());
        assertTrue(second.out().startsWith("Resuming from " + out.resolve("latency-table-qtable.json")), second.out());
        // appended, as the original did: one header, the second run's epochs from 0 again
        List<String> history = Files.readAllLines(out.resolve("history.csv"));
        assertEquals(1, history.stream().filter(line -> line.startsWith("epoch,")).count());
        assertTrue(history.size() > 257, "the second run's rows follow the first's: " + history.size());
        assertTrue(history.get(257).startsWith("0,"), history.get(257));

        Outcome faithfulOther = run("train", "--agent", "latency-table", "--no-scale-request-intervals", "--trace",
                trace.toString(), "--episodes", "5", "--out", out.toString());
        assertEquals(2, faithfulOther.status());
        assertTrue(firstErrorLine(faithfulOther).contains("was made with another state encoding: it has state pods(10) x "
                + "latency_interval_of_500_ms(4) x request_interval_of_" + initial + "_per_30_s(3) instead of pods(10) x "
                + "latency_interval_of_500_ms(4) x request_interval_of_18_per_30_s(3)"), faithfulOther.err());
    }

    @Test
    void a_table_of_another_encoding_is_refused_with_what_differs() {
        Path out = dir.resolve("swarm");
        assertEquals(0, run("train", "--agent", "swarm-cpu-ram", "--trace", trace.toString(), "--episodes", "5",
                "--out", out.toString()).status());
        Outcome outcome = run("train", "--agent", "swarm-cpu-ram", "--num-states", "3", "--trace", trace.toString(),
                "--episodes", "5", "--out", out.toString());
        assertEquals(2, outcome.status());
        assertTrue(firstErrorLine(outcome).contains("was made with another state encoding: it has state cpu_bucket(2) x "
                + "ram_bucket(2) instead of cpu_bucket(3) x ram_bucket(3)"), outcome.err());
    }

    @Test
    void demo_runs_on_the_bundled_traces() {
        Outcome outcome = run("demo", "--seeds", "1", "--episodes", "100", "--out", dir.resolve("demo").toString());
        assertEquals(0, outcome.status(), outcome.err());
        assertTrue(outcome.out().contains("Learning agents train on nasa_http_jul1995_1min.csv"), outcome.out());
        assertTrue(outcome.out().contains("Every agent is evaluated on wikipedia_limbo_1h.csv"), outcome.out());
        assertTrue(outcome.out().contains("evaluated part = steps 88980 to 355920; the busiest step of its first 25 % "
                + "(not evaluated)"), outcome.out());
        assertTrue(outcome.out().contains("hpa-tuned: target "), outcome.out());
        assertTrue(Files.exists(dir.resolve("demo").resolve("results.csv")));
    }

    @Test
    void bad_input_exits_2_naming_the_input_and_what_is_accepted() throws IOException {
        assertEquals("error: Invalid value for --policies: 'magic'; accepted: qlearning, swarm-cpu-ram, latency-table, "
                + "hpa, hpa-tuned, threshold, static, oracle", firstErrorLine(run("evaluate", "--policies", "hpa,magic")));
        assertEquals("error: Invalid value for --agent: 'hpa'; accepted: qlearning, swarm-cpu-ram, latency-table",
                firstErrorLine(run("train", "--agent", "hpa")));
        assertTrue(firstErrorLine(run("evaluate", "--trace", "/no/such.csv")).startsWith(
                "error: Invalid value for --trace: '/no/such.csv'; accepted: a readable CSV t_seconds,requests or nasa, "
                        + "wikipedia, teastore (here: /no/such.csv: no such file"));
        Path broken = dir.resolve("broken.csv");
        Files.writeString(broken, "t_seconds,requests\n0,5\n60,five\n");
        assertTrue(firstErrorLine(run("evaluate", "--trace", broken.toString()))
                .endsWith("(here: broken.csv line 3: requests 'five' is not a number)"), firstErrorLine(run("evaluate", "--trace", broken.toString())));
        Path oneRow = dir.resolve("one-row.csv");
        Files.writeString(oneRow, "t_seconds,requests\n0,5\n");
        assertEquals("error: Invalid value for --trace: '" + oneRow + "'; accepted: a readable CSV t_seconds,requests or nasa, "
                + "wikipedia, teastore (here: one-row.csv lasts 1 s, less than one control period of 15 s)",
                firstErrorLine(run("evaluate", "--trace", oneRow.toString())));
        Path twoBins = dir.resolve("two-bins.csv");
        Files.writeString(twoBins, "t_seconds,requests\n0,5\n15,6\n");
        assertEquals("error: Invalid value for --trace: '" + twoBins + "'; accepted: a longer trace (a trace of at least 4 "
                + "steps is needed to train on one half and evaluate on the other; this one has 2)",
                firstErrorLine(run("evaluate", "--trace", twoBins.toString())));
        assertEquals("error: Invalid value for --sizing-fraction: 0.95; accepted: 0.01 to 0.9",
                firstErrorLine(run("evaluate", "--sizing-fraction", "0.95")));
        assertEquals("error: Invalid value for --max-replicas: '2'; accepted: at least --min-replicas (5)",
                firstErrorLine(run("evaluate", "--min-replicas", "5", "--max-replicas", "2")));
        assertEquals("error: Invalid value for --episodes: 0; accepted: 1 to 10000000",
                firstErrorLine(run("train", "--episodes", "0")));
        Outcome none = run();
        assertEquals(2, none.status());
        assertEquals("error: Missing a command; accepted: demo, train, evaluate, run, calibrate, compare-live, watch", firstErrorLine(none));
        assertEquals(2, run("evaluate", "--policies", "hpa,magic").status());
    }
}
