package org.rlautoscaler.autoscaler.offline;

import java.util.function.LongConsumer;
import org.rlautoscaler.autoscaler.agent.Decision;
import org.rlautoscaler.autoscaler.agent.Policy;
import org.rlautoscaler.autoscaler.agent.TabularAgent;
import org.rlautoscaler.autoscaler.env.Environment;
import org.rlautoscaler.autoscaler.env.Observation;
import org.rlautoscaler.autoscaler.env.RewardFunction;
import org.rlautoscaler.autoscaler.env.StepResult;
import org.rlautoscaler.autoscaler.sim.SimulatedCluster;
import org.rlautoscaler.autoscaler.sim.Workload;

/**
 * Trains a learning agent in the simulated cluster: episodes of {@code episodeSteps} steps,
 * each starting at a random step of the training workload (seeded), exploring and learning.
 */
public final class Trainer {
    private final Setup setup;

    public Trainer(Setup setup) {
        this.setup = setup;
    }

    /**
     * What training measured.
     *
     * @param rewardPerEpisode total reward of each episode
     * @param msePerIteration  the Q-values' mean squared error against their targets after each step
     */
    public record Curve(double[] rewardPerEpisode, double[] msePerIteration) {}

    /**
     * Trains {@code agent} for {@code episodes} episodes.
     *
     * @param progress told the number of steps done so far, for a progress bar
     */
    public Curve train(TabularAgent agent, RewardFunction reward, Workload workload, int episodes, long seed,
                       LongConsumer progress) {
        SimulatedCluster cluster = setup.cluster(workload, true);
        Environment environment = setup.environment(cluster, reward, setup.episodeSteps());
        agent.learner().exploring(true);
        agent.learner().reseed(seed);
        double[] rewards = new double[episodes];
        double[] mse = new double[episodes * setup.episodeSteps()];
        int iteration = 0;
        for (int episode = 0; episode < episodes; episode++) {
            Observation observation = environment.reset(seed * 1_000_003L + episode);
            agent.startEpisode();
            boolean done = false;
            while (!done) {
                Decision decision = agent.decide(observation);
                StepResult result = environment.step(decision.replicas());
                agent.learn(observation, decision, result.reward(), result.observation());
                rewards[episode] += result.reward();
                mse[iteration++] = agent.learner().meanSquaredError();
                observation = result.observation();
                done = result.truncated() || result.terminated();
            }
            progress.accept(iteration);
        }
        agent.learner().exploring(false);
        return new Curve(rewards, java.util.Arrays.copyOf(mse, iteration));
    }

    /** The original's validation phase: the learnt policy, greedy, without learning; returns the total reward. */
    public double validate(Policy agent, RewardFunction reward, Workload workload, long seed) {
        if (agent instanceof TabularAgent tabular) {
            tabular.learner().exploring(false);
        }
        SimulatedCluster cluster = setup.cluster(workload, true);
        Environment environment = setup.environment(cluster, reward, setup.episodeSteps());
        Observation observation = environment.reset(seed);
        agent.startEpisode();
        double total = 0;
        boolean done = false;
        while (!done) {
            Decision decision = agent.decide(observation);
            StepResult result = environment.step(decision.replicas());
            total += result.reward();
            observation = result.observation();
            done = result.truncated();
        }
        return total;
    }
}
