package org.rlautoscaler.autoscaler.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rlautoscaler.autoscaler.files.OutputDirectory;
import org.rlautoscaler.common.testing.CliRun.Outcome;

/**
 * What train, evaluate and demo write is checked before they start their work: a bad output path
 * is one line and exit 2 with no progress shown, one run at a time per directory, and what is
 * there is read rather than silently replaced.
 */
class OutputsTest {
    @TempDir
    Path dir;

    private static void refusedBeforeTheWork(Outcome outcome, String expected) {
        assertEquals(2, outcome.status(), outcome.err());
        assertEquals(expected, outcome.firstErrorLine());
        assertFalse(outcome.err().contains(" %"), "no progress before the error: " + outcome.err());
        assertFalse(outcome.err().contains("\tat "), "no stack trace: " + outcome.err());
    }

    @Test
    void an_output_that_is_a_file_or_empty_or_has_a_directory_in_a_files_place_is_refused_at_start() throws IOException {
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        refusedBeforeTheWork(CommandsTest.run("train", "--out", file.toString()), "error: Invalid value for --out: '"
                + file + "'; accepted: a directory, or a path where one can be created (" + file + " is a file)");
        refusedBeforeTheWork(CommandsTest.run("evaluate", "--out", ""), "error: Invalid value for --out: ''; accepted: "
                + "a directory (an empty path names none; . is this one)");
        Path out = Files.createDirectories(dir.resolve("out"));
        Files.createDirectories(out.resolve("qlearning-qtable.json"));
        refusedBeforeTheWork(CommandsTest.run("train", "--out", out.toString()), "error: Invalid value for --out: '" + out
                + "'; accepted: a directory where qlearning-qtable.json can be written (" + out.resolve("qlearning-qtable.json")
                + " is a directory)");
        Files.createDirectories(out.resolve("hpa.png"));
        refusedBeforeTheWork(CommandsTest.run("evaluate", "--policies", "hpa,static", "--out", out.toString()),
                "error: Invalid value for --out: '" + out + "'; accepted: a directory where hpa.png can be written ("
                        + out.resolve("hpa.png") + " is a directory)");
    }

    @Test
    void a_second_run_on_a_directory_in_use_is_refused_naming_the_process() throws IOException {
        Path out = dir.resolve("busy");
        try (OutputDirectory first = OutputDirectory.claim("--out", out, List.of())) {
            refusedBeforeTheWork(CommandsTest.run("train", "--agent", "swarm-cpu-ram", "--out", out.toString()),
                    "error: Invalid value for --out: '" + out + "'; accepted: a directory no other run is using (process "
                            + ProcessHandle.current().pid() + " holds " + out.resolve(".lock") + ")");
        }
    }

    @Test
    void latency_table_resumes_from_a_table_csv_alone_as_from_its_own_file() throws IOException {
        Path out = dir.resolve("latency");
        Outcome first = CommandsTest.run("train", "--agent", "latency-table", "--episodes", "30", "--out", out.toString());
        assertEquals(0, first.status(), first.err());
        Files.delete(out.resolve("latency-table-qtable.json"));
        Outcome second = CommandsTest.run("train", "--agent", "latency-table", "--episodes", "5", "--out", out.toString());
        assertEquals(0, second.status(), second.err());
        assertTrue(second.out().contains("Resuming from the original's " + out.resolve("table.csv")), second.out());

        Files.writeString(out.resolve("table.csv"), "not,a,table\n");
        Files.delete(out.resolve("latency-table-qtable.json"));
        Outcome bad = CommandsTest.run("train", "--agent", "latency-table", "--episodes", "5", "--out", out.toString());
        assertEquals(2, bad.status(), bad.err());
        assertTrue(bad.firstErrorLine().startsWith("error: Invalid value for --out: '" + out + "'; accepted: a directory "
                + "without a table.csv, or with one this agent can resume ("), bad.firstErrorLine());
        assertEquals("not,a,table\n", Files.readString(out.resolve("table.csv")), "left as it was");
    }

    @Test
    void calibrate_checks_where_its_model_goes_before_measuring() throws IOException {
        Path directory = Files.createDirectories(dir.resolve("model.json"));
        refusedBeforeTheWork(CommandsTest.run("calibrate", "--url", "http://127.0.0.1:9/test", "--metrics-url",
                "http://127.0.0.1:9/metrics", "--out", directory.toString()), "error: Invalid value for --out: '" + directory
                + "'; accepted: a file path (" + directory + " is a directory)");
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        Outcome below = CommandsTest.run("calibrate", "--history", "h.csv", "--out", file.resolve("model.json").toString());
        assertEquals(2, below.status(), below.err());
        assertTrue(below.firstErrorLine().contains("accepted: a file in a directory that can be created and written ("),
                below.firstErrorLine());
    }
}
