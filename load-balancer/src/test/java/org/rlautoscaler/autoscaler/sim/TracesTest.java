package org.rlautoscaler.autoscaler.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rlautoscaler.common.config.InvalidSettingException;

/** The traces the autoscaler trains and is judged on: a file or a bundled name, with some load. */
class TracesTest {
    @TempDir
    Path dir;

    @Test
    void a_trace_without_load_is_a_bad_setting_naming_it() throws Exception {
        Path zeros = Files.writeString(dir.resolve("zeros.csv"), "t_seconds,requests\n0,0\n60,0\n");
        InvalidSettingException e = assertThrows(InvalidSettingException.class,
                () -> Traces.workload("--trace", zeros.toString(), 15, null));
        assertEquals("Invalid value for --trace: '" + zeros + "'; accepted: a readable CSV t_seconds,requests or nasa, "
                + "wikipedia, teastore (here: " + zeros + ": every row has 0 requests; a trace needs some load)", e.getMessage());
    }

    @Test
    void a_bundled_trace_is_found_by_its_short_name_and_laid_out_in_periods() throws Exception {
        Workload nasa = Traces.workload("--trace", "nasa", 15, null);
        assertEquals(4 * Traces.load("nasa").size(), nasa.steps(), "a 60 s bin fills four 15 s periods");
    }
}
