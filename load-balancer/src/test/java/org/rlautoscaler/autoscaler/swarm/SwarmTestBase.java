package org.rlautoscaler.autoscaler.swarm;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.rlautoscaler.common.testing.RequiredTools;

/**
 * A test on the local Swarm engine (required under CI): each test makes its own services in
 * {@link #services}, and they are removed after it, with {@link #scaler} closed when it was set.
 */
abstract class SwarmTestBase {
    TestServices services;
    SwarmScaler scaler;

    @BeforeAll
    static void swarm() {
        RequiredTools.requireDockerSwarm();
    }

    @BeforeEach
    void services() {
        services = new TestServices();
    }

    @AfterEach
    void removeServices() throws Exception {
        if (scaler != null) {
            scaler.close();
        }
        services.close();
    }
}
