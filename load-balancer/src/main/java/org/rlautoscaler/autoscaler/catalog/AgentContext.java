package org.rlautoscaler.autoscaler.catalog;

import java.util.Optional;
import java.util.OptionalInt;
import org.rlautoscaler.autoscaler.agent.FutureLoad;
import org.rlautoscaler.autoscaler.env.Limits;

/**
 * What an agent may need to be built: each kind takes what it uses and ignores the rest.
 *
 * @param limits           the replica range
 * @param periodSeconds    time between two decisions, seconds
 * @param sloP95Ms         the latency objective: p95 at or below this, milliseconds
 * @param settings         the agents' own settings
 * @param seed             the seed of a learning agent's exploration
 * @param trainingEpisodes a learning agent trains this many episodes in the simulated cluster;
 *                         empty: it acts on a service, exploring with the settings' online epsilon
 * @param future           the load to come, which only a simulation knows (the oracle's)
 */
public record AgentContext(Limits limits, double periodSeconds, double sloP95Ms, AgentSettings settings, long seed,
                           OptionalInt trainingEpisodes, Optional<FutureLoad> future) {

    /** An agent that acts on a service (live, or evaluated), seed 1, knowing nothing of the future. */
    public static AgentContext acting(Limits limits, double periodSeconds, double sloP95Ms, AgentSettings settings) {
        return new AgentContext(limits, periodSeconds, sloP95Ms, settings, 1, OptionalInt.empty(), Optional.empty());
    }

    /** The same with {@code seed}. */
    public AgentContext withSeed(long seed) {
        return new AgentContext(limits, periodSeconds, sloP95Ms, settings, seed, trainingEpisodes, future);
    }

    /** The same, for an agent that trains {@code episodes} episodes first. */
    public AgentContext training(int episodes) {
        return new AgentContext(limits, periodSeconds, sloP95Ms, settings, seed, OptionalInt.of(episodes), future);
    }

    /** The same, knowing the load to come. */
    public AgentContext withFuture(FutureLoad load) {
        return new AgentContext(limits, periodSeconds, sloP95Ms, settings, seed, trainingEpisodes, Optional.of(load));
    }

    /** The same with other settings. */
    public AgentContext withSettings(AgentSettings other) {
        return new AgentContext(limits, periodSeconds, sloP95Ms, other, seed, trainingEpisodes, future);
    }
}
