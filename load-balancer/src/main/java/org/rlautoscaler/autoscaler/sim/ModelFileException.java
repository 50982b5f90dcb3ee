package org.rlautoscaler.autoscaler.sim;

/** A model file that cannot be used; the message names the file and, where it is one field, the field. */
public final class ModelFileException extends Exception {
    public ModelFileException(String message) {
        super(message);
    }
}
