package org.rlautoscaler.autoscaler.live;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the loop can and cannot do now, for {@code /ready}, {@code /api/status}, the
 * {@code autoscaler_condition} metric and the log. The loop writes it once a period; the HTTP
 * server reads it from its own threads.
 *
 * <p>A period fails when the loop could not read the metrics its agent decides from, or could
 * not read or change the replica count. After {@code unreadyAfterPeriods} failed periods in a
 * row the autoscaler is not ready: it still runs, and holds, but it cannot do its job.
 */
public final class LoopStatus {
    private static final Logger log = LoggerFactory.getLogger(LoopStatus.class);

    /**
     * What {@code /api/status} shows.
     *
     * @param ready              fewer than {@code unreadyAfterPeriods} failed periods in a row
     * @param failedInARow       periods failed in a row, now
     * @param unreadyAfterPeriods the threshold
     * @param conditions         every condition, in the order of {@link Condition.Type}
     * @param lastError          the last failure in words, null if none yet
     * @param lastErrorAt        when, null if none yet
     */
    public record Snapshot(boolean ready, int failedInARow, int unreadyAfterPeriods, List<Condition> conditions,
                           String lastError, Instant lastErrorAt) {}

    private final int unreadyAfterPeriods;
    private final LoopMetrics metrics;
    private final Map<Condition.Type, Condition> conditions = new EnumMap<>(Condition.Type.class);
    private int failedInARow;
    private String lastError;
    private Instant lastErrorAt;

    public LoopStatus(int unreadyAfterPeriods, LoopMetrics metrics, Instant now) {
        if (unreadyAfterPeriods < 1) {
            throw new IllegalArgumentException("unreadyAfterPeriods must be 1 or more, got " + unreadyAfterPeriods);
        }
        this.unreadyAfterPeriods = unreadyAfterPeriods;
        this.metrics = metrics;
        for (Condition.Type type : Condition.Type.values()) {
            conditions.put(type, new Condition(type, Condition.Status.Unknown, "NotYetRun", "no period has run yet", now));
            metrics.condition(type, Condition.Status.Unknown);
        }
        metrics.ready(true);
    }

    /**
     * Sets a condition. A change of status is logged and moves its {@code since}; so is a new
     * reason for a failing condition.
     */
    public synchronized void set(Condition.Type type, Condition.Status status, String reason, String message, Instant now) {
        Condition old = conditions.get(type);
        Instant since = old.status() == status ? old.since() : now;
        conditions.put(type, new Condition(type, status, reason, message, since));
        boolean bad = status == Condition.Status.False && type != Condition.Type.ScalingLimited;
        if (old.status() != status || (bad && !old.reason().equals(reason))) {
            metrics.condition(type, status);
            String line = "Condition " + type + " is now " + status + " (" + reason + "): " + message;
            if (bad) {
                log.warn(line);
            } else {
                log.info(line);
            }
        }
    }

    /** A period in which the loop read the metrics and the replica count, and applied its decision. */
    public synchronized void succeeded() {
        failedInARow = 0;
        metrics.ready(true);
    }

    /** A period that could not read or scale; {@code error} says why. */
    public synchronized void failed(String error, Instant now) {
        failedInARow++;
        lastError = error;
        lastErrorAt = now;
        metrics.ready(ready());
    }

    public synchronized boolean ready() {
        return failedInARow < unreadyAfterPeriods;
    }

    public synchronized Snapshot snapshot() {
        return new Snapshot(ready(), failedInARow, unreadyAfterPeriods, List.copyOf(conditions.values()), lastError,
                lastErrorAt);
    }

    public synchronized Condition condition(Condition.Type type) {
        return conditions.get(type);
    }
}
