package org.rlautoscaler.users.load;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;

/**
 * What became of one request.
 *
 * @param status the HTTP status, or 0 when no answer came
 * @param error  null for a success, else the kind of failure: {@code connect}, {@code timeout},
 *               {@code io}, {@code http_4xx}, {@code http_5xx}, {@code dropped}
 */
public record Outcome(int status, String error) {

    public boolean failed() {
        return error != null;
    }

    /** The status as a label value: the code, or "none". */
    public String statusLabel() {
        return status == 0 ? "none" : Integer.toString(status);
    }

    public static Outcome of(int status) {
        if (status >= 500) {
            return new Outcome(status, "http_5xx");
        }
        if (status >= 400) {
            return new Outcome(status, "http_4xx");
        }
        return new Outcome(status, null);
    }

    public static Outcome of(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && !(cause instanceof IOException)) {
            cause = cause.getCause();
        }
        if (cause instanceof HttpConnectTimeoutException || cause instanceof ConnectException) {
            return new Outcome(0, "connect");
        }
        if (cause instanceof HttpTimeoutException) {
            return new Outcome(0, "timeout");
        }
        if (cause.getCause() instanceof ConnectException) {
            return new Outcome(0, "connect");
        }
        return new Outcome(0, "io");
    }

    /** A request the open model did not send because too many were already waiting. */
    public static Outcome dropped() {
        return new Outcome(0, "dropped");
    }
}
