package io.merklebench.report;

import java.util.Locale;
import java.util.Map;

/**
 * Converts JMH scores to operations per second, so that an fsync or batch chart shows a rate whatever mode the
 * benchmark ran in: {@code ops/ms} × 1000, {@code us/op} → 10⁶ / score.
 */
final class Rates {
    /** Seconds per time unit as JMH prints it. */
    private static final Map<String, Double> SECONDS_PER_UNIT = Map.of(
        "ns", 1e-9, "us", 1e-6, "µs", 1e-6, "ms", 1e-3, "s", 1.0, "min", 60.0);

    private Rates() {
    }

    /** Operations per second for {@code score} in {@code unit}; NaN if the unit is neither ops/time nor time/op. */
    static double perSecond(final double score, final String unit) {
        final String normalized = unit.strip().toLowerCase(Locale.ROOT);
        final int slash = normalized.indexOf('/');
        if (slash < 0 || score <= 0) {
            return Double.NaN;
        }
        final String numerator = normalized.substring(0, slash);
        final String denominator = normalized.substring(slash + 1);
        if (denominator.equals("op") && SECONDS_PER_UNIT.containsKey(numerator)) {
            return 1 / (score * SECONDS_PER_UNIT.get(numerator));
        }
        if (SECONDS_PER_UNIT.containsKey(denominator) && !SECONDS_PER_UNIT.containsKey(numerator)) {
            return score / SECONDS_PER_UNIT.get(denominator);
        }
        return Double.NaN;
    }
}
