package io.merklebench.results;

import java.util.List;

/** The JMH benchmark modes a results row may carry, by JMH's short label. */
final class Modes {
    /** Throughput, average time, sampled time, single shot: JMH {@code Mode.shortLabel()} values. */
    static final List<String> SHORT_LABELS = List.of("thrpt", "avgt", "sample", "ss");

    private Modes() {
    }

    static String requireMode(final String mode) {
        if (mode == null || !SHORT_LABELS.contains(mode)) {
            throw new IllegalArgumentException("unknown mode '" + mode + "'; expected one of: "
                + String.join(", ", SHORT_LABELS));
        }
        return mode;
    }
}
