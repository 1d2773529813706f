package io.merklebench.analysis.cli;

import io.merklebench.stats.VerdictRules;
import picocli.CommandLine.Option;

/**
 * The options of {@code diff} and {@code power} that set {@link VerdictRules} ({@code --alpha}, {@code --min-effect},
 * {@code --max-interval}), as a picocli mixin: {@code power} then estimates the detection probability under the same
 * rules the diff will use.
 */
final class VerdictRulesOptions {
    @Option(names = "--alpha", defaultValue = "" + VerdictRules.DEFAULT_ALPHA, paramLabel = "P",
        description = "significance level of Welch's test on the per-fork values (default: ${DEFAULT-VALUE})")
    private double alpha;

    @Option(names = "--min-effect", defaultValue = "" + VerdictRules.DEFAULT_MIN_EFFECT_PERCENT, paramLabel = "PCT",
        description = "smallest change in percent that gets a verdict; smaller ones print '~' (default:"
            + " ${DEFAULT-VALUE}): two runs back to back differ as a whole by a few percent on a shared machine")
    private double minEffectPercent;

    @Option(names = "--max-interval", defaultValue = "" + VerdictRules.DEFAULT_MAX_INTERVAL_PERCENT,
        paramLabel = "PCT",
        description = "widest 95%% interval (how far it reaches from the centre, percent) a side may have for a"
            + " verdict; wider rows print 'unstable' (default: ${DEFAULT-VALUE}). The interval is the between-fork"
            + " noise over the square root of the forks: at 3 forks 50%% is reached at 20%% noise; more forks give"
            + " noisy rows a verdict")
    private double maxIntervalPercent;

    /**
     * The rules the options give.
     *
     * @throws UserErrors.UserException naming the option if a value is out of range
     */
    VerdictRules rules() {
        try {
            return new VerdictRules(alpha, minEffectPercent, maxIntervalPercent);
        } catch (final IllegalArgumentException e) {
            throw new UserErrors.UserException(e.getMessage());
        }
    }
}
