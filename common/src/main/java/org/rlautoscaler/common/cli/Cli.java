package org.rlautoscaler.common.cli;

import java.io.PrintWriter;
import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.rlautoscaler.common.config.InvalidSettingException;
import org.rlautoscaler.common.logging.LogSetup;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Runs a picocli command the way every service of this project does: options from flags or
 * environment variables ({@link EnvironmentDefaults}), numeric ranges checked ({@link Range}),
 * and bad configuration answered with one line naming the setting, the bad value and what is
 * accepted, then exit status 2.
 */
public final class Cli {
    /** Exit status for bad configuration or usage. */
    public static final int BAD_CONFIGURATION = CommandLine.ExitCode.USAGE;

    private Cli() {}

    /** Parses, validates and runs the command; returns the exit status. */
    public static int execute(Object command, String... args) {
        return commandLine(command, System.getenv()).execute(args);
    }

    /** The configured command line, for tests that pass their own environment. */
    public static CommandLine commandLine(Object command, Map<String, String> environment) {
        EnvironmentDefaults defaults = new EnvironmentDefaults(environment);
        CommandLine commandLine = new CommandLine(command);
        commandLine.setDefaultValueProvider(defaults);
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setUsageHelpLongOptionsMaxWidth(28);
        commandLine.getCommandSpec().usageMessage().footer(
                "",
                "Every option can also be set by an environment variable named after it,",
                "for example --some-option by SOME_OPTION; a flag wins over the variable.");
        describeRanges(commandLine);
        if (commandLine.getCommandSpec().version().length == 0) {
            String version = command.getClass().getPackage().getImplementationVersion();
            commandLine.getCommandSpec().version(commandLine.getCommandName() + " "
                    + (version == null ? "(development build)" : version));
        }
        CommandLine.IExecutionStrategy run = new CommandLine.RunLast();
        commandLine.setExecutionStrategy(parsed -> {
            String logging = LogSetup.problem(environment);
            if (logging != null) {
                throw new ParameterException(parsed.commandSpec().commandLine(), logging);
            }
            checkBlankVariables(parsed, defaults);
            checkRanges(parsed, defaults);
            try {
                return run.execute(parsed);
            } catch (CommandLine.ExecutionException e) {
                if (e.getCause() instanceof InvalidSettingException bad) {
                    List<CommandLine> commands = parsed.asCommandLineList();
                    throw invalid(commands.getLast().getCommandSpec(), bad.setting(), bad.value(), bad.accepted());
                }
                throw e;
            }
        });
        commandLine.setParameterExceptionHandler((error, args) -> {
            PrintWriter err = error.getCommandLine().getErr();
            err.println("error: " + describe(error, defaults, args));
            err.println("Run with --help to see every setting, its default and accepted values.");
            err.flush();
            return BAD_CONFIGURATION;
        });
        return commandLine;
    }

    /** Adds "Accepted: 0 to 65535." to the help of every option with a {@link Range}. */
    private static void describeRanges(CommandLine commandLine) {
        CommandSpec spec = commandLine.getCommandSpec();
        List<OptionSpec> options = List.copyOf(spec.options());
        options.forEach(spec::remove);
        for (OptionSpec option : options) { // re-added in their order, so that the help keeps it
            Range range = rangeOf(option);
            if (range == null) {
                spec.addOption(option);
                continue;
            }
            // description() gives the text formatted once ("70 %%" reads "70 %"): escaped again, as the help formats it
            String[] description = Arrays.stream(option.description()).map(line -> line.replace("%", "%%")).toArray(String[]::new);
            String[] extended = java.util.Arrays.copyOf(description, Math.max(1, description.length));
            extended[extended.length - 1] = (description.length == 0 ? "" : extended[extended.length - 1] + " ")
                    + "Accepted: " + accepted(range) + ".";
            spec.addOption(option.toBuilder().description(extended).build());
        }
        for (CommandLine sub : commandLine.getSubcommands().values()) {
            describeRanges(sub);
        }
    }

    /**
     * {@code PORT=} is a mistake more often than a wish for the default: refused, unless the
     * option's own default is blank too (an optional name such as a stack's).
     */
    private static void checkBlankVariables(ParseResult parsed, EnvironmentDefaults defaults) {
        for (ParseResult result = parsed; result != null; result = result.subcommand()) {
            for (OptionSpec option : result.commandSpec().options()) {
                String codeDefault = option.defaultValue();
                if (!defaults.isBlank(option) || result.hasMatchedOption(option)
                        || (codeDefault != null && codeDefault.isBlank())) {
                    continue;
                }
                Range range = rangeOf(option);
                String accepted = range != null ? accepted(range)
                        : option.type().isEnum() ? String.join(", ", enumNames(option.type()))
                        : option.type() == boolean.class || option.type() == Boolean.class ? "true or false"
                        : "a value";
                String unset = codeDefault == null ? "unset it for the default"
                        : "unset it for the default " + codeDefault;
                throw new ParameterException(result.commandSpec().commandLine(), "Invalid value for "
                        + name(option, true) + ": '' (set but empty); accepted: " + accepted + ", or " + unset,
                        option, "");
            }
        }
    }

    private static List<String> enumNames(Class<?> type) {
        return Arrays.stream(type.getEnumConstants()).map(Object::toString).toList();
    }

    private static void checkRanges(ParseResult parsed, EnvironmentDefaults defaults) {
        for (ParseResult result = parsed; result != null; result = result.subcommand()) {
            for (OptionSpec option : result.commandSpec().options()) {
                Range range = rangeOf(option);
                if (range == null || !(option.getValue() instanceof Number number)) {
                    continue;
                }
                double value = number.doubleValue();
                if (!(value >= range.min() && value <= range.max())) {
                    throw new ParameterException(result.commandSpec().commandLine(),
                            "Invalid value for " + name(option, defaults.valueFor(option).isPresent()
                                    && !result.hasMatchedOption(option)) + ": " + format(value)
                                    + "; accepted: " + accepted(range),
                            option, String.valueOf(number));
                }
            }
        }
    }

    private static String describe(ParameterException error, EnvironmentDefaults defaults, String[] args) {
        ArgSpec argument = error.getArgSpec();
        String message = error.getMessage();
        if (argument instanceof OptionSpec option && message.startsWith("Invalid value for option '")) {
            // picocli says: Invalid value for option '--port': 'abc' is not an int
            String detail = message.substring(message.indexOf("': ") + 3);
            Range range = rangeOf(option);
            boolean fromEnvironment = defaults.valueFor(option).isPresent() && !givenAsFlag(option, args);
            String accepted = range != null ? accepted(range)
                    : option.type() == boolean.class || option.type() == Boolean.class ? "true or false" : null;
            return "Invalid value for " + name(option, fromEnvironment) + ": " + detail
                    + (accepted == null ? "" : "; accepted: " + accepted);
        }
        return message;
    }

    /** "--port" or, when the environment supplied the value, "--port (environment variable PORT)". */
    private static String name(OptionSpec option, boolean fromEnvironment) {
        return option.longestName()
                + (fromEnvironment ? " (environment variable " + EnvironmentDefaults.variableFor(option) + ")" : "");
    }

    private static boolean givenAsFlag(OptionSpec option, String[] args) {
        for (String arg : args) {
            for (String name : option.names()) {
                if (arg.equals(name) || arg.startsWith(name + "=")) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * An error for a value that passed parsing but is still not acceptable, for checks no
     * annotation expresses (a file that must exist). Thrown from a command's {@code call()}, it
     * ends the program like any other bad setting: one message, exit status 2.
     */
    public static ParameterException invalid(CommandSpec spec, String optionName, Object value, String accepted) {
        OptionSpec option = spec.findOption(optionName);
        CommandLine commandLine = spec.commandLine();
        if (option == null) {
            return new ParameterException(commandLine, new InvalidSettingException(optionName, value, accepted).getMessage());
        }
        boolean fromEnvironment = commandLine.getDefaultValueProvider() instanceof EnvironmentDefaults defaults
                && defaults.valueFor(option).isPresent()
                && (commandLine.getParseResult() == null || !commandLine.getParseResult().hasMatchedOption(option));
        return new ParameterException(commandLine, "Invalid value for " + name(option, fromEnvironment)
                + ": '" + value + "'; accepted: " + accepted, option, String.valueOf(value));
    }

    private static Range rangeOf(OptionSpec option) {
        return option.userObject() instanceof Field field ? field.getAnnotation(Range.class) : null;
    }

    static String accepted(Range range) {
        if (range.max() == Double.MAX_VALUE) {
            return format(range.min()) + " or more";
        }
        return format(range.min()) + " to " + format(range.max());
    }

    static String format(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15
                ? Long.toString((long) value) : Double.toString(value);
    }
}
