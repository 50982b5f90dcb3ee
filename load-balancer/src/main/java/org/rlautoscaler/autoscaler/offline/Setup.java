package org.rlautoscaler.autoscaler.offline;

import org.rlautoscaler.autoscaler.agent.Agent;
import org.rlautoscaler.autoscaler.agent.ForecastSetup;
import org.rlautoscaler.autoscaler.catalog.AgentContext;
import org.rlautoscaler.autoscaler.catalog.AgentKind;
import org.rlautoscaler.autoscaler.catalog.AgentSettings;
import org.rlautoscaler.autoscaler.env.Environment;
import org.rlautoscaler.autoscaler.env.Limits;
import org.rlautoscaler.autoscaler.env.RewardFunction;
import org.rlautoscaler.autoscaler.rollout.Rollout;
import org.rlautoscaler.autoscaler.safety.SafetyChain;
import org.rlautoscaler.autoscaler.safety.SafetyConfig;
import org.rlautoscaler.autoscaler.sim.ClusterModel;
import org.rlautoscaler.autoscaler.sim.Episodes;
import org.rlautoscaler.autoscaler.sim.SimulatedCluster;
import org.rlautoscaler.autoscaler.sim.TrainingMix;
import org.rlautoscaler.autoscaler.sim.Workload;

/**
 * Everything an offline run shares: the cluster's physics, the control period, the latency
 * objective, the replica limits, the episode length, and the safety chain the live loop applies.
 *
 * @param model         the simulated cluster's physics
 * @param periodSeconds time between two decisions, seconds
 * @param sloP95Ms      latency objective: p95 at or below this, milliseconds
 * @param limits        replica range
 * @param episodeSteps  steps of a training episode ({@code max_time_minutes} / period)
 * @param safety        the safety chain's settings, as live (cooldown, largest step, window)
 */
public record Setup(ClusterModel model, double periodSeconds, double sloP95Ms, Limits limits, int episodeSteps,
                    SafetyConfig safety) {

    /** A cluster that runs {@code workload} from its first step, starting with the fewest replicas. */
    public SimulatedCluster evaluationCluster(Workload workload) {
        return new SimulatedCluster(model, Episodes.fixed(workload, limits.min()), periodSeconds, sloP95Ms, limits.max());
    }

    /** A cluster whose every episode is a new load of the {@link TrainingMix} made from {@code training}. */
    public SimulatedCluster trainingCluster(Workload training) {
        TrainingMix mix = new TrainingMix(training, episodeSteps, limits.min(), limits.max(),
                rate -> model.service().replicasNeeded(rate, sloP95Ms / 1000, limits.max()));
        return new SimulatedCluster(model, mix, periodSeconds, sloP95Ms, limits.max());
    }

    /** What an agent of this setup is built with: its limits, period and objective, and {@code settings}; seed 1, acting. */
    public AgentContext agentContext(AgentSettings settings) {
        return AgentContext.acting(limits, periodSeconds, sloP95Ms, settings);
    }

    /**
     * How a forecasting agent looks ahead here: over a replica's start-up and the cooldown, its
     * clock at {@code startSecond} (Unix time live; the trace's time offline).
     */
    public ForecastSetup forecastSetup(double startSecond) {
        return ForecastSetup.covering(periodSeconds, model.service().startupSeconds(), safety.cooldown().toMillis() / 1000.0,
                startSecond);
    }

    /** The reward {@code kind} learns from or is judged with, for this setup's objective and limits. */
    public RewardFunction reward(AgentKind kind) {
        return kind.reward(sloP95Ms, limits.max());
    }

    /** The rollout loop of {@code agent} in {@code cluster}, under the live safety chain ({@code safety}). */
    public Rollout rollout(SimulatedCluster cluster, Agent agent, RewardFunction reward, long maxSteps, boolean learning,
                           SafetyConfig safety) {
        Environment environment = new Environment(cluster, cluster, cluster, reward, limits, maxSteps);
        return new Rollout(environment, agent, new SafetyChain(safety), cluster::now, learning);
    }
}
