package io.merklebench.stats;

import java.util.Locale;

/**
 * When {@code mbench diff} calls a change real: the significance level of the per-fork test, the smallest change
 * worth reporting, and the largest between-fork noise a side may have for any verdict at all. Immutable.
 *
 * <p>Why three rules and not only a p-value: the test sees the variation between the forks of one run, but two runs
 * taken back to back also differ as a whole (the machine's state drifts between them: page cache, a neighbour, the
 * disk's write-back), which no replication inside a run can show. A minimum effect keeps such drift from being
 * reported as a change; a noise ceiling keeps rows whose forks disagree with each other (JIT decisions that differ
 * between forks, bimodal placement) from getting a verdict their own spread does not support.
 *
 * @param alpha             significance level of Welch's test on the per-fork values, in (0, 1)
 * @param minEffectPercent  a change smaller than this (in percent of the base) is reported as {@code ~}
 * @param maxNoisePercent   a side whose between-fork coefficient of variation exceeds this is {@code unstable}
 */
public record VerdictRules(double alpha, double minEffectPercent, double maxNoisePercent) {
    /**
     * The defaults of {@code mbench diff}: alpha 0.05 as benchstat; 5% minimum effect, about the drift seen between
     * back-to-back runs of the quick profile on a shared 2-core VM; 20% noise ceiling: at 20% between-fork variation
     * the 95% interval of a 3-fork centre is about ±50% (t(2) = 4.3 times 20% over the square root of 3), so such a
     * row cannot resolve even a 1.5x change. The first quick runs with 3 forks on the development VM had a median
     * between-fork noise of 7 to 11% (forks disagree for real there: one fork of a block cycle at 50 us/tx, two at
     * 90, each steady within itself), so a 10% ceiling would have left half the rows without a verdict.
     */
    public static final double DEFAULT_ALPHA = 0.05;
    public static final double DEFAULT_MIN_EFFECT_PERCENT = 5.0;
    public static final double DEFAULT_MAX_NOISE_PERCENT = 20.0;
    public static final VerdictRules DEFAULTS =
        new VerdictRules(DEFAULT_ALPHA, DEFAULT_MIN_EFFECT_PERCENT, DEFAULT_MAX_NOISE_PERCENT);

    public VerdictRules {
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("--alpha must be between 0 and 1 (exclusive): --alpha=" + alpha);
        }
        if (!(minEffectPercent >= 0) || Double.isInfinite(minEffectPercent)) {
            throw new IllegalArgumentException("--min-effect must be a percentage >= 0: --min-effect="
                + minEffectPercent);
        }
        if (!(maxNoisePercent > 0) || Double.isInfinite(maxNoisePercent)) {
            throw new IllegalArgumentException("--max-noise must be a percentage > 0: --max-noise=" + maxNoisePercent);
        }
    }

    /** {@code alpha=0.05 min-effect=5% max-noise=20%}: what the diff header prints. */
    public String describe() {
        return String.format(Locale.ROOT, "alpha=%s min-effect=%s%% max-noise=%s%%", plain(alpha),
            plain(minEffectPercent), plain(maxNoisePercent));
    }

    /** {@code 5} for 5.0, {@code 2.5} for 2.5: a threshold as a user typed it. */
    public static String plain(final double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
