package org.rlautoscaler.autoscaler.calibration;

/** The service cannot be calibrated as asked: the setting at fault, its value, and what it should be (the message). */
public final class CalibrationException extends Exception {
    private final String option;
    private final String value;

    public CalibrationException(String option, String value, String message) {
        super(message);
        this.option = option;
        this.value = value;
    }

    /** The setting at fault, for example {@code --url}. */
    public String option() {
        return option;
    }

    public String value() {
        return value;
    }
}
