package org.rlautoscaler.autoscaler.live;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Optional;
import org.rlautoscaler.autoscaler.env.Observation;

/**
 * Recognises a replica that restarted, from the replicas' running time (the web application's
 * {@code running_time}, the youngest replica's): a replica that started after the previous
 * period, although no replica was added in the last two periods (a replica the loop adds is
 * counted running a period after it is asked for, and scraped a little later). Swarm or
 * Kubernetes replaced it: it crashed, ran out of memory or failed its health check.
 */
final class RestartDetector {
    /** Periods within which a new replica is explained by one that was added. */
    static final int GROWTH_WINDOW = 2;

    private record Seen(double atSeconds, int running, int desired) {}

    private final Deque<Seen> recent = new ArrayDeque<>();

    /**
     * The observation of a period at {@code atSeconds} (any clock in seconds); a sentence saying
     * why a replica restarted, or empty.
     */
    Optional<String> observe(double atSeconds, Observation o) {
        Optional<String> restart = Optional.empty();
        Seen previous = recent.peekLast();
        double age = o.runningTimeSeconds();
        if (previous != null && !Double.isNaN(age) && age < atSeconds - previous.atSeconds()) {
            Seen oldest = recent.peekFirst();
            boolean added = recent.stream().anyMatch(seen -> o.runningReplicas() > seen.running() || seen.desired() > oldest.desired())
                    || o.desiredReplicas() > oldest.desired();
            if (!added) {
                restart = Optional.of(String.format(Locale.ROOT, "a replica restarted: the youngest has run %.0f s, less "
                                + "than the %.0f s since the last period, and no replica was added (%d running now, %d %s before)",
                        age, atSeconds - previous.atSeconds(), o.runningReplicas(), oldest.running(),
                        recent.size() == 1 ? "one period" : "two periods"));
            }
        }
        recent.addLast(new Seen(atSeconds, o.runningReplicas(), o.desiredReplicas()));
        while (recent.size() > GROWTH_WINDOW) {
            recent.removeFirst();
        }
        return restart;
    }
}
