package io.merklebench.stats;

import java.util.Arrays;

/**
 * The median of a sample and a distribution-free confidence interval for the population median, from order
 * statistics (the method benchstat uses). Immutable.
 *
 * <p>Why order statistics: benchmark iterations are not normally distributed (long right tails from GC, page cache,
 * other tenants), so a mean ± t·s interval would be wrong. The number of samples below the true median is
 * Binomial(n, 1/2) whatever the distribution, so for sorted samples x(1) ≤ … ≤ x(n) the interval [x(r), x(n+1−r)]
 * covers the median with probability Σ_{i=r}^{n−r} C(n,i)/2^n. We take the narrowest symmetric interval whose
 * coverage is at least the requested level. Example: with n = 10 and level 0.95 it is [x(2), x(9)], coverage 97.9%
 * ([x(3), x(8)] would only cover 89.1%).
 *
 * <p>Too few samples: even [min, max] covers only 1 − 2/2^n, so a 95% interval needs n ≥ 6 (coverage 96.9%); with
 * fewer, {@link #hasInterval()} is false and {@link #minimumSamples(double)} says how many are needed.
 *
 * @param median sample median (mean of the two middle values when n is even); NaN when n = 0
 * @param low lower bound of the interval, NaN without one
 * @param high upper bound of the interval, NaN without one
 * @param sampleCount n
 * @param confidenceLevel the requested level, e.g. 0.95
 * @param coverage the exact coverage of [low, high] (≥ confidenceLevel), NaN without an interval
 */
public record MedianInterval(
    double median, double low, double high, int sampleCount, double confidenceLevel, double coverage) {

    /** The default level, as benchstat. */
    public static final double DEFAULT_CONFIDENCE = 0.95;

    /** Median and interval of {@code values} (not modified; NaN values are rejected). */
    public static MedianInterval of(final double[] values, final double confidenceLevel) {
        requireLevel(confidenceLevel);
        final double[] sorted = values.clone();
        for (final double value : sorted) {
            if (Double.isNaN(value)) {
                throw new IllegalArgumentException("samples must not contain NaN");
            }
        }
        Arrays.sort(sorted);
        final int count = sorted.length;
        if (count == 0) {
            return new MedianInterval(Double.NaN, Double.NaN, Double.NaN, 0, confidenceLevel, Double.NaN);
        }
        final double median = count % 2 == 1
            ? sorted[count / 2]
            : (sorted[count / 2 - 1] + sorted[count / 2]) / 2;
        // Widen from the middle outwards: the first symmetric pair of ranks whose coverage reaches the level.
        for (int lowRank = count / 2; lowRank >= 1; lowRank--) {
            final int highRank = count + 1 - lowRank;
            if (highRank <= lowRank) {
                continue;
            }
            final double coverage = Binomial.halfProbabilityBetween(count, lowRank, highRank - 1);
            if (coverage >= confidenceLevel) {
                return new MedianInterval(median, sorted[lowRank - 1], sorted[highRank - 1], count, confidenceLevel,
                    coverage);
            }
        }
        return new MedianInterval(median, Double.NaN, Double.NaN, count, confidenceLevel, Double.NaN);
    }

    /** The smallest n for which [min, max] reaches {@code confidenceLevel}: 6 for 0.95, 8 for 0.99. */
    public static int minimumSamples(final double confidenceLevel) {
        requireLevel(confidenceLevel);
        int count = 2;
        while (1 - 2 * Math.pow(0.5, count) < confidenceLevel) {
            count++;
        }
        return count;
    }

    /** False when there are too few samples for an interval at {@link #confidenceLevel()}. */
    public boolean hasInterval() {
        return !Double.isNaN(low);
    }

    private static void requireLevel(final double confidenceLevel) {
        if (!(confidenceLevel > 0 && confidenceLevel < 1)) {
            throw new IllegalArgumentException("confidence level must be between 0 and 1 (exclusive): confidenceLevel="
                + confidenceLevel);
        }
    }
}
