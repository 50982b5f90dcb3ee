package org.rlautoscaler.common.trace;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TraceTest {
    @TempDir
    Path dir;

    private Path file(String content) throws IOException {
        Path file = dir.resolve("trace.csv");
        Files.writeString(file, content);
        return file;
    }

    private String error(String content) throws IOException {
        Path file = file(content);
        return assertThrows(TraceException.class, () -> Trace.read(file)).getMessage();
    }

    @Test
    void reads_bins_and_their_values() throws Exception {
        Trace trace = Trace.read(file("t_seconds,requests\n0,42\n60,62\n120,58.5\n"));
        assertArrayEquals(new double[] {0, 60, 120}, trace.seconds());
        assertArrayEquals(new double[] {42, 62, 58.5}, trace.requests());
        assertEquals(62, trace.peak());
        assertEquals(60, trace.binSeconds());
        assertEquals(180, trace.durationSeconds());
        assertEquals("trace.csv", trace.name());
    }

    @Test
    void value_at_a_time_is_its_bin_and_the_trace_goes_round() throws Exception {
        Trace trace = Trace.read(file("t_seconds,requests\n0,1\n60,2\n120,3\n"));
        assertEquals(1, trace.valueAt(0));
        assertEquals(1, trace.valueAt(59.9));
        assertEquals(2, trace.valueAt(60));
        assertEquals(3, trace.valueAt(179));
        assertEquals(1, trace.valueAt(180));
        assertEquals(2, trace.valueAt(250));
    }

    @Test
    void shared_traces_all_read() throws Exception {
        Path shared = Path.of("../../shared/traces");
        if (!Files.isDirectory(shared)) {
            shared = Path.of("../shared/traces");
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(shared), "no shared traces beside the repository");
        assertEquals(39_692, Trace.read(shared.resolve("nasa_http_jul1995_1min.csv")).size());
        assertEquals(1_483, Trace.read(shared.resolve("wikipedia_limbo_1h.csv")).size());
        assertEquals(120, Trace.read(shared.resolve("teastore_ramp_1s.csv")).size());
    }

    @Test
    void missing_file_is_named() {
        Path missing = dir.resolve("none.csv");
        assertEquals(missing + ": no such file",
                assertThrows(TraceException.class, () -> Trace.read(missing)).getMessage());
    }

    @Test
    void wrong_header() throws Exception {
        assertEquals("trace.csv line 1: expected the header t_seconds,requests, found 'time,count'",
                error("time,count\n0,1\n"));
    }

    @Test
    void empty_file_and_header_only() throws Exception {
        assertEquals("trace.csv: the file is empty; expected the header t_seconds,requests", error(""));
        assertEquals("trace.csv: no rows after the header", error("t_seconds,requests\n"));
    }

    @Test
    void malformed_line_is_named_by_number() throws Exception {
        assertEquals("trace.csv line 3: requests 'abc' is not a number", error("t_seconds,requests\n0,1\n60,abc\n"));
        assertEquals("trace.csv line 2: expected two fields t_seconds,requests, found '0;1'", error("t_seconds,requests\n0;1\n"));
        assertEquals("trace.csv line 3: t_seconds must increase, found 0 after 60.0", error("t_seconds,requests\n60,1\n0,2\n"));
        assertEquals("trace.csv line 2: requests must be zero or more, found -4", error("t_seconds,requests\n0,-4\n"));
        assertEquals("trace.csv line 2: t_seconds 'NaN' is not a number", error("t_seconds,requests\nNaN,1\n"));
    }

    @Test
    void a_byte_order_mark_before_the_header_is_read_as_spreadsheets_write_it() throws Exception {
        Trace trace = Trace.read(file("\uFEFFt_seconds,requests\n0,3\n60,5\n"));
        assertArrayEquals(new double[] {3, 5}, trace.requests());
    }

    @Test
    void a_negative_time_is_refused() throws Exception {
        assertEquals("trace.csv line 2: t_seconds must be zero or more, found -60", error("t_seconds,requests\n-60,1\n0,2\n"));
    }
}
