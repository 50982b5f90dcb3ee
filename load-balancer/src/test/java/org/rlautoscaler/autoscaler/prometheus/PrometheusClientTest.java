package org.rlautoscaler.autoscaler.prometheus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rlautoscaler.autoscaler.prometheus.CannedPrometheus.vector;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.rlautoscaler.autoscaler.prometheus.CannedPrometheus.Answer;
import org.rlautoscaler.autoscaler.prometheus.QueryResult.Missing;
import org.rlautoscaler.autoscaler.prometheus.QueryResult.Missing.Kind;

class PrometheusClientTest {

    private static QueryResult answer(Function<String, Answer> answers) throws IOException {
        try (CannedPrometheus server = new CannedPrometheus(answers);
             PrometheusClient client = PrometheusClient.create(server.url())) {
            return client.query("up");
        }
    }

    @Test
    void one_sample_is_a_value() throws IOException {
        assertEquals(new QueryResult.Value(0.25), answer(q -> vector("0.25")));
    }

    @Test
    void a_scalar_is_a_value() throws IOException {
        String scalar = "{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":[1712000000,\"3\"]}}";
        assertEquals(new QueryResult.Value(3), answer(q -> new Answer(200, scalar)));
    }

    @Test
    void the_query_reaches_prometheus_unchanged() throws IOException {
        try (CannedPrometheus server = new CannedPrometheus(q -> vector("1"));
             PrometheusClient client = PrometheusClient.create(server.url() + "/")) {
            client.query(Queries.MEAN_LATENCY);
            client.query("a + b & c");
            assertEquals(List.of(Queries.MEAN_LATENCY, "a + b & c"), server.queries());
        }
    }

    @Test
    void no_series_is_empty() throws IOException {
        assertEquals(new Missing(Kind.empty, "no series"), answer(q -> vector()));
    }

    @Test
    void nan_and_infinity_are_nan() throws IOException {
        assertEquals(new Missing(Kind.nan, "value is NaN"), answer(q -> vector("NaN")));
        assertEquals(new Missing(Kind.nan, "value is +Inf"), answer(q -> vector("+Inf")));
        assertEquals(new Missing(Kind.nan, "value is -Inf"), answer(q -> vector("-Inf")));
    }

    @Test
    void a_query_prometheus_cannot_parse_is_bad_query_with_its_text() throws IOException {
        String error = "{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"parse error at char 5\"}";
        assertEquals(new Missing(Kind.bad_query, "HTTP 400, bad_data: parse error at char 5"),
                answer(q -> new Answer(400, error)));
    }

    @Test
    void a_query_that_fails_to_run_is_error_status_with_its_text() throws IOException {
        String error = "{\"status\":\"error\",\"errorType\":\"execution\",\"error\":\"query timed out\"}";
        assertEquals(new Missing(Kind.error_status, "HTTP 422, execution: query timed out"),
                answer(q -> new Answer(422, error)));
    }

    @Test
    void a_garbage_answer_is_cut_and_its_control_characters_and_binary_bytes_escaped() throws IOException {
        String garbage = "\u0000\u001b[31mPK\u0003\u0004\ufffd\ufffd" + "x".repeat(400);
        Missing missing = assertInstanceOf(Missing.class, answer(q -> new Answer(200, "application/octet-stream", garbage, 0)));
        assertEquals(Kind.bad_response, missing.kind());
        assertEquals("HTTP 200 not JSON: \\x00\\x1b[31mPK\\x03\\x04\\ufffd\\ufffd" + "x".repeat(188) + "...",
                missing.reason());
    }

    @Test
    void a_server_error_without_json_is_error_status() throws IOException {
        assertEquals(new Missing(Kind.error_status, "HTTP 503: overloaded"),
                answer(q -> new Answer(503, "text/plain", "overloaded\n", 0)));
    }

    @Test
    void a_slow_server_is_a_timeout() throws IOException {
        try (CannedPrometheus server = new CannedPrometheus(q -> new Answer(200, "application/json", "{}", 5_000));
             PrometheusClient client = PrometheusClient.builder(server.url())
                     .callTimeout(Duration.ofMillis(300)).build()) {
            long start = System.nanoTime();
            Missing missing = assertInstanceOf(Missing.class, client.query("up"));
            assertEquals(Kind.timeout, missing.kind());
            assertTrue(missing.reason().startsWith("no answer from " + server.url() + " after "), missing.reason());
            assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() < 4_000);
        }
    }

    @Test
    void a_closed_port_is_unreachable() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String url = "http://127.0.0.1:" + port;
        try (PrometheusClient client = PrometheusClient.create(url)) {
            Missing missing = assertInstanceOf(Missing.class, client.query("up"));
            assertEquals(Kind.unreachable, missing.kind());
            assertTrue(missing.reason().startsWith("cannot reach " + url + ": java.net.ConnectException"),
                    missing.reason());
        }
    }

    @Test
    void an_html_page_is_a_bad_response() throws IOException {
        assertEquals(new Missing(Kind.bad_response, "HTTP 200 not JSON: <html><body>Prometheus Time Series</body></html>"),
                answer(q -> new Answer(200, "text/html", "<html><body>Prometheus Time Series</body></html>", 0)));
    }

    @Test
    void several_series_are_missing_with_their_count() throws IOException {
        assertEquals(new Missing(Kind.bad_response, "2 series; the query must return one"),
                answer(q -> vector("1", "2")));
    }

    @Test
    void a_range_vector_is_a_bad_response() throws IOException {
        String matrix = "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[]}}";
        assertEquals(new Missing(Kind.bad_response,
                        "resultType 'matrix'; the query must answer an instant vector or a scalar"),
                answer(q -> new Answer(200, matrix)));
    }

    @Test
    void a_bad_url_or_timeout_is_refused_with_its_value() {
        IllegalArgumentException url = assertThrows(IllegalArgumentException.class,
                () -> PrometheusClient.create("localhost:9090"));
        assertEquals("Not an http(s) URL: 'localhost:9090'", url.getMessage());
        IllegalArgumentException timeout = assertThrows(IllegalArgumentException.class,
                () -> PrometheusClient.builder("http://localhost:9090").callTimeout(Duration.ZERO));
        assertEquals("callTimeout must be positive, got PT0S", timeout.getMessage());
    }
}
