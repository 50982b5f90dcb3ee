package org.rlautoscaler.autoscaler.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.rlautoscaler.autoscaler.agent.headroom.QLearningAgent;
import org.rlautoscaler.autoscaler.env.Limits;
import org.rlautoscaler.autoscaler.reward.SloCostReward;
import org.rlautoscaler.autoscaler.rollout.Rollout;
import org.rlautoscaler.autoscaler.safety.SafetyConfig;
import org.rlautoscaler.autoscaler.sim.ClusterModel;
import org.rlautoscaler.autoscaler.sim.Workload;
import org.rlautoscaler.common.trace.Trace;

/**
 * Simulated steps per second on one thread with the qlearning agent training, through the rollout
 * loop every run uses: the agent decides, the safety chain reviews, the simulated cluster runs a
 * period and reports its metrics, the reward is computed, the agent learns; a new episode of the
 * training mix every 40 steps. Run with {@code scripts/bench-autoscaler.sh}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class StepBenchmark {
    private Rollout rollout;
    private long episode;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        Trace trace;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                StepBenchmark.class.getResourceAsStream("/traces/nasa_http_jul1995_1min.csv"), StandardCharsets.UTF_8))) {
            trace = Trace.parse("nasa", reader);
        }
        ClusterModel model = ClusterModel.defaults();
        Limits limits = new Limits(1, 10);
        org.rlautoscaler.autoscaler.offline.Setup setup = new org.rlautoscaler.autoscaler.offline.Setup(model, 15, 100,
                limits, 40, new SafetyConfig(limits, Duration.ofSeconds(30), 2, Duration.ofSeconds(60)));
        Workload workload = Workload.resample(trace, 15, null).scaledToItsPeak(model, 10);
        SloCostReward reward = SloCostReward.defaults(100, 10);
        QLearningAgent agent = new QLearningAgent(limits, reward, QLearningAgent.defaults(60_000), 1);
        rollout = setup.rollout(setup.trainingCluster(workload), agent, reward, 40, true, setup.safety());
        rollout.reset(episode++);
    }

    /** One step: decide, review, simulate, learn; a new episode every 40 steps, as in training. */
    @Benchmark
    public Rollout.Step learningStep() {
        Rollout.Step step = rollout.step();
        if (step.result().truncated()) {
            rollout.reset(episode++);
        }
        return step;
    }
}
