package org.rlautoscaler.autoscaler.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every Swarm config of the two stack files takes its name from a variable that
 * scripts/deploy-stack.sh sets from the file's content, and the script hashes the very file the
 * stack file mounts. A config added to a stack file without the script knowing it would keep a
 * fixed name, and a redeploy after an edit would fail again. (StackIT runs the script.)
 */
class StackConfigNamesTest {
    private static final Path ROOT = Path.of("..");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    /** A line of the script's tables: config key, variable, file. */
    private static final Pattern ENTRY = Pattern.compile("^(?:[A-Z_]+=\")?([a-z_]+) ([A-Z_]+_NAME) (\\S+?)\"?$");

    private static List<String> stackFileConfigs(String stackFile) throws IOException {
        List<String> configs = new ArrayList<>();
        JsonNode stack = YAML.readTree(ROOT.resolve(stackFile).toFile());
        stack.path("configs").properties().forEach(config -> configs.add(config.getKey() + " "
                + config.getValue().path("name").asText() + " " + config.getValue().path("file").asText()));
        return configs;
    }

    private static List<String> scriptConfigs() throws IOException {
        List<String> configs = new ArrayList<>();
        for (String line : Files.readAllLines(ROOT.resolve("scripts/deploy-stack.sh"))) {
            Matcher entry = ENTRY.matcher(line);
            if (entry.matches()) {
                // As the stack file spells it: the variable with an empty default, the file relative to the stack file.
                configs.add(entry.group(1) + " ${" + entry.group(2) + ":-} ./" + entry.group(3));
            }
        }
        return configs;
    }

    @Test
    void the_script_names_every_config_of_both_stack_files_by_the_file_it_mounts() throws IOException {
        List<String> stackFiles = new ArrayList<>(stackFileConfigs("docker-compose.yml"));
        stackFiles.addAll(stackFileConfigs("docker-compose.grafana.yml"));
        assertEquals(List.of(
                "prometheus_config ${PROMETHEUS_CONFIG_NAME:-} ./prometheus/prometheus.yml",
                "prometheus_rules ${PROMETHEUS_RULES_NAME:-} ./prometheus/rules.yml",
                "grafana_datasource ${GRAFANA_DATASOURCE_NAME:-} ./grafana/provisioning/datasources/prometheus.yml",
                "grafana_dashboard_provider ${GRAFANA_DASHBOARD_PROVIDER_NAME:-} ./grafana/provisioning/dashboards/dashboards.yml",
                "grafana_dashboard ${GRAFANA_DASHBOARD_NAME:-} ./grafana/dashboards/rl-autoscaler.json"), stackFiles);
        assertEquals(stackFiles, scriptConfigs(), "scripts/deploy-stack.sh's tables against the stack files");
        for (String config : stackFiles) {
            String[] parts = config.split(" ");
            assertEquals("${" + parts[0].toUpperCase(Locale.ROOT) + "_NAME:-}", parts[1], "the variable is named after the config");
        }
    }
}
