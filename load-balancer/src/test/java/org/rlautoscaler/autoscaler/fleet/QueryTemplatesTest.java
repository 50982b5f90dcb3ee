package org.rlautoscaler.autoscaler.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The query templates: what is sent for which services. */
class QueryTemplatesTest {

    @Test
    void the_request_rate_of_two_services_is_one_query_by_service() {
        String filled = QueryTemplates.forService(QueryTemplates.REQUEST_RATE, "", 1);
        assertEquals("sum by (service) (rate(http_server_request_duration_seconds_count{service=~\"{service}\"}[30s]))", filled);
        assertEquals("sum by (service) (rate(http_server_request_duration_seconds_count{service=~\"shop_api|shop_web\"}[30s]))",
                QueryTemplates.forServices(filled, List.of("shop_web", "shop_api")));
    }

    @Test
    void a_request_selector_and_the_cores_are_filled_in_per_service() {
        assertEquals("histogram_quantile(0.95, sum by (service, le) (rate(http_server_request_duration_seconds_bucket"
                + "{service=~\"{service}\",path=\"/test\"}[30s])))",
                QueryTemplates.forService(QueryTemplates.P95_LATENCY, "path=\"/test\"", 2));
        assertEquals("100 * avg by (service) (rate(process_cpu_seconds_total{service=~\"{service}\"}[30s])) / 0.25",
                QueryTemplates.forService(QueryTemplates.CPU_USAGE, "", 0.25));
        assertEquals("100 * avg by (service) (rate(process_cpu_seconds_total{service=~\"{service}\"}[30s])) / 2",
                QueryTemplates.forService(QueryTemplates.CPU_USAGE, "", 2));
    }

    @Test
    void names_are_matched_exactly_dots_escaped() {
        assertEquals("x{service=~\"a\\\\.b|ab\"}", QueryTemplates.forServices("x{service=~\"{service}\"}", List.of("ab", "a.b")));
    }

    @Test
    void templates_are_checked() {
        assertEquals(Optional.empty(), QueryTemplates.problem(QueryTemplates.MEAN_LATENCY));
        assertEquals(Optional.empty(), QueryTemplates.problem("sum(rate(x{job=\"a\"}[1m]))"));
        assertEquals(Optional.of("PromQL whose placeholders are {service}, {requests} and {cores}, not {stack}"),
                QueryTemplates.problem("x{stack=\"{stack}\"}"));
        assertTrue(QueryTemplates.shared(QueryTemplates.RUNNING_TIME));
        assertFalse(QueryTemplates.shared("avg(cpu_usage)"));
    }
}
