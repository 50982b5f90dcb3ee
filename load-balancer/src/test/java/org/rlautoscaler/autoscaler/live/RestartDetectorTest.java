package org.rlautoscaler.autoscaler.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.rlautoscaler.autoscaler.env.Observation;

/** A replica younger than a period that nobody added has restarted; one the loop added has not. */
class RestartDetectorTest {
    private static Observation seen(int desired, int running, double youngestSeconds) {
        return new Observation(desired, running, 50, 40, 0.5, 10, 20, 40, youngestSeconds);
    }

    @Test
    void a_replica_4_s_old_at_2_running_replicas_as_before_restarted() {
        RestartDetector detector = new RestartDetector();
        assertTrue(detector.observe(0, seen(2, 2, 300)).isEmpty());
        assertTrue(detector.observe(15, seen(2, 2, 315)).isEmpty());
        assertEquals(Optional.of("a replica restarted: the youngest has run 4 s, less than the 15 s since the last period, "
                + "and no replica was asked for or came up in the last 2 periods (2 running, 2 asked for)"), detector.observe(30, seen(2, 2, 4)));
    }

    @Test
    void a_replica_the_loop_added_is_young_but_not_a_restart() {
        RestartDetector detector = new RestartDetector();
        detector.observe(0, seen(2, 2, 300));
        // asked for 3 after that period: counted and scraped over the next two
        assertTrue(detector.observe(15, seen(3, 2, 315)).isEmpty());
        assertTrue(detector.observe(30, seen(3, 3, 9)).isEmpty());
        assertTrue(detector.observe(45, seen(3, 3, 24)).isEmpty());
        // a slow start: still explained by the replica asked for 4 periods before
        assertTrue(detector.observe(60, seen(3, 3, 39)).isEmpty());
        assertTrue(detector.observe(75, seen(3, 3, 54)).isEmpty());
        assertTrue(detector.observe(90, seen(3, 3, 69)).isEmpty());
        // 4 periods at 3 running and asked for: a new young replica is a restart
        assertEquals(Optional.of("a replica restarted: the youngest has run 6 s, less than the 15 s since the last period, "
                + "and no replica was asked for or came up in the last 4 periods (3 running, 3 asked for)"), detector.observe(105, seen(3, 3, 6)));
    }

    @Test
    void without_a_running_time_or_a_previous_period_nothing_is_said() {
        RestartDetector detector = new RestartDetector();
        assertTrue(detector.observe(0, seen(2, 2, 1)).isEmpty());
        assertTrue(detector.observe(15, seen(2, 2, Double.NaN)).isEmpty());
    }

    @Test
    void a_restart_during_a_scale_in_is_seen() {
        RestartDetector detector = new RestartDetector();
        detector.observe(0, seen(3, 3, 300));
        detector.observe(15, seen(2, 3, 315));
        assertEquals(Optional.of("a replica restarted: the youngest has run 2 s, less than the 15 s since the last period, "
                + "and no replica was asked for or came up in the last 2 periods (2 running, 2 asked for)"), detector.observe(30, seen(2, 2, 2)));
    }
}
