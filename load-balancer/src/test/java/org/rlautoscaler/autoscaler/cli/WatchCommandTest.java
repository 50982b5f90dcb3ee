package org.rlautoscaler.autoscaler.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rlautoscaler.autoscaler.Main;
import org.rlautoscaler.common.testing.CliRun;

/** {@code watch}'s settings: each bad one is refused at start in one line (the page itself: AgentPageTest, AgentPageBrowserIT). */
class WatchCommandTest {
    private static String refused(String... args) {
        String[] command = new String[args.length + 1];
        command[0] = "watch";
        System.arraycopy(args, 0, command, 1, args.length);
        return CliRun.refused(new Main(), Map.of(), command);
    }

    @Test
    void bad_settings_are_refused_in_one_line_naming_them() throws Exception {
        assertEquals("error: Invalid value for --speed: 0; accepted: 0.1 to 100000", refused("--speed", "0"));
        assertEquals("error: Invalid value for --agent: 'k8s'; accepted: qlearning, swarm-cpu-ram, latency-table, hpa, "
                + "hpa-tuned, threshold, static, oracle", refused("--agent", "k8s", "--port", "0"));
        assertEquals("error: Invalid value for --trace: 'nope.csv'; accepted: a readable CSV t_seconds,requests or nasa, "
                + "wikipedia, teastore (here: nope.csv: no such file, and not a bundled trace (nasa, teastore, wikipedia))",
                refused("--trace", "nope.csv"));
        try (ServerSocket taken = new ServerSocket(0)) {
            String line = refused("--port", Integer.toString(taken.getLocalPort()));
            assertEquals("error: Invalid value for --metrics-port: '" + taken.getLocalPort() + "'; accepted: a free port ("
                    + taken.getLocalPort() + " is in use: Address already in use), or 0 for any free port", line);
        }
    }
}
