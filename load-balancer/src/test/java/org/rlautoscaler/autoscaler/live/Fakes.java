package org.rlautoscaler.autoscaler.live;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.rlautoscaler.autoscaler.env.MetricsSource;
import org.rlautoscaler.autoscaler.env.Observation;
import org.rlautoscaler.autoscaler.env.ReplicaScaler;
import org.rlautoscaler.autoscaler.env.ScalingException;

/** In-memory stand-ins for the orchestrator, Prometheus and time: pure logic tests only. */
public final class Fakes {
    private Fakes() {}

    /** A service whose replicas start at once; it can be made to fail. */
    static final class Service implements ReplicaScaler {
        int desired;
        final List<Integer> scaledTo = new ArrayList<>();
        ScalingException failure;

        Service(int desired) {
            this.desired = desired;
        }

        @Override
        public int desiredReplicas() {
            fail();
            return desired;
        }

        @Override
        public int runningReplicas() {
            fail();
            return desired;
        }

        @Override
        public void scaleTo(int replicas) {
            fail();
            if (replicas != desired) {
                scaledTo.add(replicas);
            }
            desired = replicas;
        }

        private void fail() {
            if (failure != null) {
                throw failure;
            }
        }
    }

    /** Metrics computed from the replica counts by a function of the test's choosing. */
    static final class Metrics implements MetricsSource {
        Function<Integer, Observation> byDesired;

        Metrics(Function<Integer, Observation> byDesired) {
            this.byDesired = byDesired;
        }

        @Override
        public Observation observe(ReplicaScaler scaler) {
            Observation o = byDesired.apply(scaler.desiredReplicas());
            return new Observation(scaler.desiredReplicas(), scaler.runningReplicas(), o.cpuUsage(), o.ramUsage(),
                    o.replicaCpuUtilisation(), o.requestRate(), o.meanLatencyMs(), o.p95LatencyMs());
        }
    }

    /** Time that moves only when the loop waits. */
    public static final class Time {
        long nanos;
        final List<Duration> waits = new ArrayList<>();

        public LiveTicker ticker(Duration period) {
            return new LiveTicker(period, d -> {
                waits.add(d);
                nanos += d.toNanos();
            }, () -> nanos);
        }

        public Clock clock() {
            return new Clock() {
                @Override
                public ZoneOffset getZone() {
                    return ZoneOffset.UTC;
                }

                @Override
                public Clock withZone(java.time.ZoneId zone) {
                    return this;
                }

                @Override
                public Instant instant() {
                    return Instant.parse("2026-11-23T12:00:00Z").plusNanos(nanos);
                }
            };
        }
    }

    /** Load whose CPU per replica is {@code load / replicas}; latency rises as it nears 1. */
    static Observation load(double load, int replicas) {
        double utilisation = load / replicas;
        double latency = utilisation >= 1 ? 5000 : 15 / (1 - utilisation);
        return new Observation(replicas, replicas, utilisation * 100 * replicas / 12, 20, utilisation, load * 200,
                latency / 3, latency);
    }
}
