package org.rlautoscaler.autoscaler.offline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rlautoscaler.autoscaler.agent.original.LatencyTableDesign;
import org.rlautoscaler.autoscaler.catalog.AgentKind;
import org.rlautoscaler.autoscaler.catalog.AgentSettings;
import org.rlautoscaler.autoscaler.env.Limits;
import org.rlautoscaler.autoscaler.progress.ProgressListener;
import org.rlautoscaler.autoscaler.safety.SafetyConfig;
import org.rlautoscaler.autoscaler.sim.ClusterModel;
import org.rlautoscaler.common.config.InvalidSettingException;

/** The live loop's agent: a rule as it is, hpa-tuned tuned, a learner from its file, from nothing or pre-trained first. */
class LiveAgentsTest {
    private static final Limits LIMITS = new Limits(1, 10);
    private static final Setup SETUP = new Setup(ClusterModel.defaults(), 15, 100, LIMITS, 40,
            new SafetyConfig(LIMITS, Duration.ofSeconds(30), 2, Duration.ofSeconds(60)));
    private static final AgentSettings SETTINGS = new AgentSettings(2, 0.7, 1.0, 5, 0.7, 80, 0,
            LatencyTableDesign.ORIGINAL, "");

    @TempDir
    Path dir;
    private Path trace;
    private Path weights;

    @BeforeEach
    void files() throws IOException {
        StringBuilder csv = new StringBuilder("t_seconds,requests\n");
        for (int i = 0; i < 240; i++) {
            csv.append(String.format(Locale.ROOT, "%d,%d%n", i * 60, Math.round(600 + 500 * Math.sin(i / 20.0))));
        }
        trace = Files.writeString(dir.resolve("wave.csv"), csv);
        weights = Files.createDirectories(dir.resolve("weights"));
    }

    private LiveAgents.Prepared prepare(AgentKind kind, int episodes) {
        return LiveAgents.create(new LiveAgents.Source(kind, weights, trace.toString(), episodes, "bundled"), SETUP, SETTINGS,
                Optional.empty(), ProgressListener.silent());
    }

    @Test
    void a_rule_is_taken_as_it_is_and_hpa_tuned_is_tuned_on_the_pretraining_trace() {
        LiveAgents.Prepared hpa = prepare(AgentKind.HPA, 10);
        assertEquals(LiveAgents.Origin.RULE, hpa.origin());
        assertEquals("hpa", hpa.agent().name());
        assertFalse(hpa.origin().fromPretrainTrace());

        LiveAgents.Prepared tuned = prepare(AgentKind.HPA_TUNED, 10);
        assertEquals(LiveAgents.Origin.TUNED, tuned.origin());
        assertEquals("hpa-tuned", tuned.agent().name());
        assertTrue(tuned.origin().fromPretrainTrace());
    }

    @Test
    void a_learner_without_a_file_starts_from_nothing_or_pretrains_and_is_saved_then_loaded_next_time() {
        LiveAgents.Prepared empty = prepare(AgentKind.SWARM_CPU_RAM, 0);
        assertEquals(LiveAgents.Origin.EMPTY, empty.origin());
        assertEquals(0, empty.agent().status().visitedParameters());
        Path file = weights.resolve(empty.agent().fileName());
        assertFalse(Files.exists(file), "nothing learnt, nothing saved");

        LiveAgents.Prepared trained = prepare(AgentKind.SWARM_CPU_RAM, 20);
        assertEquals(LiveAgents.Origin.PRETRAINED, trained.origin());
        assertTrue(trained.origin().fromPretrainTrace());
        assertTrue(Files.isRegularFile(file));
        long visited = trained.agent().status().visitedParameters();
        assertTrue(visited > 0, "20 episodes visit some of the 8 entries");

        LiveAgents.Prepared saved = prepare(AgentKind.SWARM_CPU_RAM, 20);
        assertEquals(LiveAgents.Origin.SAVED, saved.origin());
        assertEquals(visited, saved.agent().status().visitedParameters());
    }

    @Test
    void a_trace_or_a_weights_directory_that_cannot_be_used_is_a_bad_setting_naming_it() throws IOException {
        InvalidSettingException trace = assertThrows(InvalidSettingException.class, () -> LiveAgents.create(
                new LiveAgents.Source(AgentKind.QLEARNING, weights, "nope.csv", 5, "bundled"), SETUP, SETTINGS,
                Optional.empty(), ProgressListener.silent()));
        assertEquals("--pretrain-trace", trace.setting());
        assertEquals("Invalid value for --pretrain-trace: 'nope.csv'; accepted: a readable CSV t_seconds,requests or nasa, "
                + "wikipedia, teastore (here: nope.csv: no such file, and not a bundled trace (nasa, teastore, wikipedia))",
                trace.getMessage());

        Files.createDirectories(weights.resolve("swarm-cpu-ram-qtable.json"));
        InvalidSettingException directory = assertThrows(InvalidSettingException.class,
                () -> prepare(AgentKind.SWARM_CPU_RAM, 5));
        assertEquals("--weights-dir", directory.setting());
        assertTrue(directory.getMessage().endsWith("is a directory)"), directory.getMessage());
    }
}
