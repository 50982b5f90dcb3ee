package org.rlautoscaler.autoscaler.agent.original.qtable;

/** A Q-table file that cannot be used; the message says why. */
public final class QTableException extends Exception {
    private static final long serialVersionUID = 1L;

    public QTableException(String message) {
        super(message);
    }
}
