package io.merklebench.stats;

/**
 * One side compared against the base side, benchstat style: median change in percent, the two-sided Mann–Whitney
 * p-value, and a verdict that is {@link Verdict#NO_CHANGE} ("~") unless p &lt; alpha. Immutable.
 *
 * <p>The iteration-level comparison: every measured iteration counts as one sample. {@code mbench diff} and the
 * report used it until the fork became the unit of replication and no longer call it; {@link ForkComparison} replaced
 * it. Iterations of one fork share that JVM's JIT decisions, heap layout and page placement, so they are not
 * independent: pooled, ten iterations of each of three forks look like thirty samples, and a difference between forks
 * (which a rerun would show just as well) becomes a "significant" change ({@code ForkStatisticsTest} builds such a
 * pair; two back-to-back quick runs of one fork per case were called faster or slower on 24% of rows). It is kept,
 * with {@link MannWhitney} and {@link MedianInterval}, because their tests pin published reference values and the
 * A/A and power figures of this method, which {@code docs/statistics.md} compares the fork-level method with.
 *
 * @param base median and interval of the base side
 * @param other median and interval of the compared side
 * @param changePercent (other median − base median) / base median × 100; NaN if the base median is 0 or missing
 * @param pValue two-sided Mann–Whitney p-value; NaN when there are too few samples to test
 * @param alpha significance level used for the verdict
 * @param direction which way is better, from the unit
 * @param verdict the reading of the numbers
 * @param note why there is no verdict ("need ≥ 4 samples per side, have 3 and 5"), else empty
 */
public record SampleComparison(
    MedianInterval base,
    MedianInterval other,
    double changePercent,
    double pValue,
    double alpha,
    Direction direction,
    Verdict verdict,
    String note) {

    /** What the comparison says. */
    public enum Verdict {
        /** Significant and better in the unit's direction. */
        BETTER,
        /** Significant and worse in the unit's direction: a regression. */
        WORSE,
        /** Significant, but the unit has no known direction. */
        DIFFERENT,
        /** Not significant: p ≥ alpha, printed "~". */
        NO_CHANGE,
        /** Too few samples on a side to tell. */
        INSUFFICIENT_SAMPLES
    }

    /** Compares {@code otherValues} with {@code baseValues} at level {@code alpha} (e.g. 0.05). */
    public static SampleComparison of(final double[] baseValues, final double[] otherValues, final double alpha,
                                      final Direction direction) {
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha must be between 0 and 1 (exclusive): alpha=" + alpha);
        }
        final double confidence = MedianInterval.DEFAULT_CONFIDENCE;
        final MedianInterval base = MedianInterval.of(baseValues, confidence);
        final MedianInterval other = MedianInterval.of(otherValues, confidence);
        final double change = base.sampleCount() == 0 || other.sampleCount() == 0 || base.median() == 0
            ? Double.NaN
            : (other.median() - base.median()) / Math.abs(base.median()) * 100;
        final double minimumP = baseValues.length == 0 || otherValues.length == 0
            ? 1.0 : MannWhitney.minimumPValue(baseValues.length, otherValues.length);
        if (minimumP >= alpha) {
            final String note = "need >= " + MannWhitney.minimumSamplesPerSide(alpha) + " samples per side for alpha="
                + alpha + ", have " + baseValues.length + " and " + otherValues.length;
            return new SampleComparison(base, other, change, Double.NaN, alpha, direction,
                Verdict.INSUFFICIENT_SAMPLES, note);
        }
        final double pValue = MannWhitney.test(baseValues, otherValues).pValue();
        final Verdict verdict;
        if (pValue >= alpha || Double.isNaN(change) || other.median() == base.median()) {
            verdict = Verdict.NO_CHANGE;
        } else if (direction == Direction.UNKNOWN) {
            verdict = Verdict.DIFFERENT;
        } else {
            verdict = direction.isWorse(base.median(), other.median()) ? Verdict.WORSE : Verdict.BETTER;
        }
        return new SampleComparison(base, other, change, pValue, alpha, direction, verdict, "");
    }

    /** True if the change is significant (p &lt; alpha). */
    public boolean isSignificant() {
        return verdict == Verdict.BETTER || verdict == Verdict.WORSE || verdict == Verdict.DIFFERENT;
    }

    /** "~" when not significant, "?" without enough samples, else e.g. "12.3% slower". */
    public String summary() {
        return switch (verdict) {
            case NO_CHANGE -> "~";
            case INSUFFICIENT_SAMPLES -> "?";
            default -> String.format(java.util.Locale.ROOT, "%.1f%% %s", Math.abs(changePercent),
                direction.describe(other.median() > base.median()));
        };
    }
}
