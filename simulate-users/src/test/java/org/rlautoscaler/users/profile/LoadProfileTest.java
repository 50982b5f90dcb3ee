package org.rlautoscaler.users.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rlautoscaler.common.trace.Trace;

class LoadProfileTest {

    @Test
    void constant_never_changes() {
        LoadProfile profile = new LoadProfile.Constant(40);
        assertEquals(40, profile.usersAt(0));
        assertEquals(40, profile.usersAt(86_400));
        assertEquals(40, profile.maxUsers());
    }

    @Test
    void step_goes_up_at_its_time_and_back_after_its_length() {
        LoadProfile profile = new LoadProfile.Step(10, 100, 60, 30);
        assertEquals(10, profile.usersAt(59.99));
        assertEquals(100, profile.usersAt(60));
        assertEquals(100, profile.usersAt(89.99));
        assertEquals(10, profile.usersAt(90));
        assertEquals(100, profile.maxUsers());
    }

    @Test
    void step_without_length_stays_up() {
        LoadProfile profile = new LoadProfile.Step(10, 100, 60, 0);
        assertEquals(100, profile.usersAt(10_000));
    }

    @Test
    void step_can_go_down() {
        LoadProfile profile = new LoadProfile.Step(100, 20, 5, 0);
        assertEquals(100, profile.usersAt(0));
        assertEquals(20, profile.usersAt(5));
        assertEquals(100, profile.maxUsers());
    }

    @Test
    void ramp_climbs_in_a_straight_line_then_holds() {
        LoadProfile profile = new LoadProfile.Ramp(10, 110, 100);
        assertEquals(10, profile.usersAt(0));
        assertEquals(35, profile.usersAt(25));
        assertEquals(60, profile.usersAt(50));
        assertEquals(110, profile.usersAt(100));
        assertEquals(110, profile.usersAt(1_000));
    }

    @Test
    void sine_starts_at_the_trough_peaks_at_half_period_and_returns() {
        LoadProfile profile = new LoadProfile.Sine(10, 110, 600);
        assertEquals(10, profile.usersAt(0));
        assertEquals(60, profile.usersAt(150));
        assertEquals(110, profile.usersAt(300));
        assertEquals(60, profile.usersAt(450));
        assertEquals(10, profile.usersAt(600));
        assertEquals(110, profile.usersAt(900));
    }

    @Test
    void trace_replay_scales_the_highest_bin_to_the_peak_and_compresses_time(@TempDir Path dir) throws Exception {
        Trace trace = trace(dir, "t_seconds,requests\n0,50\n60,200\n120,100\n");
        LoadProfile profile = new LoadProfile.Replay(trace, 40, 60);   // one trace minute per second
        assertEquals(10, profile.usersAt(0));     // 50 of 200 -> a quarter of 40
        assertEquals(10, profile.usersAt(0.99));
        assertEquals(40, profile.usersAt(1));
        assertEquals(20, profile.usersAt(2.5));
        assertEquals(10, profile.usersAt(3));     // the trace starts again
        assertEquals(40, profile.maxUsers());
    }

    @Test
    void trace_of_zeros_gives_no_users(@TempDir Path dir) throws Exception {
        LoadProfile profile = new LoadProfile.Replay(trace(dir, "t_seconds,requests\n0,0\n1,0\n"), 40, 1);
        assertEquals(0, profile.usersAt(0.5));
    }

    private static Trace trace(Path dir, String csv) throws IOException, org.rlautoscaler.common.trace.TraceException {
        Path file = dir.resolve("t.csv");
        Files.writeString(file, csv);
        return Trace.read(file);
    }
}
