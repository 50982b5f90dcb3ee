package org.rlautoscaler.common.trace;

/** A trace file that cannot be used; the message names the file and, where it helps, the line. */
public final class TraceException extends Exception {
    private static final long serialVersionUID = 1L;

    public TraceException(String message) {
        super(message);
    }
}
