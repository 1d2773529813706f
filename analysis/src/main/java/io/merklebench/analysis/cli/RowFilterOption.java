package io.merklebench.analysis.cli;

import picocli.CommandLine.Option;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The {@code --filter REGEX} option of {@code diff} and {@code power}, as a picocli mixin: only rows whose
 * {@code benchmark name=value ...} label contains a match of the regular expression.
 */
final class RowFilterOption {
    @Option(names = "--filter", paramLabel = "REGEX", description = "only rows whose 'benchmark name=value ...'"
        + " label contains a match, e.g. '^query\\.' or 'store=rocksdb'")
    private String regex;

    /**
     * The compiled filter; null without {@code --filter}.
     *
     * @throws UserErrors.UserException naming the expression and the position of the error if it does not compile
     */
    Pattern pattern() {
        if (regex == null) {
            return null;
        }
        try {
            return Pattern.compile(regex);
        } catch (final PatternSyntaxException e) {
            throw new UserErrors.UserException("--filter is not a valid regular expression: --filter=" + regex
                + " (" + e.getDescription() + " near index " + e.getIndex() + ")");
        }
    }
}
