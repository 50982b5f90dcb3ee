package org.rlautoscaler.users;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rlautoscaler.users.profile.LoadProfile;
import org.rlautoscaler.common.cli.Cli;
import org.rlautoscaler.common.testing.CliRun;
import picocli.CommandLine;

/** Bad settings end with exit status 2 and one line naming the setting, the value and what is accepted. */
class MainTest {

    private static String error(Map<String, String> environment, String... args) {
        return CliRun.refused(new Main(), environment, args);
    }

    @Test
    void num_users_not_a_number() {
        assertEquals("error: Invalid value for --num-users (environment variable NUM_USERS): 'abc' is not an int; "
                + "accepted: 0 to 1000000", error(Map.of("NUM_USERS", "abc")));
    }

    @Test
    void negative_request_interval() {
        assertEquals("error: Invalid value for --request-interval (environment variable REQUEST_INTERVAL): -1; "
                + "accepted: 0.001 to 3600", error(Map.of("REQUEST_INTERVAL", "-1")));
    }

    @Test
    void unknown_profile() {
        assertEquals("error: Invalid value for --profile (environment variable PROFILE): expected one of "
                + "[constant, step, ramp, sine, trace] (case-insensitive) but was 'zigzag'", error(Map.of("PROFILE", "zigzag")));
    }

    @Test
    void unknown_arrivals() {
        assertEquals("error: Invalid value for --arrivals (environment variable ARRIVALS): expected one of "
                + "[poisson, even] (case-insensitive) but was 'bursty'", error(Map.of("ARRIVALS", "bursty")));
    }

    @Test
    void profile_needing_a_peak() {
        assertEquals("error: Missing --peak-users (environment variable PEAK_USERS): the sine profile needs it; "
                + "accepted: 0 to 1000000", error(Map.of(), "--profile", "sine"));
    }

    @Test
    void unreadable_trace_file() {
        assertEquals("error: Invalid value for --trace-file (environment variable TRACE_FILE): '/no/such.csv'; accepted: "
                + "a readable CSV file with the header t_seconds,requests (here: /no/such.csv: no such file)",
                error(Map.of("TRACE_FILE", "/no/such.csv", "PEAK_USERS", "10", "PROFILE", "trace")));
    }

    @Test
    void malformed_trace_line(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.csv");
        Files.writeString(file, "t_seconds,requests\n0,1\n60,lots\n");
        assertEquals("error: Invalid value for --trace-file: '" + file + "'; accepted: a readable CSV file with the "
                + "header t_seconds,requests (here: bad.csv line 3: requests 'lots' is not a number)",
                error(Map.of(), "--profile=trace", "--peak-users=5", "--trace-file=" + file));
    }

    @Test
    void bad_mix_and_url() {
        assertEquals("error: Invalid value for --mix (environment variable MIX): '/a=zero'; accepted: default, a path "
                + "such as /test, or path=weight pairs such as /=3,/test=1 (here: the weight of /a is 'zero', not a whole number)",
                error(Map.of("MIX", "/a=zero")));
        assertEquals("error: Invalid value for --base-url (environment variable BASE_URL): 'localhost:8082'; accepted: "
                + "an http:// or https:// URL with a host, such as http://localhost:8082", error(Map.of("BASE_URL", "localhost:8082")));
    }

    @Test
    void an_empty_mix_is_refused() {
        String accepted = "accepted: default, a path such as /test, or path=weight pairs such as /=3,/test=1 "
                + "(here: the mix is empty)";
        assertEquals("error: Invalid value for --mix: ''; " + accepted, error(Map.of(), "--mix", ""));
        assertEquals("error: Invalid value for --mix: ' '; " + accepted, error(Map.of(), "--mix= "));
        assertTrue(error(Map.of("MIX", "")).startsWith("error: Invalid value for --mix (environment variable MIX): '' "
                + "(set but empty); accepted: "), "an empty MIX= is not taken for the default");
    }

    @Test
    void settings_from_the_environment_make_the_configuration() {
        Main main = new Main();
        CommandLine commandLine = Cli.commandLine(main, Map.of("NUM_USERS", "20", "PEAK_USERS", "200",
                "PROFILE", "step", "STEP_AFTER_SECONDS", "30", "REQUEST_INTERVAL", "0.25", "INTERVAL", "0.5"));
        commandLine.parseArgs();
        SimulationConfig config = main.config();
        assertEquals(new LoadProfile.Step(20, 200, 30, 0), config.profile());
        assertEquals(java.time.Duration.ofMillis(250), config.requestInterval());
        assertEquals(java.time.Duration.ofSeconds(30), config.restartInterval());
        assertEquals(800.0, config.targetRate(200));
        assertTrue(config.mix().entries().size() == 6);
        assertEquals(null, config.seed(), "a new seed each run unless SEED is set");
    }

    @Test
    void a_seed_and_a_start_delay_from_the_environment_reach_the_configuration() {
        Main main = new Main();
        Cli.commandLine(main, Map.of("SEED", "7", "START_DELAY_SECONDS", "20", "MODEL", "open")).parseArgs();
        SimulationConfig config = main.config();
        assertEquals(7L, config.seed());
        assertEquals(java.time.Duration.ofSeconds(20), config.startDelay());
    }

    @Test
    void a_seed_that_is_not_a_whole_number_and_a_negative_start_delay_are_refused() {
        assertEquals("error: Invalid value for --seed (environment variable SEED): 'one' is not a long; "
                + "accepted: 0 to 1000000000",
                error(Map.of("SEED", "one")));
        assertEquals("error: Invalid value for --start-delay-seconds (environment variable START_DELAY_SECONDS): -5; "
                + "accepted: 0 to 86400", error(Map.of("START_DELAY_SECONDS", "-5")));
    }
}
