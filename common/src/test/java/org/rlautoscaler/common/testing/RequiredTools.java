package org.rlautoscaler.common.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds the real programs that some tests run (promtool, prometheus, docker, ...).
 *
 * <p>Where one is missing, a test is skipped on a developer's machine but fails in CI: there
 * {@code scripts/install-test-tools.sh}, run by the build when {@code CI=true}, must have
 * installed it, and a skipped test would hide that it did not.
 */
public final class RequiredTools {
    private RequiredTools() {}

    /** True where every real-component test must run: CI=true in the environment. */
    public static boolean mustRun() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /** The program's path; skips the test where it is missing, or fails it under CI. */
    public static Path require(String program) {
        Optional<Path> found = find(program);
        if (found.isEmpty()) {
            String message = program + " is not installed (looked on PATH, /usr/bin, /usr/sbin); "
                    + "install it with scripts/install-test-tools.sh";
            if (mustRun()) {
                fail(message + ". CI must run this test, not skip it.");
            }
            Assumptions.abort(message + ": skipping");
        }
        return found.get();
    }

    /**
     * A Docker engine in Swarm mode, reached with Debian's client {@code /usr/bin/docker} (it
     * matches the 20.10 engine). Skips the test where there is none; fails it under CI.
     */
    public static void requireDockerSwarm() {
        String state = "no engine";
        try {
            Process process = new ProcessBuilder("/usr/bin/docker", "info", "--format", "{{.Swarm.LocalNodeState}}")
                    .redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes()).strip();
            if (process.waitFor() == 0) {
                state = output;
            }
        } catch (java.io.IOException e) {
            state = "no docker client";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!"active".equals(state)) {
            String message = "a Docker engine in Swarm mode is needed (found: " + state
                    + "); scripts/install-test-tools.sh installs and starts one";
            if (mustRun()) {
                fail(message + ". CI must run this test, not skip it.");
            }
            Assumptions.abort(message + ": skipping");
        }
    }

    /**
     * A Java 17 runtime (Debian's {@code openjdk-17-jre-headless}), to check what the services'
     * jars tell a Java older than they need. Skips the test where there is none; fails it under CI.
     */
    public static Path olderJava() {
        try (java.util.stream.Stream<Path> jvms = Files.list(Path.of("/usr/lib/jvm"))) {
            Optional<Path> found = jvms.filter(dir -> dir.getFileName().toString().matches("java-17-openjdk-.*"))
                    .map(dir -> dir.resolve("bin/java")).filter(Files::isExecutable).findFirst();
            if (found.isPresent()) {
                return found.get();
            }
        } catch (java.io.IOException e) {
            // no /usr/lib/jvm: none
        }
        String message = "no Java 17 in /usr/lib/jvm/java-17-openjdk-*; scripts/install-test-tools.sh installs one";
        if (mustRun()) {
            fail(message + ". CI must run this test, not skip it.");
        }
        Assumptions.abort(message + ": skipping");
        return null;
    }

    /** The program on PATH, or in /usr/bin or /usr/sbin. */
    public static Optional<Path> find(String program) {
        String path = System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/bin:/usr/sbin";
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isBlank()) {
                continue;
            }
            Path candidate = Path.of(dir, program);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
