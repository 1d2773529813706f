package io.merklebench.stats;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The change of a whole benchmark family between two runs: the geometric mean of its rows' ratios (other centre /
 * base centre), a 95% Student-t interval of that mean over the rows, a verdict, and how many rows got each verdict.
 * Immutable.
 *
 * <p>The family verdict claims a change only when the interval of the geometric mean excludes 1 (the rows agree on a
 * direction), the mean passes {@link VerdictRules#minEffectPercent()}, and at least one row has that verdict and none
 * the opposite one; with one row it is that row's verdict. Without the interval, a single noisy row could move a
 * family's mean by tens of percent (a query row measured 213 ns in one run and 643 ns in the next made a family look
 * 27.6% slower although nothing had changed). The rule on rows is for drift: two runs taken back to back on a shared
 * VM can differ as a whole by 5 to 19% (the machine, not the code), which moves every row of a family the same way.
 * The interval over the rows then sees no spread, but no row's own test, against its forks' noise, calls it a
 * change (docs/statistics.md gives the A/A counts).
 *
 * @param changePercent (geometric mean of the ratios - 1) x 100; NaN without rows
 * @param low           lower end of the interval of the mean ratio, NaN with fewer than 2 rows
 * @param high          upper end
 * @param verdict       better, worse, ~ ({@link ForkComparison.Verdict#NO_CHANGE}), or ? when no row had a test
 * @param rowVerdicts   how many rows got each verdict
 * @param rowCount      rows in the mean
 */
public record FamilyChange(double changePercent, double low, double high, ForkComparison.Verdict verdict,
                           Map<ForkComparison.Verdict, Integer> rowVerdicts, int rowCount) {

    public FamilyChange {
        rowVerdicts = Map.copyOf(rowVerdicts);
    }

    /** The family change over {@code comparisons} (one per row, all with the same unit). */
    public static FamilyChange of(final List<ForkComparison> comparisons, final VerdictRules rules) {
        final Map<ForkComparison.Verdict, Integer> counts = new EnumMap<>(ForkComparison.Verdict.class);
        final double[] logRatios = new double[comparisons.size()];
        int count = 0;
        for (final ForkComparison comparison : comparisons) {
            counts.merge(comparison.verdict(), 1, Integer::sum);
            final double ratio = comparison.other().centre() / comparison.base().centre();
            if (ratio > 0 && Double.isFinite(ratio)) {
                logRatios[count++] = Math.log(ratio);
            }
        }
        if (count == 0) {
            return new FamilyChange(Double.NaN, Double.NaN, Double.NaN, ForkComparison.Verdict.INSUFFICIENT_FORKS,
                counts, 0);
        }
        final double[] used = Arrays.copyOf(logRatios, count);
        final double meanLog = ForkSummary.mean(used);
        final double change = (Math.exp(meanLog) - 1) * 100;
        final boolean anyTested = comparisons.stream()
            .anyMatch(comparison -> comparison.verdict() != ForkComparison.Verdict.INSUFFICIENT_FORKS);
        if (count == 1) {
            final ForkComparison.Verdict only = comparisons.size() == 1 ? comparisons.get(0).verdict()
                : (anyTested ? ForkComparison.Verdict.NO_CHANGE : ForkComparison.Verdict.INSUFFICIENT_FORKS);
            return new FamilyChange(change, Double.NaN, Double.NaN, only, counts, 1);
        }
        final double halfWidth = ForkSummary.tQuantile(count - 1) * Math.sqrt(ForkSummary.variance(used) / count);
        final double low = Math.exp(meanLog - halfWidth);
        final double high = Math.exp(meanLog + halfWidth);
        final ForkComparison.Verdict verdict;
        if (!anyTested) {
            verdict = ForkComparison.Verdict.INSUFFICIENT_FORKS;
        } else if ((low > 1 || high < 1) && Math.abs(change) >= rules.minEffectPercent()) {
            final Direction direction = comparisons.get(0).direction();
            final ForkComparison.Verdict claimed;
            final ForkComparison.Verdict opposite;
            if (direction == Direction.UNKNOWN) {
                claimed = ForkComparison.Verdict.DIFFERENT;
                opposite = null;
            } else {
                final boolean worse = direction.isWorse(1, Math.exp(meanLog));
                claimed = worse ? ForkComparison.Verdict.WORSE : ForkComparison.Verdict.BETTER;
                opposite = worse ? ForkComparison.Verdict.BETTER : ForkComparison.Verdict.WORSE;
            }
            final boolean rowsBackIt = counts.getOrDefault(claimed, 0) > 0
                && (opposite == null || counts.getOrDefault(opposite, 0) == 0);
            verdict = rowsBackIt ? claimed : ForkComparison.Verdict.NO_CHANGE;
        } else {
            verdict = ForkComparison.Verdict.NO_CHANGE;
        }
        return new FamilyChange(change, low, high, verdict, counts, count);
    }

    /** Rows with {@code verdict}. */
    public int rowsWith(final ForkComparison.Verdict verdict) {
        return rowVerdicts.getOrDefault(verdict, 0);
    }

    /** {@code 3 slower, 1 faster, 20 ~, 2 unstable, 0 ?} for a family line (faster/slower from the direction). */
    public String rowVerdictText(final Direction direction) {
        final int better = rowsWith(ForkComparison.Verdict.BETTER);
        final int worse = rowsWith(ForkComparison.Verdict.WORSE);
        final String betterWord = direction == Direction.HIGHER_IS_BETTER || direction == Direction.LOWER_IS_BETTER
            ? "faster" : "better";
        final String worseWord = betterWord.equals("faster") ? "slower" : "worse";
        final StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "%d %s, %d %s", better, betterWord, worse, worseWord));
        if (rowsWith(ForkComparison.Verdict.DIFFERENT) > 0) {
            text.append(", ").append(rowsWith(ForkComparison.Verdict.DIFFERENT)).append(" different");
        }
        text.append(", ").append(rowsWith(ForkComparison.Verdict.NO_CHANGE)).append(" ~");
        text.append(", ").append(rowsWith(ForkComparison.Verdict.UNSTABLE)).append(" unstable");
        if (rowsWith(ForkComparison.Verdict.INSUFFICIENT_FORKS) > 0) {
            text.append(", ").append(rowsWith(ForkComparison.Verdict.INSUFFICIENT_FORKS)).append(" ?");
        }
        return text.toString();
    }
}
