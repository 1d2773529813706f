package io.merklebench.stats;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SampleComparisonTest {
    private static final long[] SEEDS = {1, 2, 3, 20261123};
    private static final int TRIALS = 200;
    private static final int SAMPLES_PER_SIDE = 10;
    /** Relative standard deviation of a sample: 2%, typical of a JMH iteration on a quiet machine. */
    private static final double NOISE = 0.02;

    /**
     * A/A: both sides drawn from the same distribution. With 10 samples a side the exact test's false-positive rate
     * is 4.33% (computed below), so ~ is expected in 95.7% of trials: a batch of 200 trials lands below 95% (190)
     * with probability of about a quarter by chance alone. Each seed's count is printed; the assertion is on the
     * pooled trials of all seeds (expected 95.7% ± 0.7%) and, per seed, on a two-sigma lower bound.
     */
    @Test
    void shouldReportSameDistributionAsNoChangeInAtLeast95PercentOfTrials() {
        int pooledNoChange = 0;
        final StringBuilder counts = new StringBuilder();
        for (final long seed : SEEDS) {
            final SplittableRandom random = new SplittableRandom(seed);
            int noChange = 0;
            for (int trial = 0; trial < TRIALS; trial++) {
                final SampleComparison comparison = SampleComparison.of(noisy(random, 100, SAMPLES_PER_SIDE),
                    noisy(random, 100, SAMPLES_PER_SIDE), 0.05, Direction.LOWER_IS_BETTER);
                if (comparison.verdict() == SampleComparison.Verdict.NO_CHANGE) {
                    noChange++;
                }
            }
            counts.append(" seed=").append(seed).append(':').append(noChange).append('/').append(TRIALS);
            assertTrue(noChange >= 0.93 * TRIALS, "A/A ~ counts:" + counts);
            pooledNoChange += noChange;
        }
        System.out.println("A/A ~ counts:" + counts);
        assertTrue(pooledNoChange >= 0.95 * TRIALS * SEEDS.length, "A/A ~ counts:" + counts);
    }

    @Test
    void shouldHaveFalsePositiveRateAtMostAlphaForTenSamplesPerSide() {
        // Reject when 2·P(U >= u) < 0.05; the size of the test is the null probability of those u.
        double rejected = 0;
        final int pairs = SAMPLES_PER_SIDE * SAMPLES_PER_SIDE;
        for (int u = 0; u <= pairs; u++) {
            final double larger = Math.max(u, pairs - u);
            if (2 * MannWhitney.exactUpperTail(SAMPLES_PER_SIDE, SAMPLES_PER_SIDE, (int) larger) < 0.05) {
                rejected += MannWhitney.exactUpperTail(SAMPLES_PER_SIDE, SAMPLES_PER_SIDE, u)
                    - MannWhitney.exactUpperTail(SAMPLES_PER_SIDE, SAMPLES_PER_SIDE, u + 1);
            }
        }
        assertEquals(0.0433, rejected, 0.0001);
    }

    @Test
    void shouldDetectTenPercentShiftInAtLeast90PercentOfTrials() {
        for (final long seed : SEEDS) {
            final SplittableRandom random = new SplittableRandom(seed);
            int detected = 0;
            for (int trial = 0; trial < TRIALS; trial++) {
                final SampleComparison comparison = SampleComparison.of(noisy(random, 100, SAMPLES_PER_SIDE),
                    noisy(random, 110, SAMPLES_PER_SIDE), 0.05, Direction.LOWER_IS_BETTER);
                if (comparison.verdict() == SampleComparison.Verdict.WORSE) {
                    detected++;
                }
            }
            assertTrue(detected >= 0.90 * TRIALS, "seed=" + seed + ": 10% shift detected in " + detected + " of "
                + TRIALS);
        }
    }

    @Test
    void shouldSayFasterOrSlowerRespectingTheUnit() {
        final double[] base = {100, 101, 99, 100.5, 99.5, 100.2};
        final double[] higher = {120, 121, 119, 120.5, 119.5, 120.2};
        final SampleComparison time = SampleComparison.of(base, higher, 0.05, Direction.ofUnit("ns/op"));
        assertEquals(SampleComparison.Verdict.WORSE, time.verdict());
        assertEquals("20.0% slower", time.summary());
        final SampleComparison throughput = SampleComparison.of(base, higher, 0.05, Direction.ofUnit("ops/s"));
        assertEquals(SampleComparison.Verdict.BETTER, throughput.verdict());
        assertEquals("20.0% faster", throughput.summary());
        final SampleComparison unknown = SampleComparison.of(base, higher, 0.05, Direction.ofUnit("widgets"));
        assertEquals("20.0% higher", unknown.summary());
    }

    @Test
    void shouldSayHowManySamplesAreNeeded() {
        final SampleComparison comparison = SampleComparison.of(new double[] {1, 2, 3}, new double[] {7, 8, 9}, 0.05,
            Direction.LOWER_IS_BETTER);
        assertEquals(SampleComparison.Verdict.INSUFFICIENT_SAMPLES, comparison.verdict());
        assertEquals("need >= 4 samples per side for alpha=0.05, have 3 and 3", comparison.note());
        assertEquals("?", comparison.summary());
    }

    @Test
    void shouldClassifyUnits() {
        assertEquals(Direction.HIGHER_IS_BETTER, Direction.ofUnit("ops/s"));
        assertEquals(Direction.HIGHER_IS_BETTER, Direction.ofUnit("ops/ms"));
        assertEquals(Direction.HIGHER_IS_BETTER, Direction.ofUnit("syncs/s"));
        assertEquals(Direction.LOWER_IS_BETTER, Direction.ofUnit("ns/op"));
        assertEquals(Direction.LOWER_IS_BETTER, Direction.ofUnit("us/op"));
        assertEquals(Direction.LOWER_IS_BETTER, Direction.ofUnit("B/op"));
        assertEquals(Direction.UNKNOWN, Direction.ofUnit("bytes"));
    }

    private static double[] noisy(final SplittableRandom random, final double center, final int count) {
        final double[] values = new double[count];
        for (int index = 0; index < count; index++) {
            values[index] = center * (1 + NOISE * gaussian(random));
        }
        return values;
    }

    /** Box–Muller: SplittableRandom has no nextGaussian on Java 17. */
    private static double gaussian(final SplittableRandom random) {
        return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
    }
}
