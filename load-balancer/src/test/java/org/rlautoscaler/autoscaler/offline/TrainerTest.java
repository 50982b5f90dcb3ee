package org.rlautoscaler.autoscaler.offline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rlautoscaler.autoscaler.agent.Hyperparameters;
import org.rlautoscaler.autoscaler.agent.original.SwarmCpuRamAgent;
import org.rlautoscaler.autoscaler.env.Limits;
import org.rlautoscaler.autoscaler.reward.SwarmReward;
import org.rlautoscaler.autoscaler.safety.SafetyConfig;
import org.rlautoscaler.autoscaler.sim.ClusterModel;
import org.rlautoscaler.autoscaler.sim.Workload;

/** Training saves checkpoints, so that a run killed midway loses only the episodes since the last one. */
class TrainerTest {
    private static final Limits LIMITS = new Limits(1, 10);
    private static final Setup SETUP = new Setup(ClusterModel.defaults(), 15, 100, LIMITS, 40,
            new SafetyConfig(LIMITS, Duration.ofSeconds(30), 2, Duration.ofSeconds(60)));

    private static SwarmCpuRamAgent agent() {
        return new SwarmCpuRamAgent(2, LIMITS, Hyperparameters.constant(0.2, 0.9, 0.1), 1);
    }

    private static Workload load() {
        double[] rates = new double[400];
        for (int i = 0; i < rates.length; i++) {
            rates[i] = 0.3 + 0.6 * Math.abs(Math.sin(i / 30.0));
        }
        return new Workload("waves", rates, "waves").scaled(SETUP.model().replicaCapacity() * 8, "8 replicas at the peak");
    }

    @Test
    void a_checkpoint_every_3_of_10_episodes_saves_after_3_6_and_9_what_the_agent_knew_then(@TempDir Path dir) throws Exception {
        SwarmCpuRamAgent trained = agent();
        List<Integer> saved = new ArrayList<>();
        List<Long> updatesAtSave = new ArrayList<>();
        Path file = dir.resolve(trained.fileName());
        new Trainer(SETUP).train(trained, new SwarmReward(), load(), 10, 1, steps -> {}, 3, done -> {
            saved.add(done);
            updatesAtSave.add(trained.updates());
            trained.save(file);
        });
        assertEquals(List.of(3, 6, 9), saved, "the last episode is the caller's to save");
        assertTrue(updatesAtSave.get(2) < trained.updates(), "episode 10 learnt after the last checkpoint");

        SwarmCpuRamAgent resumed = agent();
        resumed.load(file);
        assertEquals(updatesAtSave.get(2), resumed.updates(), "killed after the checkpoint of episode 9: that is what remains");
        SwarmCpuRamAgent nine = agent();
        new Trainer(SETUP).train(nine, new SwarmReward(), load(), 9, 1, steps -> {});
        assertArrayEquals(nine.learner().table().values(), resumed.learner().table().values(),
                "the checkpoint holds exactly the table of 9 episodes");
    }
}
