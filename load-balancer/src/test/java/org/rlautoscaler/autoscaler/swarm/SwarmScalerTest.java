package org.rlautoscaler.autoscaler.swarm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rlautoscaler.autoscaler.swarm.TestServices.await;
import static org.rlautoscaler.autoscaler.swarm.TestServices.cli;
import static org.rlautoscaler.autoscaler.swarm.TestServices.specJson;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.dockerjava.api.model.Service;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rlautoscaler.autoscaler.env.ScalingException;

/** Scaling real services on the local Swarm engine; each test makes and removes its own. */
class SwarmScalerTest extends SwarmTestBase {
    /** Generous: tasks start about 1 s after an update, slower on a busy 2-core machine. */
    private static final Duration CONVERGE = Duration.ofSeconds(60);

    @BeforeAll
    static void removeLeftovers() throws Exception {
        try (TestServices leftovers = new TestServices()) {
            leftovers.removeLeftovers();
        }
    }

    @Test
    void scales_up_and_down_and_counts_running_tasks() throws Exception {
        String name = services.prefix + "-web";
        String id = services.create(name, 1);
        scaler = SwarmScaler.connect(null, name, null);

        assertEquals(1, scaler.desiredReplicas());
        await(1, scaler::runningReplicas, CONVERGE, "running replicas of " + name);

        scaler.scaleTo(3);
        assertEquals(3, scaler.desiredReplicas());
        await(3, scaler::runningReplicas, CONVERGE, "running replicas of " + name + " after scaling to 3");

        scaler.scaleTo(1);
        assertEquals(1, scaler.desiredReplicas());
        await(1, scaler::runningReplicas, CONVERGE, "running replicas of " + name + " after scaling to 1");

        long version = services.inspect(id).getVersion().getIndex();
        scaler.scaleTo(1);
        assertEquals(version, services.inspect(id).getVersion().getIndex(), "no update when the count is right");
    }

    @Test
    void retries_when_someone_else_changed_the_service_in_between() {
        String name = services.prefix + "-busy";
        String id = services.create(name, 1);
        scaler = SwarmScaler.connect(null, name, null);
        AtomicInteger attempts = new AtomicInteger();
        scaler.beforeUpdate(() -> {
            if (attempts.incrementAndGet() == 1) {
                changeLabel(id, "someone-else");
            }
        });

        scaler.scaleTo(2);

        assertEquals(2, attempts.get(), "the first update was stale, the second went through");
        Service after = services.inspect(id);
        assertEquals(2, after.getSpec().getMode().getReplicated().getReplicas());
        assertEquals("someone-else", after.getSpec().getLabels().get("changed-by"), "the other change is kept");
    }

    @Test
    void gives_up_with_conflict_when_the_service_changes_every_time() {
        String name = services.prefix + "-churn";
        String id = services.create(name, 1);
        scaler = SwarmScaler.connect(null, name, null);
        AtomicInteger attempts = new AtomicInteger();
        scaler.beforeUpdate(() -> changeLabel(id, "someone-else-" + attempts.incrementAndGet()));

        ScalingException e = assertThrows(ScalingException.class, () -> scaler.scaleTo(3));

        assertEquals(ScalingException.Kind.conflict, e.kind());
        assertEquals(SwarmScaler.MAX_RETRIES + 1, attempts.get());
        assertTrue(e.getMessage().contains(name), e.getMessage());
        assertEquals(1, services.inspect(id).getSpec().getMode().getReplicated().getReplicas());
    }

    @Test
    void touches_only_the_replica_count_of_its_own_service() {
        String mine = services.createRich(services.prefix + "-mine", 1);
        String other = services.create(services.prefix + "-other", 2);
        JsonNode mineBefore = specJson(mine);
        JsonNode otherBefore = specJson(other);
        long otherVersion = services.inspect(other).getVersion().getIndex();
        scaler = SwarmScaler.connect(null, services.prefix + "-mine", "");

        scaler.scaleTo(2);

        ((ObjectNode) mineBefore.path("Mode").path("Replicated")).put("Replicas", 2);
        assertEquals(mineBefore, specJson(mine), "only the replica count changed");
        assertEquals(otherBefore, specJson(other));
        Service otherAfter = services.inspect(other);
        assertEquals(otherVersion, otherAfter.getVersion().getIndex());
        assertEquals(2, otherAfter.getSpec().getMode().getReplicated().getReplicas());
    }

    @Test
    void finds_the_service_again_after_it_was_recreated() {
        String name = services.prefix + "-reborn";
        String first = services.create(name, 1);
        scaler = SwarmScaler.connect(null, name, null);
        assertEquals(1, scaler.desiredReplicas());

        services.docker.removeServiceCmd(first).exec();
        String second = services.create(name, 2);

        assertEquals(2, scaler.desiredReplicas());
        scaler.scaleTo(3);
        assertEquals(3, services.inspect(second).getSpec().getMode().getReplicated().getReplicas());
    }

    /** Someone else's change, made with the Docker CLI: it bumps the service's version index. */
    private static void changeLabel(String id, String value) {
        cli("service", "update", "--detach", "--no-resolve-image", "--label-add", "changed-by=" + value, id);
    }
}
