package io.merklebench.stats;

import java.util.SplittableRandom;

/**
 * How likely {@code mbench diff} is to see a change of a given size in a row, from the row's recorded between-fork
 * noise: a seeded simulation of many pairs of runs with that noise, one side scaled by the change, each pair judged by
 * {@link ForkComparison} under the same {@link VerdictRules}. Stateless.
 *
 * <p>Why a simulation from the noise and not a resampling of the row's own forks: with 3 to 5 forks, drawing forks
 * with replacement repeats one fork on every draw a ninth of the time (3 forks), which gives a side no spread at all
 * and a test that always fires; the estimate would be too optimistic. Instead each simulated fork value is
 * {@code centre * exp(sigma * z)}, z standard normal, with sigma the standard deviation of the logarithms of the
 * recorded fork values. That sigma is itself estimated from a few forks, so a row that happened to look quiet is
 * judged more powerful than it is: read the results per noise band, not per row.
 *
 * <p>Example, at the default rules: 3% noise and a 10% change are detected in about 74% of pairs with 3 forks per
 * side, 94% with 4 and 99% with 5 ({@code ForkStatisticsTest} prints the figures): 4 forks are the least that reach
 * the usual 80% power there.
 */
public final class PowerEstimate {
    /** Simulated pairs per estimate: the standard error of a probability near 0.8 is then about 0.01. */
    public static final int DEFAULT_TRIALS = 2000;

    private PowerEstimate() {
    }

    /**
     * The probability that a change of {@code changePercent} gets a verdict ({@link ForkComparison#isSignificant()})
     * when each side has {@code forks} forks whose values vary by {@code noiseLogSigma} (standard deviation of their
     * natural logarithms; 0.03 is about 3% noise).
     */
    public static double detectionProbability(final double noiseLogSigma, final int forks,
                                              final double changePercent, final VerdictRules rules,
                                              final int trials, final long seed) {
        if (forks < ForkComparison.MINIMUM_FORKS) {
            throw new IllegalArgumentException("forks must be >= " + ForkComparison.MINIMUM_FORKS + ": forks=" + forks);
        }
        if (trials < 1) {
            throw new IllegalArgumentException("trials must be >= 1: trials=" + trials);
        }
        final SplittableRandom random = new SplittableRandom(seed);
        final Direction direction = Direction.LOWER_IS_BETTER;
        final double factor = 1 + changePercent / 100;
        int detected = 0;
        for (int trial = 0; trial < trials; trial++) {
            final ForkSummary base = ForkSummary.ofForkValues(draw(random, forks, 1.0, noiseLogSigma), forks);
            final ForkSummary other = ForkSummary.ofForkValues(draw(random, forks, factor, noiseLogSigma), forks);
            if (ForkComparison.of(base, other, rules, direction).isSignificant()) {
                detected++;
            }
        }
        return (double) detected / trials;
    }

    /** The standard deviation of the logarithms of {@code forkValues} (NaN with fewer than 2 or a value <= 0). */
    public static double logSigma(final double[] forkValues) {
        if (forkValues.length < 2) {
            return Double.NaN;
        }
        final double[] logs = new double[forkValues.length];
        for (int index = 0; index < forkValues.length; index++) {
            if (!(forkValues[index] > 0)) {
                return Double.NaN;
            }
            logs[index] = Math.log(forkValues[index]);
        }
        return Math.sqrt(ForkSummary.variance(logs));
    }

    private static double[] draw(final SplittableRandom random, final int forks, final double centre,
                                 final double sigma) {
        final double[] values = new double[forks];
        for (int fork = 0; fork < forks; fork++) {
            values[fork] = centre * Math.exp(sigma * gaussian(random));
        }
        return values;
    }

    /** A standard normal draw (Box-Muller). */
    static double gaussian(final SplittableRandom random) {
        return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
    }
}
