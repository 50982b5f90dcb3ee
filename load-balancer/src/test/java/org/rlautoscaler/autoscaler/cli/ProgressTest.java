package org.rlautoscaler.autoscaler.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Progress written to a file: plain lines, one a tenth, no carriage return. */
class ProgressTest {
    @Test
    void a_file_gets_one_line_at_every_tenth_of_the_work_and_no_frames() {
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        try (Progress progress = Progress.lines(new PrintStream(written, true, StandardCharsets.UTF_8), "train qlearning",
                1000, "steps")) {
            for (int step = 0; step < 1000; step += 7) {
                progress.stepBy(7);  // 7, 14, ... 1001: each tenth is crossed once
            }
            progress.stepTo(1000);
        }
        String text = written.toString(StandardCharsets.UTF_8);
        assertFalse(text.contains("\r"), text);
        List<String> lines = text.lines().toList();
        assertEquals(10, lines.size(), text);
        assertTrue(lines.get(0).matches("train qlearning: 10 % \\(105 of 1000 steps, \\d+\\.\\d s\\)"), lines.get(0));
        assertTrue(lines.get(9).matches("train qlearning: 100 % \\(1001 of 1000 steps, \\d+\\.\\d s\\)"), lines.get(9));
    }

    @Test
    void standard_error_of_a_test_run_is_not_a_terminal() {
        assertFalse(Progress.standardErrorIsTerminal(), "surefire pipes the test JVM's standard error");
    }
}
