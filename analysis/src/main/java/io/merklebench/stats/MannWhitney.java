package io.merklebench.stats;

import java.util.Arrays;

/**
 * The two-sided Mann–Whitney U test (Wilcoxon rank-sum test): is one sample stochastically larger than the other?
 * It assumes nothing about the shape of the distributions, which is why benchstat uses it for benchmark iterations.
 * Stateless and thread-safe.
 *
 * <p>How the p-value is computed:
 * <ul>
 *   <li>U for the first sample = R₁ − n₁(n₁+1)/2, where R₁ is its rank sum over both samples, tied values getting the
 *       mean of their ranks.</li>
 *   <li>No ties and n₁·n₂ ≤ {@value #EXACT_MAX_PRODUCT}: the exact null distribution of U (every assignment of ranks
 *       equally likely), p = 2·P(U ≥ max(U₁, U₂)), capped at 1.</li>
 *   <li>Otherwise: the normal approximation, mean n₁n₂/2, variance n₁n₂/12 · ((N+1) − Σ(t³−t)/(N(N−1))) with t the
 *       size of each group of ties, and a continuity correction of 0.5 towards the mean. When every value is tied the
 *       variance is 0 and p = 1 (no evidence of a difference).</li>
 * </ul>
 * The smallest p-value a test can give is 2/C(n₁+n₂, n₁) (all of one sample below all of the other), so with 3
 * samples a side p is never below 0.1; {@link #minimumSamplesPerSide(double)} gives the count needed to reach alpha.
 */
public final class MannWhitney {
    /** Largest n₁·n₂ for the exact distribution: 30 × 30; its table has n₁·n₂/2 + 1 entries per cell. */
    public static final int EXACT_MAX_PRODUCT = 900;

    private MannWhitney() {
    }

    /**
     * @param u the U statistic of the first sample (number of pairs where the first sample's value is larger, ties
     *     counting one half)
     * @param pValue two-sided p-value
     * @param exact true if from the exact distribution, false if from the normal approximation
     */
    public record Result(double u, double pValue, boolean exact) {
    }

    /** Tests {@code first} against {@code second}; both need at least one value and no NaN. */
    public static Result test(final double[] first, final double[] second) {
        final int firstCount = first.length;
        final int secondCount = second.length;
        if (firstCount == 0 || secondCount == 0) {
            throw new IllegalArgumentException("Mann-Whitney needs samples on both sides: firstCount=" + firstCount
                + " secondCount=" + secondCount);
        }
        final int total = firstCount + secondCount;
        final double[] values = new double[total];
        final boolean[] isFirst = new boolean[total];
        final Integer[] order = new Integer[total];
        for (int index = 0; index < total; index++) {
            values[index] = index < firstCount ? first[index] : second[index - firstCount];
            if (Double.isNaN(values[index])) {
                throw new IllegalArgumentException("samples must not contain NaN");
            }
            isFirst[index] = index < firstCount;
            order[index] = index;
        }
        Arrays.sort(order, (left, right) -> Double.compare(values[left], values[right]));

        double firstRankSum = 0;
        double tieTerm = 0; // Σ (t³ − t) over groups of tied values
        for (int start = 0; start < total; ) {
            int end = start;
            while (end + 1 < total && values[order[end + 1]] == values[order[start]]) {
                end++;
            }
            final int tieSize = end - start + 1;
            final double meanRank = (start + end) / 2.0 + 1; // ranks are 1-based
            for (int position = start; position <= end; position++) {
                if (isFirst[order[position]]) {
                    firstRankSum += meanRank;
                }
            }
            tieTerm += (double) tieSize * tieSize * tieSize - tieSize;
            start = end + 1;
        }
        final double u = firstRankSum - firstCount * (firstCount + 1) / 2.0;
        final double pairs = (double) firstCount * secondCount;
        if (tieTerm == 0 && pairs <= EXACT_MAX_PRODUCT) {
            final double larger = Math.max(u, pairs - u);
            final double pValue = 2 * exactUpperTail(firstCount, secondCount, (int) Math.round(larger));
            return new Result(u, Math.min(1.0, pValue), true);
        }
        return new Result(u, normalApproximationPValue(u, firstCount, secondCount, tieTerm), false);
    }

    /**
     * Two-sided p-value of U from the normal approximation with tie correction and continuity correction.
     *
     * @param tieTerm Σ (t³ − t) over groups of t tied values (0 without ties)
     */
    static double normalApproximationPValue(final double u, final int firstCount, final int secondCount,
                                            final double tieTerm) {
        final double pairs = (double) firstCount * secondCount;
        final int total = firstCount + secondCount;
        final double mean = pairs / 2;
        final double variance = pairs / 12 * ((total + 1) - tieTerm / ((double) total * (total - 1)));
        if (variance <= 0) {
            return 1.0; // every value tied: no evidence of any difference
        }
        final double distance = Math.max(0, Math.abs(u - mean) - 0.5);
        return Math.min(1.0, 2 * Normal.upperTail(distance / Math.sqrt(variance)));
    }

    /** The smallest two-sided p-value possible with these sample sizes: 2 / C(n₁+n₂, n₁) (or 1 if larger). */
    public static double minimumPValue(final int firstCount, final int secondCount) {
        return Math.min(1.0, 2 * Math.exp(-Binomial.logChoose(firstCount + secondCount, firstCount)));
    }

    /** Samples needed on each side (equal sizes) before a p-value below {@code alpha} is possible: 4 for 0.05. */
    public static int minimumSamplesPerSide(final double alpha) {
        int count = 1;
        while (minimumPValue(count, count) >= alpha) {
            count++;
        }
        return count;
    }

    /**
     * P(U ≥ u) under the null hypothesis for sample sizes m and n, without ties. Uses the recurrence on the largest
     * of all m+n values: it belongs to the first sample with probability m/(m+n) and then beats all n values of the
     * second, so p(m,n,u) = m/(m+n)·p(m−1,n,u−n) + n/(m+n)·p(m,n−1,u).
     */
    static double exactUpperTail(final int m, final int n, final int u) {
        // distribution[i][j][k] = P(U = k) for sample sizes i and j, filled row by row.
        final double[][][] distribution = new double[m + 1][n + 1][];
        for (int i = 0; i <= m; i++) {
            for (int j = 0; j <= n; j++) {
                final double[] here = new double[i * j + 1];
                if (i == 0 || j == 0) {
                    here[0] = 1;
                } else {
                    final double firstLargest = (double) i / (i + j);
                    final double[] withoutFirst = distribution[i - 1][j];
                    final double[] withoutSecond = distribution[i][j - 1];
                    for (int k = 0; k < here.length; k++) {
                        double probability = 0;
                        if (k - j >= 0 && k - j < withoutFirst.length) {
                            probability += firstLargest * withoutFirst[k - j];
                        }
                        if (k < withoutSecond.length) {
                            probability += (1 - firstLargest) * withoutSecond[k];
                        }
                        here[k] = probability;
                    }
                }
                distribution[i][j] = here;
            }
            if (i > 0) {
                distribution[i - 1] = null; // only the previous row is needed
            }
        }
        final double[] distributionOfU = distribution[m][n];
        double tail = 0;
        for (int k = Math.max(0, u); k < distributionOfU.length; k++) {
            tail += distributionOfU[k];
        }
        return tail;
    }
}
