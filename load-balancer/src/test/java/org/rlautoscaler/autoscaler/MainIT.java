package org.rlautoscaler.autoscaler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rlautoscaler.common.testing.RequiredTools;

/** The runnable jar, as the README's main job runs it. */
class MainIT {
    private static final String JAR = System.getProperty("service.jar", "target/load-balancer.jar");
    private static final String JAVA = ProcessHandle.current().info().command().orElse("java");

    private record Result(int status, String output) {}

    private static Result run(Path workingDirectory, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(JAVA, "-jar", Path.of(JAR).toAbsolutePath().toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(workingDirectory.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS));
        return new Result(process.exitValue(), output);
    }

    @Test
    void demo_writes_the_table_results_and_plots_under_plots(@TempDir Path dir) throws Exception {
        Result result = run(dir, "demo", "--seeds", "1", "--episodes", "200");
        assertEquals(0, result.status(), result.output());
        assertTrue(result.output().contains("oracle "), result.output());
        assertTrue(Files.exists(dir.resolve("plots/results.csv")));
        assertTrue(Files.exists(dir.resolve("plots/qlearning.png")));
    }

    @Test
    void an_older_java_is_told_in_one_line_what_it_lacks() throws Exception {
        Path java17 = RequiredTools.olderJava();
        Process process = new ProcessBuilder(java17.toString(), "-jar", Path.of(JAR).toAbsolutePath().toString(), "demo")
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(2, process.exitValue(), output);
        assertEquals(1, output.lines().count(), output);
        assertTrue(output.startsWith("error: needs Java 21 or newer; found 17 ("), output);
        assertTrue(output.strip().endsWith("); use ./run, or set JAVA_HOME to a JDK 21+"), output);
    }

    @Test
    void unknown_policy_exits_2() throws Exception {
        Result result = run(Path.of("."), "evaluate", "--policies", "qlearning,k8s");
        assertEquals(2, result.status(), result.output());
        assertTrue(result.output().startsWith("error: Invalid value for --policies: 'k8s'; accepted: "), result.output());
    }
}
