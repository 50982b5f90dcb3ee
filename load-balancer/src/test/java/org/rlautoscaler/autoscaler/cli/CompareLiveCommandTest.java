package org.rlautoscaler.autoscaler.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rlautoscaler.autoscaler.livebench.LivePeriod;
import org.rlautoscaler.autoscaler.livebench.PeriodsCsv;
import org.rlautoscaler.autoscaler.livebench.ReplayPlan;
import org.rlautoscaler.common.testing.CliRun;

class CompareLiveCommandTest {
    static final String MODEL = "src/main/resources/models/web-application-0.25-cores.json";

    @TempDir
    Path dir;

    @Test
    void plan_sizes_a_day_of_wikipedia_for_three_quarter_core_replicas_and_prints_the_load_generator_settings() throws Exception {
        CliRun.Outcome outcome = CommandsTest.run("compare-live", "plan", "--dir", dir.toString(), "--model-file", MODEL);

        assertEquals(0, outcome.status(), outcome.err());
        // 3 replicas x 0.25 cores / 5.965 ms a request x 85 % = 106.9 req/s; 86,400 trace seconds in 600 s
        assertEquals("PEAK_USERS=107\nTIME_SCALE=144\nDURATION_SECONDS=600\nPERIODS=40\nCORES_PER_REPLICA=0.25\n",
                outcome.out().replace("\r\n", "\n"));
        assertEquals(25, Files.readAllLines(dir.resolve("trace.csv")).size(), "the header and 24 hourly bins");
        ReplayPlan plan = ReplayPlan.read(dir);
        assertEquals(List.of("qlearning", "hpa", "hpa-tuned"), plan.policies());
        assertEquals(107, plan.peakRate());
        assertEquals(6, plan.maxReplicas());
    }

    @Test
    void report_sets_a_recorded_run_against_the_prediction_and_writes_the_csv_and_plots() throws Exception {
        assertEquals(0, CommandsTest.run("compare-live", "plan", "--dir", dir.toString(), "--model-file", MODEL,
                "--minutes", "1", "--policies", "hpa").status());
        // one minute at 1 to 2 replicas, a p95 above the objective in one period of four; errors
        // weighted by the load: 1 % of 40 req/s out of 116 req/s in all = 0.345 %; the rise at period 2
        // (2 needed, 1 serving) caught up with one period later: 15 s
        PeriodsCsv.write(dir.resolve("periods-hpa.csv"), List.of(
                new LivePeriod(0, 15, 12, 12, 1, 1, 1, 20, 0), new LivePeriod(1, 30, 14, 14, 1, 1, 1, 30, 0),
                new LivePeriod(2, 45, 40, 39, 2, 1, 1, 250, 1), new LivePeriod(3, 60, 50, 50, 2, 2, 2, 40, 0)));

        CliRun.Outcome outcome = CommandsTest.run("compare-live", "report", "--dir", dir.toString());

        assertEquals(0, outcome.status(), outcome.err());
        List<String> csv = Files.readAllLines(dir.resolve("results-live.csv"));
        assertEquals("policy,slo_violation_pct,replica_minutes,error_pct,scale_out_reaction_s,predicted_slo_violation_pct,"
                + "predicted_replica_minutes", csv.get(0));
        assertEquals(2, csv.size());
        assertTrue(csv.get(1).startsWith("hpa,25.00,1.25,0.345,15,"), csv.get(1));
        assertTrue(Files.size(dir.resolve("live-hpa.png")) > 0);
        assertTrue(Files.size(dir.resolve("live-comparison.png")) > 0);
        assertTrue(outcome.out().contains("hpa "), outcome.out());
    }

    @Test
    void bad_settings_are_refused_in_one_line_naming_them() {
        String peak = CliRun.refused(new org.rlautoscaler.autoscaler.Main(), java.util.Map.of(), "compare-live", "plan",
                "--dir", dir.toString(), "--model-file", MODEL, "--peak-replicas", "7");
        assertTrue(peak.contains("--peak-replicas") && peak.contains("'7'") && peak.contains("at most --max-replicas (6)"), peak);
        String policy = CliRun.refused(new org.rlautoscaler.autoscaler.Main(), java.util.Map.of(), "compare-live", "plan",
                "--dir", dir.toString(), "--model-file", MODEL, "--policies", "hpa,oracle");
        assertTrue(policy.contains("--policies") && policy.contains("'oracle'"), policy);
        String hours = CliRun.refused(new org.rlautoscaler.autoscaler.Main(), java.util.Map.of(), "compare-live", "plan",
                "--dir", dir.toString(), "--model-file", MODEL, "--trace-start-hours", "5000");
        assertTrue(hours.contains("--trace-hours") && hours.contains("at least 2 bins"), hours);
        String noPlan = CliRun.refused(new org.rlautoscaler.autoscaler.Main(), java.util.Map.of(), "compare-live", "report",
                "--dir", dir.resolve("nothing").toString());
        assertTrue(noPlan.contains("--dir") && noPlan.contains("run compare-live plan first"), noPlan);
    }
}
