package org.rlautoscaler.autoscaler.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every script answers --help with its usage and does nothing else: no package manager, no
 * engine, no server, no build, no file. The programs the scripts start are replaced, in PATH, by
 * spies that write down that they were called. An unknown option, or an option given another
 * option as its value, is refused with exit status 2.
 */
class ScriptsHelpTest {
    private static final Path SCRIPTS = Path.of("..", "scripts").toAbsolutePath().normalize();
    private static final List<String> SPIED = List.of("apt-get", "apt", "dpkg", "docker", "dockerd", "nginx", "wrk", "curl",
            "java", "hyperfine", "taskset", "systemctl", "prometheus", "promtool", "mvn");

    @TempDir
    Path dir;

    private record Result(int status, String out, List<String> called, List<String> created) {}

    private Result run(String script, String... args) throws Exception {
        Path spies = Files.createDirectories(dir.resolve("spies"));
        Path calls = dir.resolve("calls.log");
        for (String program : SPIED) {
            Path spy = spies.resolve(program);
            Files.writeString(spy, "#!/bin/sh\necho \"" + program + " $*\" >> '" + calls + "'\nexit 0\n");
            Files.setPosixFilePermissions(spy, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        Path work = Files.createDirectories(dir.resolve("work-" + script));
        List<String> command = new ArrayList<>(List.of("bash", SCRIPTS.resolve(script).toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true);
        builder.environment().put("PATH", spies + ":/usr/bin:/bin");
        builder.environment().put("JAVA_HOME", spies.toString()); // a JDK finder would find no java here
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes());
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), script + " did not end");
        List<String> created;
        try (Stream<Path> files = Files.list(work)) {
            created = files.map(path -> path.getFileName().toString()).toList();
        }
        return new Result(process.exitValue(), out, Files.exists(calls) ? Files.readAllLines(calls) : List.of(), created);
    }

    private static List<String> scripts() throws IOException {
        try (Stream<Path> files = Files.list(SCRIPTS)) {
            return files.map(path -> path.getFileName().toString()).filter(name -> name.endsWith(".sh"))
                    .filter(name -> !name.equals("find-jdk.sh")) // sourced by the others, not run
                    .sorted().toList();
        }
    }

    @Test
    void every_script_answers_help_with_its_usage_and_starts_nothing() throws Exception {
        List<String> scripts = scripts();
        assertTrue(scripts.size() >= 10, "scripts found: " + scripts);
        for (String script : scripts) {
            Result result = run(script, "--help");
            assertEquals(0, result.status(), script + ": " + result.out());
            assertTrue(result.out().lines().count() >= 3, script + " prints its usage: " + result.out());
            assertTrue(result.out().contains("scripts/" + script), script + " names how it is called: " + result.out());
            assertEquals(List.of(), result.called(), script + " --help called programs");
            assertEquals(List.of(), result.created(), script + " --help made files");
        }
    }

    @Test
    void an_unknown_option_or_an_option_as_a_value_is_refused_with_exit_2() throws Exception {
        for (String script : scripts()) {
            Result result = run(script, "--no-such-option");
            assertEquals(2, result.status(), script + ": " + result.out());
            assertTrue(result.out().startsWith("error: "), script + ": " + result.out());
            assertEquals(List.of(), result.called(), script + " called programs");
        }
        Result live = run("bench-live.sh", "--minutes", "--keep");
        assertEquals(2, live.status(), live.out());
        assertEquals("error: --minutes needs a value, not the option '--keep'; see scripts/bench-live.sh --help",
                live.out().strip());
        Result users = run("bench-users.sh", "soon");
        assertEquals(2, users.status(), users.out());
        assertTrue(users.out().startsWith("error: seconds per measurement must be a whole number, got 'soon'"), users.out());
    }
}
