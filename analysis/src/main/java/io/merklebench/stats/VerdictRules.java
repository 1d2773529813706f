package io.merklebench.stats;

import java.util.Locale;

/**
 * When {@code mbench diff} calls a change real: the significance level of the per-fork test, the smallest change
 * worth reporting, and how precisely a side's centre must be known (the half-width of its 95% interval, which the
 * between-fork noise and the number of forks set) for any verdict at all. Immutable.
 *
 * <p>Why three rules and not only a p-value: the test sees the variation between the forks of one run, but two runs
 * taken back to back also differ as a whole (the machine's state drifts between them: page cache, a neighbour, the
 * disk's write-back), which no replication inside a run can show. A minimum effect keeps such drift from being
 * reported as a change; an interval ceiling keeps rows whose forks disagree with each other (JIT decisions that
 * differ between forks, placement, a neighbour on the host) from getting a verdict their few forks do not support.
 *
 * @param alpha              significance level of Welch's test on the per-fork values, in (0, 1)
 * @param minEffectPercent   a change smaller than this (in percent of the base) is reported as {@code ~}
 * @param maxIntervalPercent a side whose centre's 95% interval reaches further than this from the centre (in percent
 *                           of it) is {@code unstable}: its forks do not pin it down well enough for any verdict
 */
public record VerdictRules(double alpha, double minEffectPercent, double maxIntervalPercent) {
    /**
     * The defaults of {@code mbench diff}: alpha 0.05 as benchstat; 5% minimum effect, about the drift seen between
     * back-to-back runs of the quick profile on a shared 2-core VM; a 50% interval ceiling: a side whose centre is
     * known only to within ±50% cannot resolve even a 1.5x change. The ceiling is on the interval rather than on
     * the noise itself so that more forks buy verdicts: at 3 forks it is reached at 20% between-fork noise (t(2) =
     * 4.3 times 20% over the square root of 3), at 8 forks at about 60%. The quick runs with 3 forks on the
     * development VM had a median between-fork noise of 10 to 18% (forks disagree for real there: one fork of a
     * query at 285 ns, one at 460, each steady within itself).
     */
    public static final double DEFAULT_ALPHA = 0.05;
    public static final double DEFAULT_MIN_EFFECT_PERCENT = 5.0;
    public static final double DEFAULT_MAX_INTERVAL_PERCENT = 50.0;
    public static final VerdictRules DEFAULTS =
        new VerdictRules(DEFAULT_ALPHA, DEFAULT_MIN_EFFECT_PERCENT, DEFAULT_MAX_INTERVAL_PERCENT);

    public VerdictRules {
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("--alpha must be between 0 and 1 (exclusive): --alpha=" + alpha);
        }
        if (!(minEffectPercent >= 0) || Double.isInfinite(minEffectPercent)) {
            throw new IllegalArgumentException("--min-effect must be a percentage >= 0: --min-effect="
                + minEffectPercent);
        }
        if (!(maxIntervalPercent > 0) || Double.isInfinite(maxIntervalPercent)) {
            throw new IllegalArgumentException("--max-interval must be a percentage > 0: --max-interval="
                + maxIntervalPercent);
        }
    }

    /** {@code alpha=0.05 min-effect=5% max-interval=50%}: what the diff header prints. */
    public String describe() {
        return String.format(Locale.ROOT, "alpha=%s min-effect=%s%% max-interval=%s%%", plain(alpha),
            plain(minEffectPercent), plain(maxIntervalPercent));
    }

    /** {@code 5} for 5.0, {@code 2.5} for 2.5: a threshold as a user typed it. */
    public static String plain(final double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
