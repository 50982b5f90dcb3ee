package org.rlautoscaler.autoscaler.swarm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.rlautoscaler.autoscaler.env.ScalingException;
import org.rlautoscaler.autoscaler.env.ScalingException.Kind;

/** Answers the engine gives only in other setups (a proxy that refuses, a 409), made up. */
class SwarmScalerFaultTest extends SwarmTestBase {
    @Test
    void a_refused_update_is_forbidden_and_not_retried() {
        String name = services.prefix + "-refused";
        String id = services.create(name, 1);
        FaultyTransport transport = new FaultyTransport(403, "access denied by policy", Integer.MAX_VALUE);
        try (SwarmScaler scaler = new SwarmScaler(transport.config, transport, name, null)) {
            ScalingException e = assertThrows(ScalingException.class, () -> scaler.scaleTo(2));

            assertEquals(Kind.forbidden, e.kind());
            assertEquals(1, transport.faked.get());
            assertTrue(e.getMessage().contains("scale service " + name + " to 2 replicas"), e.getMessage());
            assertTrue(e.getMessage().contains("HTTP 403 {\"message\":\"access denied by policy\"}"), e.getMessage());
        }
        assertEquals(1, services.inspect(id).getSpec().getMode().getReplicated().getReplicas());
    }

    @Test
    void a_409_conflict_is_retried_like_an_update_out_of_sequence() {
        String name = services.prefix + "-409";
        String id = services.create(name, 1);
        FaultyTransport transport = new FaultyTransport(409, "conflict", 2);
        try (SwarmScaler scaler = new SwarmScaler(transport.config, transport, name, null)) {
            scaler.scaleTo(2);

            assertEquals(2, transport.faked.get());
            assertEquals(2, scaler.desiredReplicas());
        }
        assertEquals(2, services.inspect(id).getSpec().getMode().getReplicated().getReplicas());
    }
}
