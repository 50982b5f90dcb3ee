package org.rlautoscaler.users;

import java.net.URI;
import java.time.Duration;
import org.rlautoscaler.users.load.OpenLoop;
import org.rlautoscaler.users.load.RequestMix;
import org.rlautoscaler.users.profile.LoadProfile;

/**
 * A validated simulation.
 *
 * @param baseUrl         where the requests go; the mix's paths are appended
 * @param mix             what is requested
 * @param model           closed (users wait for answers) or open (a target arrival rate)
 * @param profile         active users over time
 * @param requestInterval a user's pause between requests (closed), or the time between its
 *                        arrivals (open): each active user means 1 / requestInterval requests a second
 * @param restartInterval how often every user is stopped and started afresh; zero: never
 * @param duration        how long to run; zero: until stopped
 * @param metricsPort     port of the Prometheus metrics; 0 picks a free port, -1 serves none
 * @param reportInterval  how often the log line with rates and latencies is written
 * @param timeout         connect and answer timeout of a request
 * @param maxBackoff      the longest pause of a closed-model user after failures
 * @param maxInFlight     open model: requests that may wait for answers at once
 * @param maxConnections  requests on the wire at once (each holds a connection); more wait
 * @param arrivals        open model: requests spaced at random (poisson) or exactly (even)
 * @param seed            open model: seed of the arrival times and of the mix's picks, for a
 *                        load that repeats exactly run after run; null: a new one each run
 * @param startDelay      how long to wait, metrics already served, before the profile's second 0
 *                        (so that Prometheus scrapes the load from its first request)
 */
public record SimulationConfig(
        URI baseUrl,
        RequestMix mix,
        Model model,
        LoadProfile profile,
        Duration requestInterval,
        Duration restartInterval,
        Duration duration,
        int metricsPort,
        Duration reportInterval,
        Duration timeout,
        Duration maxBackoff,
        int maxInFlight,
        int maxConnections,
        OpenLoop.Arrivals arrivals,
        Long seed,
        Duration startDelay) {

    /** How users turn into requests. */
    public enum Model { closed, open }

    /** Requests a second that {@code users} active users aim at. */
    public double targetRate(int users) {
        return users / (requestInterval.toNanos() / 1e9);
    }
}
