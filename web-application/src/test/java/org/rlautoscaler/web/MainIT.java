package org.rlautoscaler.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The runnable jar, started as users start it: {@code java -jar web-application.jar}. */
class MainIT {
    private static final String JAR = System.getProperty("service.jar", "target/web-application.jar");
    private static final String JAVA = ProcessHandle.current().info().command().orElse("java");

    private static Process start(Map<String, String> environment, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(JAVA, "--enable-native-access=ALL-UNNAMED", "-jar", JAR));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().keySet().removeIf(k -> k.equals("PORT") || k.equals("METRICS_PORT")
                || k.equals("VIDEO_FILE") || k.equals("DATA_FILE") || k.equals("WORK_MS"));
        builder.environment().putAll(environment);
        return builder.start();
    }

    private static String finish(Process process) throws Exception {
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS));
        return output;
    }

    private static void assertBadConfiguration(Map<String, String> environment, String[] args, String message)
            throws Exception {
        Process process = start(environment, args);
        String output = finish(process);
        assertEquals(2, process.exitValue(), output);
        assertEquals(message, output.lines().findFirst().orElseThrow());
    }

    @Test
    void bad_port_in_the_environment_exits_2_naming_the_variable_and_the_range() throws Exception {
        assertBadConfiguration(Map.of("PORT", "abc"), new String[0],
                "error: Invalid value for --port (environment variable PORT): 'abc' is not an int; accepted: 0 to 65535");
    }

    @Test
    void unreadable_video_file_exits_2() throws Exception {
        assertBadConfiguration(Map.of("VIDEO_FILE", "/no/such/video.mp4"), new String[0],
                "error: Invalid value for --video-file (environment variable VIDEO_FILE): "
                        + "'/no/such/video.mp4'; accepted: a readable regular file");
    }

    @Test
    void negative_work_exits_2() throws Exception {
        assertBadConfiguration(Map.of(), new String[] {"--work-ms", "-3"},
                "error: Invalid value for --work-ms: -3; accepted: 0 to 10000");
    }

    @Test
    void help_lists_every_setting() throws Exception {
        Process process = start(Map.of(), "--help");
        String output = finish(process);
        assertEquals(0, process.exitValue(), output);
        for (String option : new String[] {
            "--port", "--metrics-port", "--data-file", "--video-file", "--work-ms", "--shutdown-grace-seconds"}) {
            assertTrue(output.contains(option), option + " missing from:\n" + output);
        }
    }

    @Test
    void starts_on_free_ports_names_them_and_stops_cleanly_on_sigterm() throws Exception {
        Process process = start(Map.of("PORT", "0", "METRICS_PORT", "0"));
        BufferedReader log = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        Pattern ready = Pattern.compile("Web application on http://localhost:(\\d+)/ , metrics on http://localhost:(\\d+)/metrics");
        Matcher matcher = null;
        for (String line = log.readLine(); line != null; line = log.readLine()) {
            Matcher m = ready.matcher(line);
            if (m.find()) {
                matcher = m;
                break;
            }
        }
        assertTrue(matcher != null, "the log never named the ports");
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<String> health = client.send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + matcher.group(1) + "/health")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, health.statusCode());
        HttpResponse<String> metrics = client.send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + matcher.group(2) + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(metrics.body().contains("running_time"));

        process.toHandle().destroy(); // SIGTERM, as docker stop sends; keeps our end of the pipe open
        StringBuilder rest = new StringBuilder();
        for (String line = log.readLine(); line != null; line = log.readLine()) {
            rest.append(line).append('\n');
        }
        assertTrue(process.waitFor(120, TimeUnit.SECONDS));
        assertEquals(143, process.exitValue(), "exit status after SIGTERM (128 + 15)");
        assertTrue(rest.toString().contains("Stopped"), rest.toString());
    }
}
