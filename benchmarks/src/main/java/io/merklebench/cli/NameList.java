package io.merklebench.cli;

import io.merklebench.analysis.cli.UserErrors;

import java.util.ArrayList;
import java.util.List;

/** Engine or store names given on the command line, checked against the registry's. */
final class NameList {
    private NameList() {
    }

    /**
     * {@code given} trimmed, without repeats, each one of {@code registered}; {@code null} or the one word
     * {@code all} gives {@code registered}.
     *
     * @throws UserErrors.UserException naming {@code option} and the valid names, for an unknown name
     */
    static List<String> validated(final String option, final List<String> given, final List<String> registered) {
        if (given == null || given.size() == 1 && "all".equals(given.get(0).trim())) {
            return registered;
        }
        final List<String> names = new ArrayList<>();
        for (final String name : given) {
            final String trimmed = name.trim();
            if (!registered.contains(trimmed)) {
                throw new UserErrors.UserException("unknown name in " + option + ": '" + trimmed + "'; expected one of: "
                    + String.join(", ", registered) + " (or all)");
            }
            if (!names.contains(trimmed)) {
                names.add(trimmed);
            }
        }
        return names;
    }
}
