package org.rlautoscaler.autoscaler.live;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Optional;
import org.rlautoscaler.autoscaler.env.Observation;

/**
 * Recognises a replica that restarted, from the replicas' running time (the web application's
 * {@code running_time}, the youngest replica's): a replica that started after the previous
 * period, although no replica was asked for or came up in the last {@value #GROWTH_WINDOW}
 * periods (a replica the loop adds starts, is counted running and is scraped over a period or
 * more; a slow start takes longer). Swarm or Kubernetes replaced it: it crashed, ran out of
 * memory or failed its health check. A replacement seen while it was down (one replica fewer
 * running, then as many as before) looks like a replica that came up, and is not reported.
 */
final class RestartDetector {
    /** Periods within which a new replica is explained by one that was added. */
    static final int GROWTH_WINDOW = 4;

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
            if (!grew(o)) {
                restart = Optional.of(String.format(Locale.ROOT, "a replica restarted: the youngest has run %.0f s, less "
                                + "than the %.0f s since the last period, and no replica was asked for or came up in the last %d "
                                + "period%s (%d running, %d asked for)", age, atSeconds - previous.atSeconds(), recent.size(),
                        recent.size() == 1 ? "" : "s", o.runningReplicas(), o.desiredReplicas()));
            }
        }
        recent.addLast(new Seen(atSeconds, o.runningReplicas(), o.desiredReplicas()));
        while (recent.size() > GROWTH_WINDOW) {
            recent.removeFirst();
        }
        return restart;
    }

    /** True when, from one period to the next up to {@code now}, more replicas were asked for or running. */
    private boolean grew(Observation now) {
        Seen before = null;
        for (Seen seen : recent) {
            if (before != null && (seen.running() > before.running() || seen.desired() > before.desired())) {
                return true;
            }
            before = seen;
        }
        return now.runningReplicas() > before.running() || now.desiredReplicas() > before.desired();
    }
}
