package org.rlautoscaler.autoscaler.prometheus;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashMap;
import java.util.Map;
import org.rlautoscaler.autoscaler.prometheus.QueryResult.Missing;
import org.rlautoscaler.autoscaler.prometheus.QueryResult.Missing.Kind;

/**
 * Reads the answer of Prometheus's {@code /api/v1/query}:
 * <pre>
 * {"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1712.5,"0.25"]}]}}
 * {"status":"error","errorType":"bad_data","error":"parse error at char 5"}
 * </pre>
 * Sample values are strings; NaN and infinities are spelled "NaN", "+Inf" and "-Inf".
 */
final class QueryResponses {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int EXCERPT_CHARS = 200;

    private QueryResponses() {}

    /** The result of an answer with HTTP status {@code httpStatus} and this body. */
    static QueryResult parse(int httpStatus, String body) {
        JsonNode root = readJson(body);
        if (root == null || !root.isObject()) {
            Kind kind = httpStatus >= 400 ? Kind.error_status : Kind.bad_response;
            String what = httpStatus >= 400 ? "" : " not JSON";
            return new Missing(kind, "HTTP " + httpStatus + what + ": " + excerpt(body));
        }
        String status = root.path("status").asText("");
        if (httpStatus >= 400 || status.equals("error")) {
            String errorType = root.path("errorType").asText("no errorType");
            return new Missing(errorType.equals("bad_data") ? Kind.bad_query : Kind.error_status, "HTTP " + httpStatus
                    + ", " + errorType + ": " + excerpt(root.path("error").asText("no error")));
        }
        if (httpStatus < 200 || httpStatus > 299 || !status.equals("success")) {
            return new Missing(Kind.bad_response, "HTTP " + httpStatus + " with status '" + status
                    + "': " + excerpt(body));
        }
        JsonNode data = root.path("data");
        String resultType = data.path("resultType").asText("");
        JsonNode result = data.path("result");
        return switch (resultType) {
            case "vector" -> vector(result);
            case "scalar" -> sample(result);
            default -> new Missing(Kind.bad_response, "resultType '" + resultType
                    + "'; the query must answer an instant vector or a scalar");
        };
    }

    /**
     * The result of an answer to a query grouped by {@code label}: each series' sample under the
     * series' value of that label.
     */
    static GroupedResult grouped(int httpStatus, String body, String label) {
        JsonNode root = readJson(body);
        QueryResult checked = root == null || !root.isObject() ? parse(httpStatus, body) : null;
        if (checked == null) {
            String status = root.path("status").asText("");
            if (httpStatus < 200 || httpStatus > 299 || !status.equals("success")) {
                checked = parse(httpStatus, body);
            }
        }
        if (checked instanceof Missing missing) {
            return new GroupedResult.Failed(missing);
        }
        JsonNode data = root.path("data");
        String resultType = data.path("resultType").asText("");
        JsonNode result = data.path("result");
        if (resultType.equals("scalar")) {
            return new GroupedResult.Groups(Map.of("", sample(result)));
        }
        if (!resultType.equals("vector") || !result.isArray()) {
            return new GroupedResult.Failed(new Missing(Kind.bad_response, "resultType '" + resultType
                    + "'; the query must answer an instant vector or a scalar"));
        }
        Map<String, QueryResult> byLabel = new HashMap<>();
        for (JsonNode series : result) {
            String value = series.path("metric").path(label).asText("");
            QueryResult sample = sample(series.path("value"));
            if (byLabel.putIfAbsent(value, sample) != null) {
                byLabel.put(value, new Missing(Kind.bad_response, "several series with " + label + "=\"" + excerpt(value)
                        + "\"; the query must return one per " + label + " (aggregate with by (" + label + "))"));
            }
        }
        return new GroupedResult.Groups(byLabel);
    }

    /**
     * The answer of {@code /api/v1/query_range}, a matrix:
     * {@code {"status":"success","data":{"resultType":"matrix","result":[{"metric":{},"values":[[1712.5,"0.25"],...]}]}}};
     * no series at all is no points, more than one is refused (the query must aggregate).
     */
    static RangeResult range(int httpStatus, String body) {
        JsonNode root = readJson(body);
        if (root == null || !root.isObject() || httpStatus < 200 || httpStatus > 299
                || !root.path("status").asText("").equals("success")) {
            QueryResult checked = parse(httpStatus, body);
            return new RangeResult.Failed(checked instanceof Missing missing ? missing
                    : new Missing(Kind.bad_response, "HTTP " + httpStatus + ": " + excerpt(body)));
        }
        JsonNode data = root.path("data");
        JsonNode result = data.path("result");
        if (!data.path("resultType").asText("").equals("matrix") || !result.isArray()) {
            return new RangeResult.Failed(new Missing(Kind.bad_response, "resultType '" + data.path("resultType").asText("")
                    + "'; a range query answers a matrix"));
        }
        if (result.size() > 1) {
            return new RangeResult.Failed(new Missing(Kind.bad_response, result.size()
                    + " series; the query must return one"));
        }
        JsonNode values = result.isEmpty() ? JSON.createArrayNode() : result.get(0).path("values");
        double[] times = new double[values.size()];
        double[] found = new double[values.size()];
        int n = 0;
        for (JsonNode point : values) {
            if (sample(point) instanceof QueryResult.Value value) {
                times[n] = point.get(0).asDouble();
                found[n++] = value.value();
            }
        }
        return new RangeResult.Points(java.util.Arrays.copyOf(times, n), java.util.Arrays.copyOf(found, n));
    }

    private static QueryResult vector(JsonNode series) {
        if (!series.isArray()) {
            return new Missing(Kind.bad_response, "data.result is not an array: " + excerpt(series.toString()));
        }
        if (series.isEmpty()) {
            return new Missing(Kind.empty, "no series");
        }
        if (series.size() > 1) {
            return new Missing(Kind.bad_response, series.size() + " series; the query must return one");
        }
        return sample(series.get(0).path("value"));
    }

    /** A sample: {@code [timestamp, "value"]}. */
    private static QueryResult sample(JsonNode sample) {
        if (!sample.isArray() || sample.size() != 2 || !sample.get(1).isTextual()) {
            return new Missing(Kind.bad_response, "a sample must be [time, \"value\"], got "
                    + excerpt(sample.toString()));
        }
        String text = sample.get(1).asText();
        double value;
        try {
            value = switch (text) {
                case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
                case "-Inf" -> Double.NEGATIVE_INFINITY;
                default -> Double.parseDouble(text);
            };
        } catch (NumberFormatException e) {
            return new Missing(Kind.bad_response, "value '" + excerpt(text) + "' is not a number");
        }
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return new Missing(Kind.nan, "value is " + text);
        }
        return new QueryResult.Value(value);
    }

    private static JsonNode readJson(String body) {
        try {
            return JSON.readTree(body);
        } catch (JacksonException e) {
            return null;
        }
    }

    /**
     * At most {@value #EXCERPT_CHARS} characters of {@code text} on one line, safe for a log: white
     * space runs become one space; control characters and bytes that were not text (decoded as
     * U+FFFD) are written as escapes ({@code \\x1b}, {@code \\ufffd}).
     */
    static String excerpt(String text) {
        String oneLine = text.strip().replaceAll("\\s+", " ");
        boolean cut = oneLine.length() > EXCERPT_CHARS;
        String head = cut ? oneLine.substring(0, EXCERPT_CHARS) : oneLine;
        StringBuilder safe = new StringBuilder(head.length() + 16);
        head.codePoints().forEach(c -> {
            if (c < 0x20 || c == 0x7f) {
                safe.append(String.format("\\x%02x", c));
            } else if ((c >= 0x80 && c < 0xa0) || c == 0xfffd || Character.getType(c) == Character.UNASSIGNED
                    || Character.getType(c) == Character.PRIVATE_USE || Character.getType(c) == Character.SURROGATE) {
                safe.append(String.format("\\u%04x", c));
            } else {
                safe.appendCodePoint(c);
            }
        });
        return cut ? safe + "..." : safe.toString();
    }
}
