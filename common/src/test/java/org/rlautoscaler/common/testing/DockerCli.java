package org.rlautoscaler.common.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs Debian's docker client ({@code /usr/bin/docker}, matching the 20.10 engine) for tests. */
public final class DockerCli {
    private DockerCli() {}

    /** Runs {@code docker args...}; returns its output, or throws with it when the command fails. */
    public static String run(String... args) throws IOException, InterruptedException {
        return run(null, Map.of(), args);
    }

    /** The same, in {@code directory} (null: the current one) with extra environment variables. */
    public static String run(Path directory, Map<String, String> environment, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("/usr/bin/docker"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        if (directory != null) {
            builder.directory(directory.toFile());
        }
        builder.environment().putAll(environment);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IOException("docker " + String.join(" ", args) + " failed: " + output);
        }
        return output;
    }

    /** Like {@link #run(String...)}, but a failure is returned as text rather than thrown (for clean-ups). */
    public static String quietly(String... args) {
        try {
            return run(args);
        } catch (IOException e) {
            return e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }
}
