package org.rlautoscaler.users.load;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The addresses a host name resolves to, looked up again every second, taken in turn: requests
 * are spread over every replica behind one DNS name (a Swarm service with {@code endpoint_mode:
 * dnsrr}, a Kubernetes headless service), and a replica added or removed is seen within about a
 * second, as a client-side load balancer does. Without this, an HTTP client keeps its
 * connections to the replicas that existed when it started, and new replicas get no requests.
 * IPv4 addresses are preferred when the name has both (localhost), since a server listening on
 * 0.0.0.0 does not answer on ::1.
 */
final class Endpoints {
    static final long REFRESH_NANOS = 1_000_000_000L;

    private final String host;
    private final AtomicLong next = new AtomicLong();
    private volatile List<InetAddress> addresses = List.of();
    private volatile long resolvedAt;

    Endpoints(String host) {
        this.host = host;
    }

    /** The next address in turn; the name is looked up again when the last lookup is a second old. */
    InetAddress next() throws UnknownHostException {
        long now = System.nanoTime();
        List<InetAddress> current = addresses;
        if (current.isEmpty() || now - resolvedAt > REFRESH_NANOS) {
            synchronized (this) {
                if (addresses.isEmpty() || now - resolvedAt > REFRESH_NANOS) {
                    try {
                        addresses = preferred(InetAddress.getAllByName(host));
                    } catch (UnknownHostException e) {
                        if (addresses.isEmpty()) {
                            throw e;
                        }
                        // a failed lookup keeps the last known replicas
                    }
                    resolvedAt = now;
                }
                current = addresses;
            }
        }
        return current.get((int) Math.floorMod(next.getAndIncrement(), (long) current.size()));
    }

    /** The IPv4 addresses if there are any, else all, in a stable order. */
    static List<InetAddress> preferred(InetAddress[] all) {
        List<InetAddress> v4 = Arrays.stream(all).filter(a -> a instanceof Inet4Address).toList();
        List<InetAddress> chosen = v4.isEmpty() ? Arrays.asList(all) : v4;
        return chosen.stream().sorted(Comparator.comparing(InetAddress::getHostAddress)).toList();
    }
}
