package org.rlautoscaler.users;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The runnable jar, as users and {@code docker stop} treat it. */
class MainIT {
    private static final String JAR = System.getProperty("service.jar", "target/simulate-users.jar");
    private static final String JAVA = ProcessHandle.current().info().command().orElse("java");

    @Test
    void bad_setting_exits_2() throws Exception {
        ProcessBuilder builder = new ProcessBuilder(JAVA, "-jar", JAR).redirectErrorStream(true);
        builder.environment().put("NUM_USERS", "abc");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS));
        assertEquals(2, process.exitValue(), output);
        assertTrue(output.startsWith("error: Invalid value for --num-users (environment variable NUM_USERS)"), output);
    }

    @Test
    void sigterm_ends_the_run_with_a_summary() throws Exception {
        try (TestTarget target = TestTarget.start(0)) {
            ProcessBuilder builder = new ProcessBuilder(List.of(JAVA, "-jar", JAR,
                    "--base-url", target.url().toString(), "--num-users", "20", "--request-interval", "0.1",
                    "--metrics-port", "0", "--report-seconds", "1")).redirectErrorStream(true);
            Process process = builder.start();
            BufferedReader log = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            StringBuilder lines = new StringBuilder();
            for (String line = log.readLine(); line != null; line = log.readLine()) {
                lines.append(line).append('\n');
                if (line.contains("rate=")) {
                    break; // one report line: it runs
                }
            }
            assertTrue(lines.toString().matches("(?s).*t=\\d+s users=20 rate=[0-9.]+/s target=200\\.0/s p50=.*"), lines.toString());
            process.toHandle().destroy(); // SIGTERM
            for (String line = log.readLine(); line != null; line = log.readLine()) {
                lines.append(line).append('\n');
            }
            assertTrue(process.waitFor(120, TimeUnit.SECONDS));
            assertEquals(143, process.exitValue(), lines.toString());
            assertTrue(lines.toString().matches("(?s).*Summary: [0-9.]+ s, \\d+ requests \\([0-9.]+/s\\), 0 errors.*"),
                    lines.toString());
        }
    }
}
