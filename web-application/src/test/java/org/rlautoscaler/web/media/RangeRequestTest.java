package org.rlautoscaler.web.media;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.rlautoscaler.web.media.RangeRequest.Partial;
import org.rlautoscaler.web.media.RangeRequest.Unsatisfiable;
import org.rlautoscaler.web.media.RangeRequest.Whole;

/** A 1000-byte resource asked for in every way RFC 9110 allows, and some it does not. */
class RangeRequestTest {
    private static final long LENGTH = 1000;

    private static RangeRequest parse(String header) {
        return RangeRequest.parse(header, LENGTH);
    }

    @Test
    void no_header_is_the_whole_resource() {
        assertEquals(new Whole(), parse(null));
    }

    @Test
    void first_bytes() {
        assertEquals(new Partial(0, 99), parse("bytes=0-99"));
        assertEquals(100, new Partial(0, 99).length());
    }

    @Test
    void middle_bytes() {
        assertEquals(new Partial(500, 599), parse("bytes=500-599"));
    }

    @Test
    void open_ended_range_runs_to_the_end() {
        assertEquals(new Partial(900, 999), parse("bytes=900-"));
    }

    @Test
    void last_byte_beyond_the_end_is_cut_to_the_end() {
        assertEquals(new Partial(990, 999), parse("bytes=990-5000"));
        assertEquals(new Partial(0, 999), parse("bytes=0-99999999999999999999999"));
    }

    @Test
    void suffix_range_is_the_last_bytes() {
        assertEquals(new Partial(800, 999), parse("bytes=-200"));
    }

    @Test
    void suffix_longer_than_the_resource_is_the_whole_resource_as_a_range() {
        assertEquals(new Partial(0, 999), parse("bytes=-5000"));
    }

    @Test
    void single_last_byte() {
        assertEquals(new Partial(999, 999), parse("bytes=999-999"));
        assertEquals(new Partial(999, 999), parse("bytes=-1"));
    }

    @Test
    void range_starting_at_or_past_the_end_cannot_be_satisfied() {
        assertEquals(new Unsatisfiable(), parse("bytes=1000-"));
        assertEquals(new Unsatisfiable(), parse("bytes=5000-6000"));
        assertEquals(new Unsatisfiable(), parse("bytes=99999999999999999999999-"));
    }

    @Test
    void empty_suffix_cannot_be_satisfied() {
        assertEquals(new Unsatisfiable(), parse("bytes=-0"));
    }

    @Test
    void any_range_of_an_empty_resource_cannot_be_satisfied() {
        assertEquals(new Unsatisfiable(), RangeRequest.parse("bytes=0-", 0));
        assertEquals(new Unsatisfiable(), RangeRequest.parse("bytes=-10", 0));
    }

    @Test
    void malformed_headers_are_ignored() {
        for (String header : new String[] {
            "", "bytes", "bytes=", "bytes=-", "bytes=abc", "bytes=1-abc", "bytes=a-1", "bytes=5-2",
            "bytes=--1", "bytes=1--2", "items=0-99", "0-99", "bytes=+1-2", "bytes=0x10-20"}) {
            assertEquals(new Whole(), parse(header), header);
        }
    }

    @Test
    void several_ranges_are_answered_with_the_whole_resource() {
        assertEquals(new Whole(), parse("bytes=0-9,20-29"));
    }

    @Test
    void unit_is_case_insensitive_and_spaces_are_tolerated() {
        assertEquals(new Partial(0, 9), parse(" Bytes= 0 - 9 "));
    }
}
