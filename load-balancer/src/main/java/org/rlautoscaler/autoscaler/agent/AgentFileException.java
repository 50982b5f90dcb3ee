package org.rlautoscaler.autoscaler.agent;

/** A saved agent's file that cannot be used; the message names the file and says why. */
public class AgentFileException extends Exception {
    private static final long serialVersionUID = 1L;

    public AgentFileException(String message) {
        super(message);
    }
}
