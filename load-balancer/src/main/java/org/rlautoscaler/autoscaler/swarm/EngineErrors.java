package org.rlautoscaler.autoscaler.swarm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.github.dockerjava.api.exception.DockerException;
import java.io.IOException;
import java.util.Locale;
import java.util.function.Supplier;
import org.rlautoscaler.autoscaler.env.ScalingException;
import org.rlautoscaler.autoscaler.env.ScalingException.Kind;

/**
 * Turns what docker-java throws into a {@link ScalingException} whose {@link Kind} the control
 * loop can count: the engine's HTTP status where it answered, {@code unreachable} where it did
 * not.
 *
 * <p>docker-java does not wrap transport failures in a type of its own: the httpclient5 transport
 * throws a bare {@code RuntimeException} around the {@code IOException} (a missing socket gives
 * {@code SocketException: No such file or directory}, a closed port an
 * {@code HttpHostConnectException}). Hence the walk down the cause chain.
 */
final class EngineErrors {
    private EngineErrors() {}

    /** Runs one call to the engine; {@code what} says what was attempted, for the message. */
    static <T> T call(String what, String engineHost, Supplier<T> request) {
        try {
            return request.get();
        } catch (ScalingException e) {
            throw e;
        } catch (RuntimeException e) {
            throw translate(what, engineHost, e);
        }
    }

    /** The {@link ScalingException} for a failed call to the engine at {@code engineHost}. */
    static ScalingException translate(String what, String engineHost, RuntimeException e) {
        if (e instanceof DockerException docker) {
            Kind kind = switch (docker.getHttpStatus()) {
                case 404 -> Kind.not_found;
                case 401, 403 -> Kind.forbidden;
                default -> Kind.failed;
            };
            return new ScalingException(kind, "Docker engine " + engineHost + " refused to " + what
                    + ": HTTP " + docker.getHttpStatus() + " " + bodyOf(docker), e);
        }
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            // The HTTP client cancels a request whose timeout passed: no answer, not a failure of the engine's.
            if (cause instanceof java.util.concurrent.CancellationException) {
                return new ScalingException(Kind.unreachable, "Docker engine " + engineHost + " did not answer in time to "
                        + what + " (the client's timeout passed and it cancelled the request)", e);
            }
        }
        Throwable io = ioCause(e);
        if (io != null) {
            return new ScalingException(Kind.unreachable, "Docker engine " + engineHost
                    + " could not be reached to " + what + ": " + io, e);
        }
        return new ScalingException(Kind.failed, "Docker engine " + engineHost + ": could not "
                + what + ": " + e, e);
    }

    /** True where the engine refused an update because the version index was stale. */
    static boolean isOutOfSequence(RuntimeException e) {
        if (!(e instanceof DockerException docker)) {
            return false;
        }
        // Swarm answers 500 "update out of sequence"; 409 is what the API documents for it.
        String message = String.valueOf(docker.getMessage()).toLowerCase(Locale.ROOT);
        return docker.getHttpStatus() == 409
                || (docker.getHttpStatus() == 500 && message.contains("update out of sequence"));
    }

    /** True for a 404 from the engine: the service (ID) no longer exists. */
    static boolean isNotFound(RuntimeException e) {
        return e instanceof DockerException docker && docker.getHttpStatus() == 404;
    }

    private static Throwable ioCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            // ConnectException, SocketTimeoutException, NoSuchFileException, UnknownHostException
            // and the transport's HttpHostConnectException are all IOExceptions; so is Jackson's
            // JsonProcessingException, but an answer that cannot be parsed came from an engine.
            if (t instanceof IOException && !(t instanceof JsonProcessingException)) {
                return t;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }

    /** docker-java's message is "Status 500: {json body}"; keep the body, stripped. */
    private static String bodyOf(DockerException e) {
        String message = String.valueOf(e.getMessage()).strip();
        int colon = message.indexOf(':');
        return message.startsWith("Status ") && colon > 0 ? message.substring(colon + 1).strip() : message;
    }
}
