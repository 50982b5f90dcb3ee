package org.rlautoscaler.common.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.rlautoscaler.common.cli.Cli;
import picocli.CommandLine;

/** Runs a service's command line in the test's JVM, as {@link Cli#execute} runs it, with the environment of the test's choosing. */
public final class CliRun {
    private CliRun() {}

    /** What a run printed, and its exit status. */
    public record Outcome(int status, String out, String err) {
        /** The first line of standard error, empty when there is none. */
        public String firstErrorLine() {
            return err.lines().findFirst().orElse("");
        }
    }

    public static Outcome run(Object command, Map<String, String> environment, String... args) {
        CommandLine commandLine = Cli.commandLine(command, environment);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        int status = commandLine.execute(args);
        return new Outcome(status, out.toString(), err.toString());
    }

    /** Runs a command that must refuse its settings: asserts exit status 2 and returns the error's first line. */
    public static String refused(Object command, Map<String, String> environment, String... args) {
        Outcome outcome = run(command, environment, args);
        assertEquals(Cli.BAD_CONFIGURATION, outcome.status(), outcome.err());
        return outcome.firstErrorLine();
    }
}
