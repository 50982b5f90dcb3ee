package org.rlautoscaler.autoscaler.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rlautoscaler.autoscaler.agent.rules.ThresholdPolicy;
import org.rlautoscaler.autoscaler.env.Environment;
import org.rlautoscaler.autoscaler.env.Limits;
import org.rlautoscaler.autoscaler.env.ScalingException;
import org.rlautoscaler.autoscaler.reward.SloCostReward;
import org.rlautoscaler.autoscaler.safety.SafetyChain;
import org.rlautoscaler.autoscaler.safety.SafetyConfig;
import org.rlautoscaler.autoscaler.swarm.SwarmScaler;

/**
 * Stopping the loop (SIGTERM) while it waits on the Docker engine: the call cut short is the
 * shutdown's doing, not the engine's failure, and is not counted as one. The engine here is a
 * real socket that accepts the connection and never answers, as a hung engine does.
 */
class ShutdownTest {

    @Test
    void a_stop_during_a_call_to_a_hung_engine_counts_no_scaling_error(@TempDir Path dir) throws Exception {
        List<Socket> accepted = new CopyOnWriteArrayList<>();
        CountDownLatch called = new CountDownLatch(1);
        try (ServerSocket hungEngine = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> {
                try {
                    while (true) {
                        accepted.add(hungEngine.accept());
                        called.countDown();
                    }
                } catch (java.io.IOException closed) {
                    // the test is over
                }
            });
            Limits limits = new Limits(1, 3);
            LoopMetrics metrics = new LoopMetrics();
            try (SwarmScaler scaler = SwarmScaler.connect("tcp://127.0.0.1:" + hungEngine.getLocalPort(), "application", "")) {
                LiveTicker ticker = LiveTicker.real(Duration.ofSeconds(1));
                Environment environment = new Environment(scaler, service -> {
                    service.desiredReplicas();  // as the Prometheus source does first: the hung call
                    throw new AssertionError("the hung engine answered");
                }, ticker, SloCostReward.defaults(100, 3), limits, 0);
                ControlLoop loop = new ControlLoop(environment, ticker, scaler, ThresholdPolicy.defaults(),
                        new SafetyChain(new SafetyConfig(limits, Duration.ZERO, 1, Duration.ZERO)), metrics,
                        new ControlLoop.Settings(false, false, null, null, null), Clock.systemUTC());
                Thread worker = Thread.ofPlatform().start(loop::run);

                assertTrue(called.await(60, TimeUnit.SECONDS), "the loop called the engine");
                loop.stop();           // what the shutdown hook of `run` does on SIGTERM
                worker.interrupt();
                worker.join(Duration.ofSeconds(2));
                scaler.close();        // the interrupt does not cut a blocking call short: closing the client does
                worker.join(Duration.ofSeconds(60));
                assertFalse(worker.isAlive(), "the loop stopped");
            } finally {
                for (Socket socket : accepted) {
                    socket.close();
                }
            }
            for (ScalingException.Kind kind : ScalingException.Kind.values()) {
                assertEquals(0.0, metrics.scalingErrors(kind.name()), kind + " errors counted for a call the shutdown cut");
            }
        }
    }
}
