package org.rlautoscaler.autoscaler.livebench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.rlautoscaler.autoscaler.sim.Workload;
import org.rlautoscaler.common.trace.Trace;

class ReplayTest {
    /** Six hourly bins: 100, 200, 400, 300, 100, 50. */
    private static final Trace HOURLY = new Trace("hourly", new double[] {0, 3600, 7200, 10800, 14400, 18000},
            new double[] {100, 200, 400, 300, 100, 50});

    @Test
    void four_hours_from_hour_one_replayed_in_two_minutes_map_the_busiest_bin_to_the_peak_rate() {
        Replay replay = Replay.of(HOURLY, 1, 4, 2, 80, 15);

        assertEquals(4, replay.part().size());
        assertEquals(4 * 3600 / 120.0, replay.timeScale(), 1e-12, "4 hours in 120 s");
        assertEquals(8, replay.periods());
        assertEquals(40, replay.rateAt(0), "200 of a 400 peak");
        assertEquals(80, replay.rateAt(30), "the busiest bin, from 30 s to 60 s");
        assertEquals(60, replay.rateAt(60));
        assertEquals(20, replay.rateAt(119));
        assertEquals("t_seconds,requests\n0,200\n3600,400\n7200,300\n10800,100\n", replay.csv());
    }

    @Test
    void the_predicted_load_averages_the_offered_rate_over_each_period() {
        Workload workload = Replay.of(HOURLY, 1, 4, 2, 80, 15).workload();

        assertArrayEquals(new double[] {40, 40, 80, 80, 60, 60, 20, 20}, workload.ratePerStep(), 1e-9);
    }

    @Test
    void a_part_with_fewer_than_two_bins_or_a_replay_shorter_than_a_period_is_refused() {
        IllegalArgumentException part = assertThrows(IllegalArgumentException.class, () -> Replay.of(HOURLY, 5, 4, 2, 80, 15));
        assertTrue(part.getMessage().contains("1 bins from hour 5 to hour 9"), part.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Replay.of(HOURLY, 0, 4, 0.1, 80, 15));
    }
}
