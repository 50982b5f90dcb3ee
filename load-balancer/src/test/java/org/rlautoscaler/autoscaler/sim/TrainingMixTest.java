package org.rlautoscaler.autoscaler.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The training mix: new loads each episode, every size met, within the limits, repeatable by seed. */
class TrainingMixTest {
    private static final Workload TRACE = new Workload("ramp", ramp(), "ramp");

    private static double[] ramp() {
        double[] rates = new double[1_000];
        for (int i = 0; i < rates.length; i++) {
            rates[i] = 10 + i;
        }
        return rates;
    }

    private static TrainingMix mix() {
        return new TrainingMix(TRACE, 40, 2, 8, rate -> (int) Math.ceil(rate / 200));
    }

    @Test
    void the_same_seed_gives_the_same_episode() {
        assertArrayEquals(mix().next(new SplittableRandom(3)).ratePerStep(), mix().next(new SplittableRandom(3)).ratePerStep());
    }

    @Test
    void episodes_cover_every_size_of_load_within_the_limits() {
        TrainingMix mix = mix();
        SplittableRandom random = new SplittableRandom(1);
        double lowest = Double.MAX_VALUE;
        double highest = 0;
        for (int episode = 0; episode < 2_000; episode++) {
            Episodes.Episode e = mix.next(random);
            assertEquals(42, e.ratePerStep().length, "40 steps and 2 for the oracle's look-ahead");
            assertTrue(e.initialReplicas() >= 2 && e.initialReplicas() <= 8, "within the limits: " + e.initialReplicas());
            double mean = 0;
            for (double rate : e.ratePerStep()) {
                assertTrue(rate >= 0, "no negative load");
                mean += rate / e.ratePerStep().length;
            }
            lowest = Math.min(lowest, mean);
            highest = Math.max(highest, mean);
        }
        // the episode's mean is drawn from 3 % to 90 % of the trace's busiest step (1009), before
        // noise and flash crowds move it a little
        assertTrue(lowest < 0.05 * 1009 && lowest > 0.02 * 1009, "lowest mean " + lowest);
        assertTrue(highest > 0.85 * 1009 && highest < 2 * 1009, "highest mean " + highest);
    }
}
