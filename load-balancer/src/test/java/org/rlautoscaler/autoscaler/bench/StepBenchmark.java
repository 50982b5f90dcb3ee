package org.rlautoscaler.autoscaler.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
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
import org.rlautoscaler.autoscaler.agent.Decision;
import org.rlautoscaler.autoscaler.agent.QLearningAgent;
import org.rlautoscaler.autoscaler.env.Environment;
import org.rlautoscaler.autoscaler.env.Limits;
import org.rlautoscaler.autoscaler.env.Observation;
import org.rlautoscaler.autoscaler.env.StepResult;
import org.rlautoscaler.autoscaler.reward.SloCostReward;
import org.rlautoscaler.autoscaler.sim.ClusterModel;
import org.rlautoscaler.autoscaler.sim.SimulatedCluster;
import org.rlautoscaler.autoscaler.sim.Workload;
import org.rlautoscaler.common.trace.Trace;

/**
 * Simulated steps per second on one thread with the qlearning agent learning: one decision,
 * one simulated period (the cluster, its metrics, the reward), one Q-learning update.
 * Run with {@code scripts/bench-autoscaler.sh}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class StepBenchmark {
    private Environment environment;
    private QLearningAgent agent;
    private Observation observation;
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
        Workload workload = Workload.fromTrace(trace, model, 10, 1);
        SimulatedCluster cluster = new SimulatedCluster(model, workload, 15, 100, 1, 10, true);
        environment = new Environment(cluster, cluster, cluster, SloCostReward.defaults(100, 10), limits, 40);
        agent = new QLearningAgent(limits, 100, QLearningAgent.defaults(30_000), 1);
        observation = environment.reset(episode++);
    }

    /** One step: decide, simulate, learn; a new episode every 40 steps, as in training. */
    @Benchmark
    public Observation learningStep() {
        Decision decision = agent.decide(observation);
        StepResult result = environment.step(decision.replicas());
        agent.learn(observation, decision, result.reward(), result.observation());
        observation = result.truncated() ? environment.reset(episode++) : result.observation();
        if (result.truncated()) {
            agent.startEpisode();
        }
        return observation;
    }
}
