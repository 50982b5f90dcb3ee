package org.rlautoscaler.autoscaler.swarm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;
import org.rlautoscaler.autoscaler.env.ScalingException;

/** What a failed call to the engine is called in the log and the metrics. */
class EngineErrorsTest {
    @Test
    void a_request_cancelled_by_the_clients_timeout_is_an_engine_that_did_not_answer() {
        ScalingException e = EngineErrors.translate("read service application", "unix:///var/run/docker.sock",
                new RuntimeException(new CancellationException("Operation cancelled")));
        assertEquals(ScalingException.Kind.unreachable, e.kind());
        assertEquals("Docker engine unix:///var/run/docker.sock did not answer in time to read service application "
                + "(the client's timeout passed and it cancelled the request)", e.getMessage());
    }
}
