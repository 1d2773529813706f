package io.merklebench.stats;

import org.apache.commons.statistics.inference.DataDispersion;
import org.apache.commons.statistics.inference.TTest;

import java.util.Locale;

/**
 * One side compared with the base side, fork by fork: the change of the centre, Welch's two-sample t-test on the
 * per-fork values (on their logarithms where both sides have them, see {@link ForkSummary}), the 95% interval of the
 * ratio other / base, and a verdict under {@link VerdictRules}. Immutable.
 *
 * <p>Why Welch on fork values: the fork is the unit that varies independently (see {@link ForkSummary}); the two
 * sides may have different spreads (a store on one disk, another on another), which Welch allows; and unlike
 * Mann-Whitney it can reach p &lt; 0.05 at 3 forks per side (Mann-Whitney's smallest two-sided p at 3 vs 3 is 0.1).
 * With few forks the interval is wide, as it should be: 3 forks at 3% noise detect a 10% change about 3 times in 4,
 * 4 forks 19 times in 20 ({@link PowerEstimate}).
 *
 * <p>The verdict, in this order: {@link Verdict#INSUFFICIENT_FORKS} with fewer than 2 forks on a side (every run
 * recorded before forks were the unit has 1); {@link Verdict#UNSTABLE} when a side's 95% interval is wider than the
 * ceiling ({@link VerdictRules#maxIntervalPercent()}: noise over the square root of the forks, so more forks lift it);
 * {@link Verdict#NO_CHANGE} ({@code ~}) when p &gt;= alpha, or the change is below the minimum effect, or the change
 * is smaller than the noisier side's noise; else better, worse or (unit without direction) different.
 *
 * @param base          the base side
 * @param other         the compared side
 * @param changePercent (other centre / base centre - 1) x 100; NaN if the base centre is 0
 * @param ratioLow      lower end of the 95% interval of other / base (on the log scale; NaN without a test)
 * @param ratioHigh     upper end
 * @param pValue        two-sided Welch p-value, NaN without a test
 * @param rules         the thresholds applied
 * @param direction     which way is better for the unit
 * @param verdict       the reading of the numbers
 * @param note          why there is no verdict, else empty
 */
public record ForkComparison(ForkSummary base, ForkSummary other, double changePercent, double ratioLow,
                             double ratioHigh, double pValue, VerdictRules rules, Direction direction,
                             Verdict verdict, String note) {
    /** Forks per side below which there is no test. */
    public static final int MINIMUM_FORKS = 2;
    /** The fork count {@code mbench run} should be asked for, in notes. */
    public static final int RECOMMENDED_FORKS = 3;

    private static final TTest WELCH = TTest.withDefaults().with(DataDispersion.HETEROSCEDASTIC);

    /** What the comparison says. */
    public enum Verdict {
        /** A real change, better in the unit's direction. */
        BETTER,
        /** A real change, worse in the unit's direction: a regression. */
        WORSE,
        /** A real change of a unit with no known direction. */
        DIFFERENT,
        /** Within the noise, below the minimum effect, or not significant: printed {@code ~}. */
        NO_CHANGE,
        /** A side's forks disagree too much with each other, for their number, for any verdict. */
        UNSTABLE,
        /** Fewer than {@value #MINIMUM_FORKS} forks on a side: printed {@code ?}. */
        INSUFFICIENT_FORKS;

        /** True for the verdicts that claim a change. */
        public boolean isChange() {
            return this == BETTER || this == WORSE || this == DIFFERENT;
        }
    }

    /** Compares {@code other} with {@code base}. */
    public static ForkComparison of(final ForkSummary base, final ForkSummary other, final VerdictRules rules,
                                    final Direction direction) {
        final double change = base.centre() == 0 ? Double.NaN
            : (other.centre() / base.centre() - 1) * 100;
        if (base.forkCount() < MINIMUM_FORKS || other.forkCount() < MINIMUM_FORKS) {
            final String note = (base.forkCount() == 1 && other.forkCount() == 1 ? "1 fork per side"
                : "forks per side: " + base.forkCount() + " and " + other.forkCount())
                + ": rerun with --forks " + RECOMMENDED_FORKS + " or more";
            return new ForkComparison(base, other, change, Double.NaN, Double.NaN, Double.NaN, rules, direction,
                Verdict.INSUFFICIENT_FORKS, note);
        }
        final boolean useLogs = base.logScale() && other.logScale();
        final double[] baseValues = base.testScale(useLogs);
        final double[] otherValues = other.testScale(useLogs);
        final double difference = ForkSummary.mean(otherValues) - ForkSummary.mean(baseValues);
        final double baseShare = ForkSummary.variance(baseValues) / baseValues.length;
        final double otherShare = ForkSummary.variance(otherValues) / otherValues.length;
        final double standardError = Math.sqrt(baseShare + otherShare);
        final double pValue;
        final double ratioLow;
        final double ratioHigh;
        if (standardError == 0) {
            // Every fork of both sides gave the same value: any difference is exact.
            pValue = difference == 0 ? 1.0 : 0.0;
            ratioLow = ratio(useLogs, difference, base);
            ratioHigh = ratioLow;
        } else {
            pValue = WELCH.test(baseValues, otherValues).getPValue();
            final double degreesOfFreedom = (baseShare + otherShare) * (baseShare + otherShare)
                / (baseShare * baseShare / (baseValues.length - 1) + otherShare * otherShare / (otherValues.length - 1));
            final double halfWidth = ForkSummary.tQuantile(degreesOfFreedom) * standardError;
            ratioLow = ratio(useLogs, difference - halfWidth, base);
            ratioHigh = ratio(useLogs, difference + halfWidth, base);
        }
        final double noise = Math.max(base.noisePercent(), other.noisePercent());
        final double interval = Math.max(base.halfWidthPercent(), other.halfWidthPercent());
        final Verdict verdict;
        final String note;
        if (interval > rules.maxIntervalPercent()) {
            verdict = Verdict.UNSTABLE;
            note = String.format(Locale.ROOT, "95%% interval ±%.1f%% > --max-interval %s%% (fork noise %.1f%%)",
                interval, VerdictRules.plain(rules.maxIntervalPercent()), noise);
        } else if (pValue >= rules.alpha() || Double.isNaN(change) || Math.abs(change) < rules.minEffectPercent()
            || Math.abs(change) < noise) {
            verdict = Verdict.NO_CHANGE;
            note = "";
        } else if (direction == Direction.UNKNOWN) {
            verdict = Verdict.DIFFERENT;
            note = "";
        } else {
            verdict = direction.isWorse(base.centre(), other.centre()) ? Verdict.WORSE : Verdict.BETTER;
            note = "";
        }
        return new ForkComparison(base, other, change, ratioLow, ratioHigh, pValue, rules, direction, verdict, note);
    }

    /** True if the verdict claims a change. */
    public boolean isSignificant() {
        return verdict.isChange();
    }

    /** {@code ~}, {@code unstable}, {@code ?}, or e.g. {@code 12.3% slower}. */
    public String summary() {
        return switch (verdict) {
            case NO_CHANGE -> "~";
            case UNSTABLE -> "unstable";
            case INSUFFICIENT_FORKS -> "?";
            default -> String.format(Locale.ROOT, "%.1f%% %s", Math.abs(changePercent),
                direction.describe(other.centre() > base.centre()));
        };
    }

    /** other / base at the given difference of test-scale means. */
    private static double ratio(final boolean useLogs, final double difference, final ForkSummary base) {
        if (useLogs) {
            return Math.exp(difference);
        }
        return base.centre() == 0 ? Double.NaN : 1 + difference / base.centre();
    }
}
