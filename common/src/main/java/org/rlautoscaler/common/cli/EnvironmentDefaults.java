package org.rlautoscaler.common.cli;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Lets every option be set by an environment variable named after it: {@code --metrics-port}
 * is {@code METRICS_PORT}. A flag on the command line wins over the variable, and the variable
 * over the default written in the code. A variable that is set but blank is not a value: it is
 * refused at start ({@link Cli}), unless the option's own default is blank (an optional name).
 */
public final class EnvironmentDefaults implements IDefaultValueProvider {
    private final Map<String, String> environment;

    public EnvironmentDefaults(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    /** The environment variable that sets an option, for example METRICS_PORT for --metrics-port. */
    public static String variableFor(OptionSpec option) {
        return option.longestName().replaceFirst("^-+", "").replace('-', '_').toUpperCase(Locale.ROOT);
    }

    /** The value the environment gives the option, if any. */
    public Optional<String> valueFor(ArgSpec argument) {
        if (!(argument instanceof OptionSpec option) || option.usageHelp() || option.versionHelp()) {
            return Optional.empty();
        }
        String value = environment.get(variableFor(option));
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    /** True when the variable of this option is set, but blank. */
    public boolean isBlank(ArgSpec argument) {
        if (!(argument instanceof OptionSpec option) || option.usageHelp() || option.versionHelp()) {
            return false;
        }
        String value = environment.get(variableFor(option));
        return value != null && value.isBlank();
    }

    @Override
    public String defaultValue(ArgSpec argument) {
        return valueFor(argument).orElse(null);
    }
}
