package org.rlautoscaler.autoscaler.kubernetes;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.util.function.Supplier;
import org.rlautoscaler.autoscaler.env.ScalingException;
import org.rlautoscaler.autoscaler.env.ScalingException.Kind;

/**
 * Turns what the fabric8 client throws into a {@link ScalingException} whose {@link Kind} the
 * control loop can count: the API server's HTTP status where it answered, {@code unreachable}
 * where it did not.
 *
 * <p>fabric8 reports both in one type, {@link KubernetesClientException}: an answer carries its
 * status code and the server's {@link Status}; a transport failure has code 0 and an
 * {@link IOException} (a refused connection, a timeout, an unknown host) somewhere down its
 * cause chain.
 */
final class ApiErrors {
    private ApiErrors() {}

    /** Runs one call to the API server; {@code what} says what was attempted, for the message. */
    static <T> T call(String what, String server, Supplier<T> request) {
        try {
            return request.get();
        } catch (ScalingException e) {
            throw e;
        } catch (RuntimeException e) {
            throw translate(what, server, e);
        }
    }

    /** The {@link ScalingException} for a failed call to the API server at {@code server}. */
    static ScalingException translate(String what, String server, RuntimeException e) {
        if (e instanceof KubernetesClientException k8s && k8s.getCode() > 0) {
            Kind kind = switch (k8s.getCode()) {
                case 404 -> Kind.not_found;
                case 401, 403 -> Kind.forbidden;
                case 409 -> Kind.conflict;
                default -> Kind.failed;
            };
            // For 403 the server's message names the verb, resource and service account that the
            // RBAC Role must allow: pass it on whole.
            return new ScalingException(kind, "Kubernetes API server " + server + " refused to " + what
                    + ": HTTP " + k8s.getCode() + " " + serverMessage(k8s), e);
        }
        Throwable io = ioCause(e);
        if (io != null || e instanceof KubernetesClientException) {
            return new ScalingException(Kind.unreachable, "Kubernetes API server " + server
                    + " could not be reached to " + what + ": " + (io != null ? io : e.getMessage()), e);
        }
        return new ScalingException(Kind.failed, "Kubernetes API server " + server + ": could not "
                + what + ": " + e, e);
    }

    /** True for an HTTP 409: the object changed since it was read (stale resourceVersion). */
    static boolean isConflict(RuntimeException e) {
        return e instanceof KubernetesClientException k8s && k8s.getCode() == 409;
    }

    private static String serverMessage(KubernetesClientException e) {
        Status status = e.getStatus();
        if (status != null && status.getMessage() != null && !status.getMessage().isBlank()) {
            return status.getMessage();
        }
        return String.valueOf(e.getMessage());
    }

    private static Throwable ioCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IOException) {
                return t;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }
}
