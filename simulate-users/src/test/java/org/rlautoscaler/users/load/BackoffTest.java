package org.rlautoscaler.users.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void pauses_double_after_each_failure_up_to_the_maximum_and_reset_on_success() {
        Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30));
        assertEquals(Duration.ofSeconds(2), backoff.failed());
        assertEquals(Duration.ofSeconds(4), backoff.failed());
        assertEquals(Duration.ofSeconds(8), backoff.failed());
        assertEquals(Duration.ofSeconds(16), backoff.failed());
        assertEquals(Duration.ofSeconds(30), backoff.failed());
        for (int i = 0; i < 100; i++) {
            backoff.failed();
        }
        assertEquals(Duration.ofSeconds(30), backoff.failed());
        backoff.succeeded();
        assertEquals(0, backoff.failures());
        assertEquals(Duration.ofSeconds(2), backoff.failed());
    }

    @Test
    void a_zero_interval_backs_off_from_a_tenth_of_a_second() {
        Backoff backoff = new Backoff(Duration.ZERO, Duration.ofSeconds(30));
        assertEquals(Duration.ofMillis(200), backoff.failed());
    }
}
