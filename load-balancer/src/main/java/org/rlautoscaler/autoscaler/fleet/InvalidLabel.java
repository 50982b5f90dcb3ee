package org.rlautoscaler.autoscaler.fleet;

/**
 * A label whose value cannot be used: the service is not scaled until it is fixed, and the
 * others go on.
 *
 * @param label    the label, such as {@code rl-autoscaler.max-replicas}
 * @param value    its value
 * @param accepted what it should be, for a person
 */
public record InvalidLabel(String label, String value, String accepted) {
    /** One line: the label, its value and what is accepted. */
    public String message() {
        return "Invalid value for label " + label + ": '" + value + "'; accepted: " + accepted;
    }
}
