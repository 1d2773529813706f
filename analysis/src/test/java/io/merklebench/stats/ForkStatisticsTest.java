package io.merklebench.stats;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ForkSummary, ForkComparison and FamilyChange: the fork as the unit of replication. */
class ForkStatisticsTest {
    private static final Direction TIME = Direction.ofUnit("ns/op");
    /** Welch's test alone: no minimum effect, no noise ceiling. */
    private static final VerdictRules TEST_ONLY = new VerdictRules(0.05, 0, 1000);

    @Test
    void shouldSummariseForksByGeometricMeanWithTInterval() {
        final ForkSummary side = ForkSummary.ofForkValues(new double[] {100, 110, 90}, 30);
        // Worked by hand: mean of logs 4.60182, sd of logs 0.10038, t(2, 0.975) = 4.3027.
        assertEquals(99.666, side.centre(), 0.001);
        assertEquals(77.67, side.low(), 0.01);
        assertEquals(127.89, side.high(), 0.01);
        assertEquals(10.0, side.noisePercent(), 1e-9);
        assertEquals(3, side.forkCount());
        assertTrue(side.logScale());
    }

    @Test
    void shouldAverageIterationsWithinAForkFirst() {
        final ForkSummary side = ForkSummary.of(List.of(new double[] {9, 11}, new double[] {20, 20, 20},
            new double[0]));
        assertEquals(2, side.forkCount(), "an empty fork is skipped");
        assertEquals(5, side.sampleCount());
        assertEquals(Math.sqrt(10 * 20), side.centre(), 1e-9);
    }

    @Test
    void shouldGiveNoIntervalAndNoVerdictWithOneFork() {
        final ForkSummary one = ForkSummary.of(List.<double[]>of(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}));
        assertFalse(one.hasInterval());
        assertTrue(Double.isNaN(one.noisePercent()));
        final ForkComparison comparison = ForkComparison.of(one, ForkSummary.ofForkValues(new double[] {50}, 10),
            VerdictRules.DEFAULTS, TIME);
        assertEquals(ForkComparison.Verdict.INSUFFICIENT_FORKS, comparison.verdict());
        assertEquals("1 fork per side: rerun with --forks 3 or more", comparison.note());
        assertEquals("?", comparison.summary());
    }

    @Test
    void shouldNotCallClusteredNoiseSlowerWhereThePooledIterationTestDoes() {
        // Three forks per side; iterations agree within 0.5% inside a fork, but fork means differ by up to ±15%
        // (JIT and placement decisions differ between JVMs). Nothing changed between the sides.
        final SplittableRandom random = new SplittableRandom(20261201);
        final double[] baseForkMeans = {95, 100, 105};
        final double[] otherForkMeans = {100, 105, 115};
        final List<double[]> base = forks(random, baseForkMeans, 10, 0.005);
        final List<double[]> other = forks(random, otherForkMeans, 10, 0.005);

        final SampleComparison pooled = SampleComparison.of(flatten(base), flatten(other), 0.05, TIME);
        assertEquals(SampleComparison.Verdict.WORSE, pooled.verdict(), "the old iteration-level test is fooled");

        final ForkComparison byFork = ForkComparison.of(ForkSummary.of(base), ForkSummary.of(other),
            VerdictRules.DEFAULTS, TIME);
        assertEquals(ForkComparison.Verdict.NO_CHANGE, byFork.verdict(), "p=" + byFork.pValue());
        assertTrue(byFork.pValue() > 0.05, "p=" + byFork.pValue());
        assertTrue(byFork.ratioLow() < 1 && byFork.ratioHigh() > 1, byFork.toString());
    }

    @Test
    void shouldDetectATwofoldChangeAtThreeForksWithTwoPercentNoise() {
        final SplittableRandom random = new SplittableRandom(7);
        final ForkSummary base = ForkSummary.of(forks(random, noisyMeans(random, 100, 3, 0.02), 5, 0.01));
        final ForkSummary other = ForkSummary.of(forks(random, noisyMeans(random, 200, 3, 0.02), 5, 0.01));
        final ForkComparison comparison = ForkComparison.of(base, other, VerdictRules.DEFAULTS, TIME);
        assertEquals(ForkComparison.Verdict.WORSE, comparison.verdict(), comparison.toString());
        assertEquals(100, comparison.changePercent(), 10);
        assertTrue(comparison.ratioLow() > 1.8 && comparison.ratioHigh() < 2.2, comparison.toString());
        assertTrue(comparison.summary().endsWith("% slower"), comparison.summary());
        final ForkComparison throughput = ForkComparison.of(base, other, VerdictRules.DEFAULTS,
            Direction.ofUnit("ops/s"));
        assertEquals(ForkComparison.Verdict.BETTER, throughput.verdict());
    }

    @Test
    void shouldCallNoisyForksUnstableAndSmallChangesNoChange() {
        final ForkSummary quiet = ForkSummary.ofForkValues(new double[] {100, 100.5, 99.5}, 30);
        final ForkSummary noisy = ForkSummary.ofForkValues(new double[] {150, 200, 260}, 30);
        final ForkComparison unstable = ForkComparison.of(quiet, noisy, VerdictRules.DEFAULTS, TIME);
        assertEquals(ForkComparison.Verdict.UNSTABLE, unstable.verdict());
        assertTrue(unstable.note().startsWith("95% interval ±"), unstable.note());
        assertTrue(unstable.note().endsWith("% > --max-interval 50% (fork noise 27.1%)"), unstable.note());

        final ForkSummary slightlySlower = ForkSummary.ofForkValues(new double[] {103, 103.2, 102.8}, 30);
        final ForkComparison small = ForkComparison.of(quiet, slightlySlower, VerdictRules.DEFAULTS, TIME);
        assertTrue(small.pValue() < 0.05, "significant, p=" + small.pValue());
        assertEquals(ForkComparison.Verdict.NO_CHANGE, small.verdict(), "but 3% is below the 5% minimum effect");
        assertEquals(ForkComparison.Verdict.WORSE,
            ForkComparison.of(quiet, slightlySlower, new VerdictRules(0.05, 2, 10), TIME).verdict());
    }

    @Test
    void shouldKeepTheFalsePositiveRateAtAlphaInSimulatedAaPairs() {
        final long seed = 424242;
        final SplittableRandom random = new SplittableRandom(seed);
        final int pairs = 4000;
        int flaggedByTest = 0;
        int flaggedByDefaults = 0;
        for (int pair = 0; pair < pairs; pair++) {
            // 4% between forks, 1% between iterations of a fork, 3 forks of 5 iterations per side.
            final ForkSummary base = ForkSummary.of(forks(random, noisyMeans(random, 100, 3, 0.04), 5, 0.01));
            final ForkSummary other = ForkSummary.of(forks(random, noisyMeans(random, 100, 3, 0.04), 5, 0.01));
            flaggedByTest += ForkComparison.of(base, other, TEST_ONLY, TIME).isSignificant() ? 1 : 0;
            flaggedByDefaults += ForkComparison.of(base, other, VerdictRules.DEFAULTS, TIME).isSignificant() ? 1 : 0;
        }
        final double testRate = (double) flaggedByTest / pairs;
        final double defaultsRate = (double) flaggedByDefaults / pairs;
        System.out.printf("A/A false positives at 3 forks, 4%% fork noise: Welch alone %.4f, defaults %.4f (seed=%d)%n",
            testRate, defaultsRate, seed);
        // Welch is slightly conservative at small samples; 4000 pairs give a standard error of about 0.0035.
        assertTrue(testRate <= 0.065, "seed=" + seed + " rate=" + testRate);
        assertTrue(defaultsRate <= testRate, "seed=" + seed + " rate=" + defaultsRate);
    }

    @Test
    void shouldDetectATenPercentChangeAtThreePercentNoiseMostOfTheTime() {
        final long seed = 99;
        final double sigma = Math.log(1.03);
        final double threeForks = PowerEstimate.detectionProbability(sigma, 3, 10, VerdictRules.DEFAULTS,
            PowerEstimate.DEFAULT_TRIALS, seed);
        final double fourForks = PowerEstimate.detectionProbability(sigma, 4, 10, VerdictRules.DEFAULTS,
            PowerEstimate.DEFAULT_TRIALS, seed);
        final double fiveForks = PowerEstimate.detectionProbability(sigma, 5, 10, VerdictRules.DEFAULTS,
            PowerEstimate.DEFAULT_TRIALS, seed);
        System.out.printf("power for a 10%% change at 3%% noise: 3 forks %.3f, 4 forks %.3f, 5 forks %.3f (seed=%d)%n",
            threeForks, fourForks, fiveForks, seed);
        // 3 forks miss a quarter of such changes; 4 forks are the least that reach the usual 80% power.
        assertTrue(threeForks >= 0.65 && threeForks < 0.8, "seed=" + seed + " 3 forks: " + threeForks);
        assertTrue(fourForks >= 0.9, "seed=" + seed + " 4 forks: " + fourForks);
        assertTrue(fiveForks >= 0.97, "seed=" + seed + " 5 forks: " + fiveForks);
        assertTrue(threeForks < fourForks && fourForks <= fiveForks);
        assertTrue(PowerEstimate.detectionProbability(sigma, 3, 0, VerdictRules.DEFAULTS, 2000, seed) <= 0.03,
            "no change: (almost) no detection");
        assertThrows(IllegalArgumentException.class,
            () -> PowerEstimate.detectionProbability(sigma, 1, 10, VerdictRules.DEFAULTS, 10, seed));
    }

    @Test
    void shouldGiveAFamilyAVerdictOnlyWhenItsRowsAgree() {
        final List<ForkComparison> mixed = new ArrayList<>();
        final List<ForkComparison> agreeing = new ArrayList<>();
        final double[] mixedChanges = {1.30, 0.95, 1.02, 0.97, 1.01};
        for (final double change : mixedChanges) {
            mixed.add(compare(100, change));
        }
        for (final double change : new double[] {1.10, 1.12, 1.09, 1.11, 1.10}) {
            agreeing.add(compare(100, change));
        }
        final FamilyChange noisyFamily = FamilyChange.of(mixed, VerdictRules.DEFAULTS);
        assertEquals(ForkComparison.Verdict.NO_CHANGE, noisyFamily.verdict(), noisyFamily.toString());
        assertTrue(noisyFamily.changePercent() > 3, "one row moves the mean: " + noisyFamily.changePercent());
        final FamilyChange slowerFamily = FamilyChange.of(agreeing, VerdictRules.DEFAULTS);
        assertEquals(ForkComparison.Verdict.WORSE, slowerFamily.verdict());
        assertEquals(5, slowerFamily.rowsWith(ForkComparison.Verdict.WORSE));
        assertEquals("0 faster, 5 slower, 0 ~, 0 unstable", slowerFamily.rowVerdictText(TIME));
    }

    @Test
    void shouldNotGiveAFamilyAVerdictThatNoRowGives() {
        // Every row 7% slower, but each within its forks' noise (10%): a drift of the whole run, as between two runs
        // back to back on a shared VM. The rows' mean has no spread at all, yet no row is called slower.
        final List<ForkComparison> drifted = new ArrayList<>();
        for (int row = 0; row < 5; row++) {
            drifted.add(compare(100, 1.07, 0.10));
        }
        assertTrue(drifted.stream().allMatch(row -> row.verdict() == ForkComparison.Verdict.NO_CHANGE),
            drifted.toString());
        final FamilyChange family = FamilyChange.of(drifted, VerdictRules.DEFAULTS);
        assertEquals(7, family.changePercent(), 1e-9);
        assertTrue(family.low() > 1, "the interval over rows excludes 1: " + family);
        assertEquals(ForkComparison.Verdict.NO_CHANGE, family.verdict(), family.toString());

        final List<ForkComparison> opposed = new ArrayList<>(List.of(compare(100, 1.30), compare(100, 1.25),
            compare(100, 1.28), compare(100, 0.90)));
        final FamilyChange split = FamilyChange.of(opposed, VerdictRules.DEFAULTS);
        assertEquals("1 faster, 3 slower, 0 ~, 0 unstable", split.rowVerdictText(TIME));
        assertEquals(ForkComparison.Verdict.NO_CHANGE, split.verdict(), "a row says the opposite: " + split);
    }

    @Test
    void shouldValidateRules() {
        assertEquals("alpha=0.05 min-effect=5% max-interval=50%", VerdictRules.DEFAULTS.describe());
        assertEquals("--alpha must be between 0 and 1 (exclusive): --alpha=1.0",
            assertThrows(IllegalArgumentException.class, () -> new VerdictRules(1, 5, 10)).getMessage());
        assertEquals("--min-effect must be a percentage >= 0: --min-effect=NaN",
            assertThrows(IllegalArgumentException.class, () -> new VerdictRules(0.05, Double.NaN, 10)).getMessage());
        assertEquals("--max-interval must be a percentage > 0: --max-interval=-3.0",
            assertThrows(IllegalArgumentException.class, () -> new VerdictRules(0.05, 5, -3)).getMessage());
    }

    private static ForkComparison compare(final double centre, final double factor) {
        return compare(centre, factor, 0.01);
    }

    /** Three forks per side at {@code centre} (times {@code factor}) times 1 - spread, 1 and 1 + spread. */
    private static ForkComparison compare(final double centre, final double factor, final double spread) {
        final ForkSummary base = ForkSummary.ofForkValues(new double[] {centre * (1 - spread), centre,
            centre * (1 + spread)}, 15);
        final ForkSummary other = ForkSummary.ofForkValues(new double[] {centre * factor * (1 - spread),
            centre * factor, centre * factor * (1 + spread)}, 15);
        return ForkComparison.of(base, other, VerdictRules.DEFAULTS, TIME);
    }

    private static double[] noisyMeans(final SplittableRandom random, final double centre, final int forks,
                                       final double relativeSigma) {
        final double[] means = new double[forks];
        for (int fork = 0; fork < forks; fork++) {
            means[fork] = centre * (1 + relativeSigma * PowerEstimate.gaussian(random));
        }
        return means;
    }

    private static List<double[]> forks(final SplittableRandom random, final double[] forkMeans,
                                        final int iterations, final double relativeSigma) {
        final List<double[]> forks = new ArrayList<>();
        for (final double mean : forkMeans) {
            final double[] values = new double[iterations];
            for (int iteration = 0; iteration < iterations; iteration++) {
                values[iteration] = mean * (1 + relativeSigma * PowerEstimate.gaussian(random));
            }
            forks.add(values);
        }
        return forks;
    }

    private static double[] flatten(final List<double[]> forks) {
        return forks.stream().flatMapToDouble(java.util.Arrays::stream).toArray();
    }
}
