package org.rlautoscaler.common.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.rlautoscaler.common.config.InvalidSettingException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

class CliTest {

    @Command(name = "sample", mixinStandardHelpOptions = true)
    static final class Sample implements Callable<Integer> {
        @Range(min = 0, max = 65535)
        @Option(names = "--metrics-port", defaultValue = "8000", description = "A port.")
        int metricsPort;

        @Range(min = 0.001)
        @Option(names = "--request-interval", defaultValue = "1", description = "Seconds.")
        double requestInterval;

        @Option(names = "--dry-run", defaultValue = "false", fallbackValue = "true", arity = "0..1", description = "A flag.")
        boolean dryRun;

        @Option(names = "--stack-name", defaultValue = "", description = "An optional name.")
        String stackName;

        @Override
        public Integer call() {
            if (stackName.equals("refused")) {
                throw new InvalidSettingException("--stack-name", stackName, "a stack the engine knows");
            }
            if (stackName.equals("elsewhere")) {
                throw new InvalidSettingException("--not-an-option", 7, "a setting found below the command line");
            }
            return 0;
        }
    }

    private record Run(int status, Sample command, String err, String out) {}

    private static Run run(Map<String, String> environment, String... args) {
        Sample sample = new Sample();
        CommandLine commandLine = Cli.commandLine(sample, environment);
        StringWriter err = new StringWriter();
        StringWriter out = new StringWriter();
        commandLine.setErr(new PrintWriter(err));
        commandLine.setOut(new PrintWriter(out));
        int status = commandLine.execute(args);
        return new Run(status, sample, err.toString(), out.toString());
    }

    @Test
    void default_from_code_when_neither_flag_nor_variable() {
        Run run = run(Map.of());
        assertEquals(0, run.status());
        assertEquals(8000, run.command().metricsPort);
    }

    @Test
    void a_bad_log_format_or_level_is_refused_at_start_in_one_line() {
        Run format = run(Map.of("LOG_FORMAT", "xml"));
        assertEquals(Cli.BAD_CONFIGURATION, format.status());
        assertEquals("error: Invalid value for LOG_FORMAT (environment variable): 'xml'; accepted: text, json",
                format.err().lines().findFirst().orElseThrow());
        Run level = run(Map.of("LOG_LEVEL", "verbose"));
        assertEquals(Cli.BAD_CONFIGURATION, level.status());
        assertEquals("error: Invalid value for LOG_LEVEL (environment variable): 'verbose'; accepted: TRACE, DEBUG, INFO, "
                + "WARN, ERROR", level.err().lines().findFirst().orElseThrow());
        assertEquals(0, run(Map.of("LOG_FORMAT", "json", "LOG_LEVEL", "debug")).status());
    }

    @Test
    void environment_variable_named_after_the_option_sets_it() {
        Run run = run(Map.of("METRICS_PORT", "9100", "REQUEST_INTERVAL", "0.25"));
        assertEquals(0, run.status());
        assertEquals(9100, run.command().metricsPort);
        assertEquals(0.25, run.command().requestInterval);
    }

    @Test
    void flag_wins_over_the_variable() {
        Run run = run(Map.of("METRICS_PORT", "9100"), "--metrics-port", "9200");
        assertEquals(9200, run.command().metricsPort);
    }

    @Test
    void a_variable_set_but_empty_is_refused_naming_it_the_range_and_the_default() {
        Run run = run(Map.of("METRICS_PORT", "  "));
        assertEquals(2, run.status());
        assertEquals("error: Invalid value for --metrics-port (environment variable METRICS_PORT): '' (set but empty); "
                + "accepted: 0 to 65535, or unset it for the default 8000", run.err().lines().findFirst().orElseThrow());
    }

    @Test
    void an_empty_variable_is_fine_where_the_default_is_empty_too() {
        Run run = run(Map.of("STACK_NAME", ""));
        assertEquals(0, run.status(), run.err());
        assertEquals("", run.command().stackName);
    }

    @Test
    void a_flag_given_wins_over_an_empty_variable() {
        Run run = run(Map.of("METRICS_PORT", ""), "--metrics-port", "9200");
        assertEquals(0, run.status(), run.err());
        assertEquals(9200, run.command().metricsPort);
    }

    @Test
    void a_boolean_that_is_neither_true_nor_false_lists_both() {
        Run run = run(Map.of("DRY_RUN", "maybe"));
        assertEquals(2, run.status());
        assertEquals("error: Invalid value for --dry-run (environment variable DRY_RUN): 'maybe' is not a boolean; "
                + "accepted: true or false", run.err().lines().findFirst().orElseThrow());
    }

    @Test
    void not_a_number_from_the_environment_names_the_variable_and_the_range() {
        Run run = run(Map.of("METRICS_PORT", "abc"));
        assertEquals(2, run.status());
        assertEquals("error: Invalid value for --metrics-port (environment variable METRICS_PORT): "
                + "'abc' is not an int; accepted: 0 to 65535", run.err().lines().findFirst().orElseThrow());
    }

    @Test
    void out_of_range_flag_names_the_flag_and_the_range() {
        Run run = run(Map.of(), "--metrics-port=70000");
        assertEquals(2, run.status());
        assertEquals("error: Invalid value for --metrics-port: 70000; accepted: 0 to 65535",
                run.err().lines().findFirst().orElseThrow());
    }

    @Test
    void out_of_range_variable_names_the_variable() {
        Run run = run(Map.of("REQUEST_INTERVAL", "-1"));
        assertEquals(2, run.status());
        assertEquals("error: Invalid value for --request-interval (environment variable REQUEST_INTERVAL): -1; "
                + "accepted: 0.001 or more", run.err().lines().findFirst().orElseThrow());
    }

    @Test
    void help_lists_every_option_with_its_default_and_the_environment_rule() {
        Run run = run(Map.of(), "--help");
        assertEquals(0, run.status());
        assertTrue(run.out().contains("--metrics-port"), run.out());
        assertTrue(run.out().contains("--request-interval"), run.out());
        assertTrue(run.out().contains("environment variable named after it"), run.out());
        assertTrue(run.out().contains("A port. Accepted: 0 to 65535."), run.out());
        assertTrue(run.out().contains("Seconds. Accepted: 0.001 or more."), run.out());
    }

    @Test
    void variable_names_follow_the_long_option() {
        CommandLine commandLine = new CommandLine(new Sample());
        assertEquals("METRICS_PORT", EnvironmentDefaults.variableFor(commandLine.getCommandSpec().findOption("--metrics-port")));
    }

    @Test
    void a_bad_setting_found_while_running_is_one_line_and_exit_2_naming_its_variable_when_it_came_from_one() {
        Run flag = run(Map.of(), "--stack-name", "refused");
        assertEquals(2, flag.status());
        assertEquals("error: Invalid value for --stack-name: 'refused'; accepted: a stack the engine knows",
                flag.err().lines().findFirst().orElse(""));
        Run variable = run(Map.of("STACK_NAME", "refused"));
        assertEquals(2, variable.status());
        assertEquals("error: Invalid value for --stack-name (environment variable STACK_NAME): 'refused'; accepted: a stack "
                + "the engine knows", variable.err().lines().findFirst().orElse(""));
        Run unknown = run(Map.of(), "--stack-name", "elsewhere");
        assertEquals(2, unknown.status());
        assertEquals("error: Invalid value for --not-an-option: '7'; accepted: a setting found below the command line",
                unknown.err().lines().findFirst().orElse(""));
        assertEquals(2, unknown.err().lines().count(), "the error and the hint, no stack trace: " + unknown.err());
    }
}
