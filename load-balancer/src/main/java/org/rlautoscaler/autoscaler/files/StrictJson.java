package org.rlautoscaler.autoscaler.files;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * How the autoscaler's own files (models, saved agents) are read and written as JSON: read
 * strictly, since a file that says two things, or more than one thing, was not written by us and
 * must not be half-trusted (a key twice, content after the document, an unknown field: errors);
 * written indented, for people to read.
 */
public final class StrictJson {
    private StrictJson() {}

    /** A new mapper with these settings. */
    public static ObjectMapper mapper() {
        return JsonMapper.builder()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(SerializationFeature.INDENT_OUTPUT)
                .build();
    }
}
