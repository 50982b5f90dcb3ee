package org.rlautoscaler.autoscaler.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rlautoscaler.common.config.InvalidSettingException;

/** A run's output directory: checked before the work, one run at a time, leftovers of a killed save removed. */
class OutputDirectoryTest {
    @TempDir
    Path dir;

    private static String refusal(Path directory, List<String> files) {
        return assertThrows(InvalidSettingException.class, () -> OutputDirectory.claim("--out", directory, files)).getMessage();
    }

    @Test
    void a_missing_directory_is_created_and_claimed_then_released() throws IOException {
        Path out = dir.resolve("a/b");
        try (OutputDirectory claimed = OutputDirectory.claim("--out", out, List.of("results.csv"))) {
            assertTrue(Files.isDirectory(out));
            assertEquals(Long.toString(ProcessHandle.current().pid()), Files.readString(out.resolve(".lock")));
        }
        assertFalse(Files.exists(out.resolve(".lock")), "the lock goes with the run");
        try (OutputDirectory again = OutputDirectory.claim("--out", out, List.of("results.csv"))) {
            assertEquals(Long.toString(ProcessHandle.current().pid()), Files.readString(out.resolve(".lock")), "claimed again");
        }
    }

    @Test
    void a_second_run_on_the_same_directory_is_refused_naming_the_process_that_holds_it() throws IOException {
        try (OutputDirectory first = OutputDirectory.claim("--out", dir, List.of())) {
            assertEquals("Invalid value for --out: '" + dir + "'; accepted: a directory no other run is using (process "
                    + ProcessHandle.current().pid() + " holds " + dir.resolve(".lock") + ")", refusal(dir, List.of()));
        }
    }

    @Test
    void a_lock_file_left_by_a_killed_run_does_not_block() throws IOException {
        Files.writeString(dir.resolve(".lock"), "999999");
        try (OutputDirectory claimed = OutputDirectory.claim("--out", dir, List.of())) {
            assertEquals(Long.toString(ProcessHandle.current().pid()), Files.readString(dir.resolve(".lock")));
        }
    }

    @Test
    void a_file_an_empty_path_or_a_directory_in_a_files_place_is_refused_before_the_work() throws IOException {
        Path file = Files.writeString(dir.resolve("plain"), "x");
        assertEquals("Invalid value for --out: '" + file + "'; accepted: a directory, or a path where one can be created ("
                + file + " is a file)", refusal(file, List.of()));
        assertEquals("Invalid value for --out: ''; accepted: a directory (an empty path names none; . is this one)",
                refusal(Path.of(""), List.of()));
        Files.createDirectories(dir.resolve("results.csv"));
        assertEquals("Invalid value for --out: '" + dir + "'; accepted: a directory where results.csv can be written ("
                + dir.resolve("results.csv") + " is a directory)", refusal(dir, List.of("results.csv")));
        assertTrue(refusal(file.resolve("below"), List.of()).contains("a directory that exists or can be created"));
    }

    @Test
    void temporary_files_of_a_killed_save_are_removed_and_nothing_else() throws IOException {
        Path leftover = Files.writeString(dir.resolve(".qlearning-qtable.json8127361287.tmp"), "half");
        Path kept = Files.writeString(dir.resolve("notes.tmp"), "mine");
        Path table = Files.writeString(dir.resolve("qlearning-qtable.json"), "{}");
        try (OutputDirectory claimed = OutputDirectory.claim("--out", dir, List.of("qlearning-qtable.json"))) {
            assertFalse(Files.exists(leftover));
            assertTrue(Files.exists(kept));
            assertTrue(Files.exists(table));
        }
    }
}
