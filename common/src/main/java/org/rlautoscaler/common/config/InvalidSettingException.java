package org.rlautoscaler.common.config;

/**
 * A setting whose value cannot be used, found below the command line (a file that cannot be
 * read, a trace that does not parse): the setting, its value and what is accepted. The command
 * line reports it as it reports a bad option: one line naming the setting, exit status 2.
 */
public final class InvalidSettingException extends RuntimeException {
    private final String setting;
    private final transient Object value;
    private final String accepted;

    /**
     * @param setting  the option at fault, for example {@code --weights-dir}
     * @param value    its value
     * @param accepted what it should be, for a person
     */
    public InvalidSettingException(String setting, Object value, String accepted) {
        super("Invalid value for " + setting + ": '" + value + "'; accepted: " + accepted);
        this.setting = setting;
        this.value = value;
        this.accepted = accepted;
    }

    public String setting() {
        return setting;
    }

    public Object value() {
        return value;
    }

    public String accepted() {
        return accepted;
    }
}
