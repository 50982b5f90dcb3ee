package org.rlautoscaler.autoscaler.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rlautoscaler.common.testing.PrometheusServer;

/**
 * The Grafana provisioning in {@code ../grafana}: the dashboard is well formed, every panel
 * reads from the provisioned Prometheus data source, and every query is PromQL a real
 * Prometheus accepts.
 */
class GrafanaDashboardTest {
    private static final Path GRAFANA = Path.of("..", "grafana");
    private static final Path DASHBOARD = GRAFANA.resolve("dashboards/rl-autoscaler.json");
    private static final Path DATASOURCE = GRAFANA.resolve("provisioning/datasources/prometheus.yml");
    private static final Path PROVIDER = GRAFANA.resolve("provisioning/dashboards/dashboards.yml");
    private static final String DATASOURCE_UID = "prometheus";
    /** Panels read from the dashboard's data-source variable, whose default is the stack's Prometheus. */
    private static final String DATASOURCE_VARIABLE = "${datasource}";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tempDir;

    @Test
    void dashboardHasUidTitleAndWellFormedPanels() throws IOException {
        JsonNode dashboard = readDashboard();
        assertEquals("rl-autoscaler", dashboard.path("uid").asText(), "dashboard uid");
        assertFalse(dashboard.path("title").asText().isBlank(), "dashboard has no title");

        List<JsonNode> panels = panels(dashboard);
        assertFalse(panels.isEmpty(), "dashboard has no panels");
        Set<Integer> ids = new HashSet<>();
        for (JsonNode panel : panels) {
            String title = panel.path("title").asText();
            assertFalse(title.isBlank(), "a panel has no title: " + panel);
            assertTrue(ids.add(panel.path("id").asInt()), "panel id repeated: " + title);
            assertEquals(DATASOURCE_VARIABLE, panel.path("datasource").path("uid").asText(),
                    "panel '" + title + "' does not read from the data source variable " + DATASOURCE_VARIABLE);
            JsonNode targets = panel.path("targets");
            assertTrue(targets.isArray() && !targets.isEmpty(), "panel '" + title + "' has no target");
            for (JsonNode target : targets) {
                assertFalse(target.path("expr").asText().isBlank(),
                        "panel '" + title + "' target " + target.path("refId").asText() + " has no expr");
                JsonNode source = target.path("datasource");
                if (!source.isMissingNode()) {
                    assertEquals(DATASOURCE_VARIABLE, source.path("uid").asText(),
                            "panel '" + title + "' target " + target.path("refId").asText()
                                    + " reads from another data source");
                }
            }
            assertFalse(panel.path("fieldConfig").path("defaults").path("unit").asText().isBlank(),
                    "panel '" + title + "' has no unit");
        }
    }

    @Test
    void dataSourceIsAVariableOfPrometheusSourcesDefaultingToTheStacks() throws IOException {
        JsonNode variable = readDashboard().path("templating").path("list").get(0);
        assertEquals("datasource", variable.path("name").asText());
        assertEquals("datasource", variable.path("type").asText());
        assertEquals("prometheus", variable.path("query").asText(), "the variable lists Prometheus data sources");
        assertEquals(DATASOURCE_UID, variable.path("current").path("value").asText(), "default: the stack's Prometheus");
    }

    @Test
    void ratesUseGrafanasRateIntervalAndScalingDecisionsAreAnnotated() throws IOException {
        JsonNode dashboard = readDashboard();
        for (String expr : expressions(dashboard)) {
            assertTrue(!expr.matches("(?s).*\\brate\\([^\\[\\]]*\\[\\d+[smh]\\].*") || expr.contains("[$__range:"),
                    "a rate over a fixed window, where Grafana's $__rate_interval fits its scrape interval: " + expr);
        }
        JsonNode decisions = null;
        for (JsonNode annotation : dashboard.path("annotations").path("list")) {
            if (annotation.path("name").asText().equals("Scaling decisions")) {
                decisions = annotation;
            }
        }
        assertTrue(decisions != null && decisions.path("expr").asText().contains("changes(autoscaler_desired_replicas"),
                "an annotation marks each change of the desired replicas");
        boolean slo = false;
        for (JsonNode panel : panels(dashboard)) {
            slo |= panel.path("fieldConfig").path("defaults").path("unit").asText().equals("percent")
                    && panel.path("targets").get(0).path("expr").asText().contains("<= bool 0.1");
        }
        assertTrue(slo, "a panel gives the share of time within the objective");
    }

    @Test
    void datasourceIsTheStacksPrometheus() throws IOException {
        List<String> lines = yamlLines(DATASOURCE);
        assertTrue(lines.contains("uid: " + DATASOURCE_UID), "no 'uid: prometheus' in " + DATASOURCE + ": " + lines);
        assertTrue(lines.contains("url: http://prometheus:9090"),
                "no 'url: http://prometheus:9090' in " + DATASOURCE + ": " + lines);
        assertTrue(lines.contains("type: prometheus"), "data source is not of type prometheus: " + lines);
        assertTrue(lines.contains("isDefault: true"), "data source is not the default: " + lines);
    }

    @Test
    void dashboardProviderLoadsTheMountedDirectory() throws IOException {
        List<String> lines = yamlLines(PROVIDER);
        assertTrue(lines.contains("path: /var/lib/grafana/dashboards"),
                "the provider does not load /var/lib/grafana/dashboards: " + lines);
        assertTrue(lines.contains("type: file"), "the provider is not a file provider: " + lines);
    }

    @Test
    void everyQueryIsAcceptedByPrometheus() throws IOException, InterruptedException {
        List<String> expressions = expressions(readDashboard()).stream().map(GrafanaDashboardTest::asGrafanaSendsIt).toList();
        assertFalse(expressions.isEmpty(), "no expressions in the dashboard");

        // An empty target list is a valid configuration: Prometheus starts and scrapes nothing.
        try (PrometheusServer prometheus = PrometheusServer.start(tempDir, Duration.ofSeconds(1), List.of())) {
            List<String> rejected = new ArrayList<>();
            for (String expr : expressions) {
                JsonNode answer = prometheus.query(expr);
                if (!"success".equals(answer.path("status").asText())) {
                    rejected.add(expr + "\n    -> " + answer.path("errorType").asText() + ": "
                            + answer.path("error").asText());
                }
            }
            assertTrue(rejected.isEmpty(), "Prometheus rejected " + rejected.size() + " of "
                    + expressions.size() + " dashboard queries:\n  " + String.join("\n  ", rejected));
        }
    }

    /** Every PromQL expression: the panels' targets and the annotations. */
    private static List<String> expressions(JsonNode dashboard) {
        List<String> expressions = new ArrayList<>();
        for (JsonNode panel : panels(dashboard)) {
            for (JsonNode target : panel.path("targets")) {
                expressions.add(target.path("expr").asText());
            }
        }
        for (JsonNode annotation : dashboard.path("annotations").path("list")) {
            if (annotation.has("expr")) {
                expressions.add(annotation.path("expr").asText());
            }
        }
        return expressions;
    }

    /** An expression with Grafana's variables replaced as Grafana does before sending it (at a 30 min range). */
    static String asGrafanaSendsIt(String expr) {
        return expr.replace("$__rate_interval", "1m").replace("$__range", "30m").replace("$__interval", "15s");
    }

    private static JsonNode readDashboard() throws IOException {
        return JSON.readTree(Files.readString(DASHBOARD));
    }

    /** Every panel, including those nested in collapsed rows; rows themselves are not panels. */
    private static List<JsonNode> panels(JsonNode dashboard) {
        List<JsonNode> panels = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            if ("row".equals(panel.path("type").asText())) {
                panel.path("panels").forEach(panels::add);
            } else {
                panels.add(panel);
            }
        }
        return panels;
    }

    /** The YAML file's lines, trimmed, without comments, list dashes or blank lines. */
    private static List<String> yamlLines(Path file) throws IOException {
        return Files.readAllLines(file).stream()
                .map(line -> line.replaceFirst("\\s+#.*$", "").strip())
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .map(line -> line.startsWith("- ") ? line.substring(2).strip() : line)
                .toList();
    }
}
