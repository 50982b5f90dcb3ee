package org.rlautoscaler.autoscaler.offline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.function.LongConsumer;
import org.rlautoscaler.autoscaler.agent.Agent;
import org.rlautoscaler.autoscaler.env.RewardFunction;
import org.rlautoscaler.autoscaler.rollout.Rollout;
import org.rlautoscaler.autoscaler.sim.SimulatedCluster;
import org.rlautoscaler.autoscaler.sim.TrainingMix;
import org.rlautoscaler.autoscaler.sim.Workload;

/**
 * Trains a learning agent in the simulated cluster: episodes of {@code episodeSteps} steps, each
 * a new load of the {@link TrainingMix} made from the training workload (seeded), through the
 * same rollout loop and safety chain as the live loop, exploring and learning.
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
     * @param msePerIteration  the values' mean squared error against their targets after each
     *                         step learnt from
     */
    public record Curve(double[] rewardPerEpisode, double[] msePerIteration) {}

    /** Saves the agent during training, so that a killed run loses only the episodes since. */
    @FunctionalInterface
    public interface Checkpoint {
        /** Called after {@code episodesDone} episodes. */
        void save(int episodesDone) throws IOException;
    }

    /**
     * Trains {@code agent} for {@code episodes} episodes.
     *
     * @param progress told the number of steps done so far, for a progress bar
     */
    public Curve train(Agent agent, RewardFunction reward, Workload training, int episodes, long seed,
                       LongConsumer progress) {
        return train(agent, reward, training, episodes, seed, progress, 0, done -> {});
    }

    /**
     * Trains {@code agent} for {@code episodes} episodes, calling {@code checkpoint} after every
     * {@code every} episodes (0: never) but the last, which the caller saves itself.
     *
     * @throws UncheckedIOException when a checkpoint cannot be written
     */
    public Curve train(Agent agent, RewardFunction reward, Workload training, int episodes, long seed,
                       LongConsumer progress, int every, Checkpoint checkpoint) {
        SimulatedCluster cluster = setup.trainingCluster(training);
        Rollout rollout = setup.rollout(cluster, agent, reward, setup.episodeSteps(), true, setup.safety());
        double[] rewards = new double[episodes];
        double[] mse = new double[episodes * setup.episodeSteps()];
        int learnt = 0;
        long steps = 0;
        for (int episode = 0; episode < episodes; episode++) {
            rollout.reset(seed * 1_000_003L + episode);
            boolean done = false;
            while (!done) {
                Rollout.Step step = rollout.step();
                rewards[episode] += step.result().reward();
                if (step.learnt()) {
                    mse[learnt++] = agent.status().meanSquaredError();
                }
                steps++;
                done = step.result().truncated() || step.result().terminated();
            }
            progress.accept(steps);
            int episodesDone = episode + 1;
            if (every > 0 && episodesDone % every == 0 && episodesDone < episodes) {
                try {
                    checkpoint.save(episodesDone);
                } catch (IOException e) {
                    throw new UncheckedIOException("Cannot save the checkpoint after episode " + episodesDone + ": "
                            + e.getMessage(), e);
                }
            }
        }
        agent.setLearning(false);
        return new Curve(rewards, Arrays.copyOf(mse, learnt));
    }

    /** The original's validation phase: one episode of the learnt policy, greedy, without learning; the total reward. */
    public double validate(Agent agent, RewardFunction reward, Workload training, long seed) {
        SimulatedCluster cluster = setup.trainingCluster(training);
        Rollout rollout = setup.rollout(cluster, agent, reward, setup.episodeSteps(), false, setup.safety());
        rollout.reset(seed);
        double total = 0;
        boolean done = false;
        while (!done) {
            Rollout.Step step = rollout.step();
            total += step.result().reward();
            done = step.result().truncated();
        }
        return total;
    }
}
