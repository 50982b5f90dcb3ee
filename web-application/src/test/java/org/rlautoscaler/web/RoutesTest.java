package org.rlautoscaler.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Pages, health, the CPU-costly endpoint and the errors, over real HTTP. */
class RoutesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestApp app;

    @BeforeAll
    static void start() {
        app = new TestApp(WebConfig.defaults().withWorkMillis(2));
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void each_page_is_html_in_the_shared_layout_with_its_own_link_marked_current() {
        String[][] pages = {
            {"/", "RL Autoscaler"}, {"/about", "About the autoscaler"}, {"/graphics", "Live graphics"}};
        for (String[] page : pages) {
            HttpResponse<String> response = app.get(page[0]);
            assertEquals(200, response.statusCode(), page[0]);
            assertEquals("text/html;charset=utf-8", response.headers().firstValue("Content-Type").orElseThrow());
            String html = response.body();
            assertTrue(html.startsWith("<!DOCTYPE html>") || html.startsWith("<!doctype html>"), page[0]);
            assertTrue(html.contains("<title>" + page[1]), page[0]);
            assertTrue(html.contains("data-nav=\"" + page[0] + "\" aria-current=\"page\""), page[0]);
            assertEquals(1, html.split("aria-current=\"page\"", -1).length - 1, page[0]);
            assertFalse(html.contains("{{"), "unfilled placeholder in " + page[0]);
            assertFalse(html.contains("http://") || html.contains("https://"),
                    "pages must not load anything from outside the machine: " + page[0]);
        }
    }

    @Test
    void the_graphics_page_loads_its_scripts_and_they_are_served() {
        String html = app.get("/graphics").body();
        for (String asset : new String[] {
            "/static/graphics.js", "/static/vendor/uplot/uPlot.iife.min.js", "/static/vendor/uplot/uPlot.min.css",
            "/static/style.css"}) {
            assertTrue(html.contains(asset), asset);
            HttpResponse<String> response = app.get(asset);
            assertEquals(200, response.statusCode(), asset);
            assertTrue(response.body().length() > 100, asset);
        }
    }

    @Test
    void stats_give_recent_cpu_ram_and_request_rate_samples() throws Exception {
        JsonNode stats = JSON.readTree(app.get("/api/stats").body());
        assertTrue(stats.get("uptime_seconds").isIntegralNumber());
        JsonNode samples = stats.get("samples");
        assertTrue(samples.size() >= 1);
        // The sample taken at start has no CPU figure (no interval yet): null, not 0, and not NaN,
        // which JSON does not have.
        assertTrue(samples.get(0).get("cpu_percent").isNull(), samples.get(0).toString());
        for (int i = 1; i < samples.size(); i++) {
            double cpu = samples.get(i).get("cpu_percent").asDouble(-1);
            assertTrue(cpu >= 0 && cpu <= 100, "cpu " + samples.get(i));
        }
        JsonNode last = samples.get(samples.size() - 1);
        assertTrue(last.get("t").asLong() > 1_700_000_000_000L);
        double ram = last.get("ram_percent").asDouble();
        assertTrue(ram > 0 && ram <= 100, "ram " + ram);
        assertTrue(last.get("requests_per_second").asDouble() >= 0);
    }

    @Test
    void health_is_up() {
        HttpResponse<String> response = app.get("/health");
        assertEquals(200, response.statusCode());
        assertEquals("{\"status\":\"UP\"}", response.body());
    }

    @Test
    void test_endpoint_spends_the_configured_cpu_time() throws Exception {
        HttpResponse<String> response = app.get("/test");
        assertEquals(200, response.statusCode());
        assertEquals(2.0, JSON.readTree(response.body()).get("work_ms").asDouble());
    }

    @Test
    void test_endpoint_takes_another_amount_per_request() throws Exception {
        HttpResponse<String> response = app.get("/test?ms=0.5");
        assertEquals(200, response.statusCode());
        assertEquals(0.5, JSON.readTree(response.body()).get("work_ms").asDouble());
    }

    @Test
    void test_endpoint_rejects_a_bad_amount_with_a_json_error_naming_the_range() {
        for (String bad : new String[] {"abc", "-1", "10001", "NaN"}) {
            HttpResponse<String> response = app.get("/test?ms=" + bad);
            assertEquals(400, response.statusCode(), bad);
            assertEquals("application/json", response.headers().firstValue("Content-Type").orElseThrow());
            assertEquals("{\"error\":\"Invalid value for query parameter ms: '" + bad
                    + "'; accepted: a number of milliseconds from 0 to 10000\"}", response.body());
        }
    }

    @Test
    void unknown_path_is_a_json_404() throws Exception {
        HttpResponse<String> response = app.get("/no/such/page");
        assertEquals(404, response.statusCode());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElseThrow());
        assertTrue(JSON.readTree(response.body()).get("error").asText().contains("/no/such/page"), response.body());
    }

    @Test
    void unknown_static_file_is_a_json_404() {
        HttpResponse<String> response = app.get("/static/missing.css");
        assertEquals(404, response.statusCode());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElseThrow());
    }

    @Test
    void malformed_uri_is_a_json_400() {
        String response = app.raw("/%zz");
        assertTrue(response.startsWith("HTTP/1.1 400 "), response);
        assertTrue(response.contains("Content-Type: application/json"), response);
        assertTrue(response.endsWith("{\"error\":\"Bad Request\"}")
                || response.contains("{\"error\":\"Bad Request: "), response);
    }

    @Test
    void no_path_escapes_the_static_directory() {
        String[] attempts = {
            "/static/../../../../etc/passwd",
            "/static/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
            "/static/..%2f..%2f..%2f..%2fetc%2fpasswd",
            "/static/%252e%252e/%252e%252e/etc/passwd",
            "/static/....//....//etc/passwd",
            "/static/..\\..\\..\\etc\\passwd",
            "/%2e%2e/%2e%2e/etc/passwd",
            "/static/../content/data.json",
            "/static/%2e%2e/templates/layout.html",
            "/static/../../WEB-INF/web.xml",
            "/static//etc/passwd",
        };
        for (String attempt : attempts) {
            String response = app.raw(attempt);
            String statusLine = response.lines().findFirst().orElseThrow();
            assertTrue(statusLine.matches("HTTP/1\\.1 40[04] .*"), attempt + " -> " + statusLine);
            assertTrue(response.contains("Content-Type: application/json"), attempt + " -> " + response);
            assertTrue(response.contains("{\"error\":\""), attempt + " -> " + response);
            assertFalse(response.contains("root:"), attempt);
            assertFalse(response.contains("{{content}}"), attempt);
            assertFalse(response.contains("\"products\""), attempt);
        }
    }
}
