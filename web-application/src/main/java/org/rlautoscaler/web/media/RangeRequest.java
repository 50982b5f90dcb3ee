package org.rlautoscaler.web.media;

/**
 * What a {@code Range} header asks of a resource of known length (RFC 9110, section 14).
 *
 * <p>Only single byte ranges are served: {@code bytes=0-99}, {@code bytes=100-} and the suffix
 * form {@code bytes=-500}. A header that is absent, malformed, of another unit, or asks for
 * several ranges is ignored and the whole resource is sent, as RFC 9110 allows. A range that
 * starts past the end, or an empty suffix, cannot be satisfied (416).
 */
public sealed interface RangeRequest {

    /** Send everything: 200 OK. */
    record Whole() implements RangeRequest {}

    /** Send bytes {@code first} to {@code last}, both included: 206 Partial Content. */
    record Partial(long first, long last) implements RangeRequest {
        public long length() {
            return last - first + 1;
        }
    }

    /** Nothing in the resource matches: 416 Range Not Satisfiable. */
    record Unsatisfiable() implements RangeRequest {}

    /**
     * Reads a {@code Range} header.
     *
     * @param header the header's value, or null when the request had none
     * @param length the resource's length in bytes
     */
    static RangeRequest parse(String header, long length) {
        if (header == null) {
            return new Whole();
        }
        String value = header.strip();
        if (!value.regionMatches(true, 0, "bytes=", 0, 6)) {
            return new Whole();
        }
        String spec = value.substring(6).strip();
        if (spec.isEmpty() || spec.indexOf(',') >= 0) {
            return new Whole();
        }
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return new Whole();
        }
        String firstText = spec.substring(0, dash).strip();
        String lastText = spec.substring(dash + 1).strip();
        if (firstText.isEmpty()) {
            // Suffix range: the last N bytes.
            if (!isDigits(lastText)) {
                return new Whole();
            }
            long suffix = parseSaturating(lastText);
            if (suffix == 0 || length == 0) {
                return new Unsatisfiable();
            }
            return new Partial(Math.max(0, length - suffix), length - 1);
        }
        if (!isDigits(firstText) || !(lastText.isEmpty() || isDigits(lastText))) {
            return new Whole();
        }
        long first = parseSaturating(firstText);
        long last = lastText.isEmpty() ? Long.MAX_VALUE : parseSaturating(lastText);
        if (last < first) {
            return new Whole(); // invalid range-spec: ignore the header
        }
        if (first >= length) {
            return new Unsatisfiable();
        }
        return new Partial(first, Math.min(last, length - 1));
    }

    private static boolean isDigits(String text) {
        if (text.isEmpty()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** Digits to a long, Long.MAX_VALUE when there are too many of them. */
    private static long parseSaturating(String digits) {
        return digits.length() > 18 ? Long.MAX_VALUE : Long.parseLong(digits);
    }
}
