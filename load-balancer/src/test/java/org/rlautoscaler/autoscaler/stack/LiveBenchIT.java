package org.rlautoscaler.autoscaler.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.rlautoscaler.autoscaler.livebench.LivePeriod;
import org.rlautoscaler.autoscaler.livebench.LiveResult;
import org.rlautoscaler.autoscaler.livebench.PeriodsCsv;
import org.rlautoscaler.common.testing.RequiredTools;

/**
 * {@code scripts/bench-live.sh} end to end, short: two policies, each replaying three minutes of
 * a small synthetic trace (a rise to a peak and back, an hour in 5-minute bins) on the real
 * stack. It checks that the comparison is complete, not how the policies rank: that is a
 * benchmark (docs/benchmarks.md).
 */
class LiveBenchIT {
    static final List<String> POLICIES = List.of("hpa", "qlearning");
    static final int MAX_REPLICAS = 6;
    /** Three minutes of 15 s periods. */
    static final int PERIODS = 12;

    @TempDir(cleanup = CleanupMode.ON_SUCCESS) // a failed run leaves its periods, logs and plots to read
    Path dir;

    @Test
    void two_policies_replayed_live_give_a_complete_comparison_with_the_prediction() throws Exception {
        RequiredTools.requireDockerSwarm();
        StackImages.build();
        Path trace = dir.resolve("rise-and-fall.csv");
        StringBuilder csv = new StringBuilder("t_seconds,requests\n");
        int[] bins = {10, 20, 40, 70, 100, 100, 90, 60, 40, 20, 10, 10};
        for (int i = 0; i < bins.length; i++) {
            csv.append(i * 300).append(',').append(bins[i]).append('\n');
        }
        Files.writeString(trace, csv);
        Path out = dir.resolve("live");

        Process process = new ProcessBuilder("bash", "scripts/bench-live.sh", "--policies", String.join(",", POLICIES),
                "--trace", trace.toString(), "--trace-hours", "1", "--minutes", "3", "--pretrain-episodes", "3000",
                "--max-replicas", Integer.toString(MAX_REPLICAS), "--stack", "rllivetest", "--out", out.toString())
                .directory(StackImages.ROOT.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(40, TimeUnit.MINUTES), "bench-live.sh still running after 40 minutes:\n" + output);
        assertEquals(0, process.exitValue(), "bench-live.sh failed:\n" + output);

        List<String> results = Files.readAllLines(out.resolve("results-live.csv"));
        assertEquals(LiveResult.HEADER, results.get(0));
        assertEquals(1 + POLICIES.size(), results.size(), output);
        for (int i = 0; i < POLICIES.size(); i++) {
            String[] fields = results.get(1 + i).split(",", -1);
            assertEquals(POLICIES.get(i), fields[0]);
            assertEquals(7, fields.length, results.get(1 + i));
            for (int f : new int[] {1, 2, 3, 5, 6}) {
                assertTrue(Double.isFinite(Double.parseDouble(fields[f])), "column " + f + " of " + results.get(1 + i));
            }
            assertTrue(Double.parseDouble(fields[2]) >= 3 * 1, "at least one replica the whole 3 minutes: " + fields[2]);
            assertTrue(Double.parseDouble(fields[3]) < 5, "errors below 5 % of the requests: " + fields[3]);
        }
        for (String policy : POLICIES) {
            List<LivePeriod> periods = PeriodsCsv.read(out.resolve("periods-" + policy + ".csv"));
            assertEquals(PERIODS, periods.size());
            for (LivePeriod period : periods) {
                assertTrue(period.desired() >= 1 && period.desired() <= MAX_REPLICAS, policy + ": " + period);
                assertTrue(period.running() >= 1 && period.running() <= MAX_REPLICAS, policy + ": " + period);
                assertTrue(period.offeredRps() > 0, policy + ": load offered in every period: " + period);
            }
            // A replica saturated past its scrape timeout leaves a period without its served rate and
            // p95 (counted as a violation): allowed once in twelve, on a shared, loaded machine.
            long complete = periods.stream().filter(LivePeriod::complete).count();
            assertTrue(complete >= PERIODS - 1, policy + ": every reading in " + complete + " of " + PERIODS + " periods: "
                    + periods);
            assertTrue(periods.stream().anyMatch(p -> p.serving() >= 2),
                    policy + ": the load reached a second replica: " + periods);
            String tasks = Files.readString(out.resolve("application-tasks-" + policy + ".txt"));
            assertTrue(!tasks.contains("Failed") && !tasks.contains("Rejected"), policy + ": no replica failed:\n" + tasks);
            assertTrue(Files.size(out.resolve("live-" + policy + ".png")) > 0);
        }
        assertTrue(Files.size(out.resolve("live-comparison.png")) > 0);
        assertTrue(output.contains("SLO diff"), "the table is printed:\n" + output);
    }
}
