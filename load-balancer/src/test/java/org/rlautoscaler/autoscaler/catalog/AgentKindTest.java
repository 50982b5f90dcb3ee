package org.rlautoscaler.autoscaler.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rlautoscaler.autoscaler.agent.Agent;
import org.rlautoscaler.autoscaler.agent.FutureLoad;
import org.rlautoscaler.autoscaler.agent.original.LatencyTableDesign;
import org.rlautoscaler.autoscaler.env.Limits;
import org.rlautoscaler.autoscaler.env.Observation;
import org.rlautoscaler.autoscaler.reward.LatencyReward;
import org.rlautoscaler.autoscaler.reward.SloCostReward;
import org.rlautoscaler.autoscaler.reward.SwarmReward;
import org.rlautoscaler.common.config.InvalidSettingException;

class AgentKindTest {
    private static final Limits LIMITS = new Limits(1, 10);
    private static final AgentSettings SETTINGS = new AgentSettings(2, 0.7, 1.0, 4, 0.7, 80, 0.05,
            LatencyTableDesign.ORIGINAL, "");
    private static final AgentContext ACTING = AgentContext.acting(LIMITS, 15, 100, SETTINGS);
    private static final Observation BUSY = new Observation(3, 3, 90, 30, 0.9, 30, 80, 140, 600);

    private static List<String> ids(List<AgentKind> kinds) {
        return kinds.stream().map(AgentKind::id).toList();
    }

    @Test
    void the_kinds_in_the_order_of_the_tables_the_learners_first() {
        assertEquals(List.of("qlearning", "swarm-cpu-ram", "latency-table", "hpa", "hpa-tuned", "threshold", "static", "oracle"),
                ids(AgentKind.all()));
        assertEquals(List.of("qlearning", "swarm-cpu-ram", "latency-table"), ids(AgentKind.learning()));
        assertEquals(List.of("qlearning", "swarm-cpu-ram", "latency-table", "hpa", "hpa-tuned", "threshold", "static"),
                ids(AgentKind.liveKinds()));
    }

    @Test
    void default_episodes_and_the_help_texts_come_from_the_kinds() {
        assertEquals(60_000, AgentKind.QLEARNING.defaultEpisodes());
        assertEquals(3_000, AgentKind.SWARM_CPU_RAM.defaultEpisodes());
        assertEquals(3_000, AgentKind.LATENCY_TABLE.defaultEpisodes());
        assertEquals(0, AgentKind.HPA.defaultEpisodes());
        assertEquals("60000 for qlearning, 3000 for swarm-cpu-ram and latency-table", AgentKind.defaultEpisodesInWords());
        assertEquals("qlearning, swarm-cpu-ram or latency-table", AgentKind.alternatives(AgentKind.learning()));
        assertEquals("qlearning, swarm-cpu-ram, latency-table", AgentKind.names(AgentKind.learning()));
        for (AgentKind kind : AgentKind.values()) {
            assertFalse(kind.description().isBlank(), kind.id());
        }
    }

    @Test
    void only_hpa_tuned_is_tuned_and_only_the_oracle_knows_the_future() {
        assertEquals(List.of(AgentKind.HPA_TUNED), AgentKind.all().stream().filter(AgentKind::tuned).toList());
        assertEquals(List.of(AgentKind.ORACLE), AgentKind.all().stream().filter(AgentKind::knowsFuture).toList());
    }

    @Test
    void every_kind_builds_an_agent_that_bears_its_name_and_learns_when_the_kind_does() {
        AgentContext context = ACTING.withSettings(SETTINGS.withHpaTunedTarget(0.75)).withFuture(new FutureLoad() {
            @Override
            public double upcomingRate(int ahead) {
                return 42;
            }

            @Override
            public int replicasNeeded(double rate) {
                return 3;
            }
        });
        for (AgentKind kind : AgentKind.values()) {
            Agent agent = kind.create(context);
            assertEquals(kind.id(), agent.name());
            assertEquals(kind.learns(), agent.learns(), kind.id());
        }
    }

    @Test
    void the_settings_reach_the_agents_that_use_them() {
        assertEquals(4, AgentKind.STATIC.create(ACTING).act(BUSY).replicas(), "static: --static-replicas");
        assertEquals(10, AgentKind.STATIC.create(ACTING.withSettings(new AgentSettings(2, 0.7, 1.0, 11, 0.7, 80, 0,
                LatencyTableDesign.ORIGINAL, ""))).act(BUSY).replicas(), "static: 11 clamped to the limits");
        // 3 replicas at 90 % of a 0.7 target: ceil(3 * 0.9 / 0.7) = 4; at a tuned 0.45: ceil(3 * 0.9 / 0.45) = 6
        assertEquals(4, AgentKind.HPA.create(ACTING).act(BUSY).replicas());
        assertEquals(6, AgentKind.HPA_TUNED.create(ACTING.withSettings(SETTINGS.withHpaTunedTarget(0.45))).act(BUSY).replicas());
    }

    @Test
    void a_learner_explores_with_its_training_epsilon_in_training_and_the_online_one_when_acting() {
        Agent training = AgentKind.SWARM_CPU_RAM.create(ACTING.training(100));
        Agent acting = AgentKind.SWARM_CPU_RAM.create(ACTING);
        training.setLearning(true);
        acting.setLearning(true);
        assertEquals(0.1, training.status().epsilon());
        assertEquals(0.05, acting.status().epsilon());
    }

    @Test
    void what_a_kind_cannot_be_built_without_is_said() {
        assertEquals("hpa-tuned is built once its target is tuned (AgentSettings.withHpaTunedTarget)",
                assertThrows(IllegalStateException.class, () -> AgentKind.HPA_TUNED.create(ACTING)).getMessage());
        assertEquals("the oracle needs the load to come, which only a simulation knows",
                assertThrows(IllegalArgumentException.class, () -> AgentKind.ORACLE.create(ACTING)).getMessage());
    }

    @Test
    void the_rewards_are_the_originals_for_the_originals_and_slo_and_cost_for_the_rest() {
        assertInstanceOf(SwarmReward.class, AgentKind.SWARM_CPU_RAM.reward(100, 10));
        assertInstanceOf(LatencyReward.class, AgentKind.LATENCY_TABLE.reward(100, 10));
        for (AgentKind kind : List.of(AgentKind.QLEARNING, AgentKind.HPA, AgentKind.HPA_TUNED, AgentKind.THRESHOLD,
                AgentKind.STATIC, AgentKind.ORACLE)) {
            assertInstanceOf(SloCostReward.class, kind.reward(100, 10), kind.id());
        }
    }

    @Test
    void a_name_is_parsed_among_the_accepted_kinds_or_refused_naming_them() {
        assertEquals(AgentKind.HPA_TUNED, AgentKind.parse("--agent", "hpa-tuned", AgentKind.liveKinds()));
        InvalidSettingException unknown = assertThrows(InvalidSettingException.class,
                () -> AgentKind.parse("--agent", "k8s", AgentKind.learning()));
        assertEquals("Invalid value for --agent: 'k8s'; accepted: qlearning, swarm-cpu-ram, latency-table", unknown.getMessage());
        InvalidSettingException notLive = assertThrows(InvalidSettingException.class,
                () -> AgentKind.parse("--policies", "oracle", AgentKind.liveKinds()));
        assertTrue(notLive.getMessage().startsWith("Invalid value for --policies: 'oracle'; accepted: qlearning,"),
                notLive.getMessage());
        assertEquals(AgentKind.ORACLE, AgentKind.find("oracle").orElseThrow());
        assertTrue(AgentKind.find("Oracle").isEmpty(), "names are exact");
    }
}
