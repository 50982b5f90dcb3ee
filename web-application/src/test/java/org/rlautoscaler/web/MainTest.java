package org.rlautoscaler.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.rlautoscaler.common.testing.CliRun;

/**
 * Settings the application cannot start with end with exit status 2 and one line naming them.
 * A setting wrongly accepted would start the application, which then runs until stopped: the
 * timeout ends such a test as a failure.
 */
@Timeout(60)
class MainTest {

    private static String error(Map<String, String> environment, String... args) {
        return CliRun.refused(new Main(), environment, args);
    }

    @Test
    void an_empty_port_variable_is_refused_not_taken_for_the_default() {
        assertEquals("error: Invalid value for --port (environment variable PORT): '' (set but empty); accepted: "
                + "0 to 65535, or unset it for the default 8082", error(Map.of("PORT", "")));
    }

    @Test
    void the_same_port_for_the_application_and_its_metrics_is_refused() {
        assertEquals("error: Invalid value for --metrics-port: '8090'; accepted: a port other than --port (8090), or 0",
                error(Map.of(), "--port", "8090", "--metrics-port", "8090"));
    }

    @Test
    void an_application_port_in_use_is_refused_naming_the_variable_that_set_it() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            int port = taken.getLocalPort();
            assertEquals("error: Invalid value for --port (environment variable PORT): '" + port + "'; accepted: "
                    + "a free port (" + port + " is in use: Address already in use)",
                    error(Map.of("PORT", Integer.toString(port), "METRICS_PORT", "0")));
        }
    }

    @Test
    void a_metrics_port_in_use_is_refused() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            int port = taken.getLocalPort();
            assertEquals("error: Invalid value for --metrics-port: '" + port + "'; accepted: "
                    + "a free port (" + port + " is in use: Address already in use)",
                    error(Map.of(), "--port", "0", "--metrics-port", Integer.toString(port)));
        }
    }

    @Test
    void a_directory_as_the_video_is_refused(@TempDir Path dir) {
        assertEquals("error: Invalid value for --video-file: '" + dir + "'; accepted: a readable regular file",
                error(Map.of(), "--port", "0", "--metrics-port", "0", "--video-file", dir.toString()));
    }
}
