package io.merklebench.stats;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MedianIntervalTest {
    /**
     * Published exact ranks for a 95% interval of the median (the binomial table in Altman et al., "Statistics with
     * Confidence", 2nd ed., Table 18.4, also Campbell and Gardner, BMJ 1988;296:1454): n = 10 gives the 2nd and 9th
     * smallest values with confidence 97.9%; n = 20 gives the 6th and 15th with 95.9%.
     */
    @Test
    void shouldMatchPublishedRanksForNineteenFivePercent() {
        final MedianInterval ten = MedianInterval.of(ascending(10), 0.95);
        assertEquals(2, ten.low());
        assertEquals(9, ten.high());
        assertEquals(0.979, ten.coverage(), 0.0005);
        assertEquals(1002.0 / 1024, ten.coverage(), 1e-12); // 1 − 2·(1 + 10)/2^10
        assertEquals(5.5, ten.median());

        final MedianInterval twenty = MedianInterval.of(ascending(20), 0.95);
        assertEquals(6, twenty.low());
        assertEquals(15, twenty.high());
        assertEquals(0.959, twenty.coverage(), 0.0005);
    }

    @Test
    void shouldNeedSixSamplesForNinetyFivePercent() {
        assertEquals(6, MedianInterval.minimumSamples(0.95));
        assertEquals(8, MedianInterval.minimumSamples(0.99));
        final MedianInterval five = MedianInterval.of(ascending(5), 0.95);
        assertFalse(five.hasInterval());
        assertEquals(3, five.median());
        final MedianInterval six = MedianInterval.of(ascending(6), 0.95);
        assertTrue(six.hasInterval());
        assertEquals(1, six.low());
        assertEquals(6, six.high());
        assertEquals(1 - 2.0 / 64, six.coverage(), 1e-12);
    }

    @Test
    void shouldNotDependOnInputOrderNorModifyIt() {
        final double[] shuffled = {9, 1, 7, 3, 5, 10, 2, 8, 4, 6};
        final double[] copy = shuffled.clone();
        assertEquals(MedianInterval.of(ascending(10), 0.95), MedianInterval.of(shuffled, 0.95));
        assertTrue(Arrays.equals(copy, shuffled));
    }

    @Test
    void shouldCoverTrueMedianAtLeastAtTheStatedRate() {
        // Distribution-free: check on a skewed (exponential) distribution whose median is ln 2.
        for (final long seed : new long[] {11, 12, 13}) {
            final SplittableRandom random = new SplittableRandom(seed);
            int covered = 0;
            final int trials = 2000;
            for (int trial = 0; trial < trials; trial++) {
                final double[] values = new double[15];
                for (int index = 0; index < values.length; index++) {
                    values[index] = -Math.log(1 - random.nextDouble());
                }
                final MedianInterval interval = MedianInterval.of(values, 0.95);
                if (interval.low() <= Math.log(2) && Math.log(2) <= interval.high()) {
                    covered++;
                }
            }
            assertTrue(covered >= 0.94 * trials, "seed=" + seed + " covered=" + covered + " of " + trials);
        }
    }

    @Test
    void shouldRejectBadLevelAndNaN() {
        assertEquals("confidence level must be between 0 and 1 (exclusive): confidenceLevel=95.0",
            assertThrows(IllegalArgumentException.class, () -> MedianInterval.of(new double[] {1}, 95)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> MedianInterval.of(new double[] {1, Double.NaN}, 0.95));
        assertFalse(MedianInterval.of(new double[0], 0.95).hasInterval());
    }

    private static double[] ascending(final int count) {
        final double[] values = new double[count];
        for (int index = 0; index < count; index++) {
            values[index] = index + 1;
        }
        return values;
    }
}
