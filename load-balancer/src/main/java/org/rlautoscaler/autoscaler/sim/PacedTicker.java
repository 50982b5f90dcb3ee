package org.rlautoscaler.autoscaler.sim;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.rlautoscaler.autoscaler.env.StepInfo;
import org.rlautoscaler.autoscaler.env.Ticker;
import org.rlautoscaler.autoscaler.live.LiveTicker;

/**
 * A simulation paced to the wall clock, for {@code watch}: each tick lets one simulated period
 * pass and waits for the real one, {@code period / speed}. Its {@link #clock()} is the simulated
 * time, counted from when it was made, so that the safety chain's cooldown and the page's times
 * read in the simulation's seconds, whatever the speed.
 */
public final class PacedTicker implements Ticker {
    private final Ticker simulation;
    private final Duration simulatedPeriod;
    private final LiveTicker wall;
    private volatile Instant now;

    /**
     * @param simulation      the simulated cluster's time
     * @param simulatedPeriod a period in the simulation
     * @param wall            the real wait of a period ({@code simulatedPeriod / speed})
     * @param start           the simulated time of the first period
     */
    public PacedTicker(Ticker simulation, Duration simulatedPeriod, LiveTicker wall, Instant start) {
        this.simulation = simulation;
        this.simulatedPeriod = simulatedPeriod;
        this.wall = wall;
        this.now = start;
    }

    @Override
    public void reset(long seed) {
        wall.reset(seed);
        simulation.reset(seed);
    }

    @Override
    public void tick() {
        wall.tick();
        simulation.tick();
        now = now.plus(simulatedPeriod);
    }

    @Override
    public StepInfo describe(long step, int requested, int applied) {
        return simulation.describe(step, requested, applied);
    }

    /** The real waits, for the loop's retries and its timing. */
    public LiveTicker wall() {
        return wall;
    }

    /** Simulated time: one period further after each tick. */
    public Clock clock() {
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                throw new UnsupportedOperationException("simulated time is in UTC");
            }

            @Override
            public Instant instant() {
                return now;
            }
        };
    }
}
