package org.rlautoscaler.autoscaler.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.rlautoscaler.autoscaler.env.Observation;

/** What the agent's page is given: the newest decisions first, up to a count, and a window of periods. */
class LoopJournalTest {
    private static final Instant T0 = Instant.parse("2026-12-03T10:00:00Z");
    private static final Observation SEEN = new Observation(2, 2, 50, 20, 0.5, 80, 10, 20);

    private static void period(LoopJournal journal, int id) {
        Instant at = T0.plusSeconds(15L * (id - 1));
        LoggedDecision decision = new LoggedDecision(id, at, 2, 2, 2, "hold", "why", "as_decided", "wanted 2", null, false);
        journal.record(new LoopJournal.Latest(decision, SEEN, Optional.empty(), 0), new Sample(at, 80, Double.NaN, 2, 2, 20, -1));
    }

    @Test
    void keeps_the_newest_three_decisions_newest_first_and_the_last_minute_of_periods() {
        LoopJournal journal = new LoopJournal(3, Duration.ofMinutes(1));
        assertTrue(journal.latest().isEmpty());
        for (int id = 1; id <= 7; id++) {
            period(journal, id);
        }
        assertEquals(java.util.List.of(7L, 6L, 5L), journal.decisions().stream().map(LoggedDecision::id).toList());
        // Period 7 is at 1:30; the minute before it starts at 0:30, period 3's time: periods 3 to 7.
        assertEquals(java.util.List.of(T0.plusSeconds(30), T0.plusSeconds(45), T0.plusSeconds(60), T0.plusSeconds(75),
                T0.plusSeconds(90)), journal.samples().stream().map(Sample::time).toList());
        assertEquals(7, journal.latest().orElseThrow().decision().id());
    }

    @Test
    void refuses_an_empty_journal() {
        assertThrows(IllegalArgumentException.class, () -> new LoopJournal(0, Duration.ofHours(1)));
        assertThrows(IllegalArgumentException.class, () -> new LoopJournal(200, Duration.ZERO));
    }
}
