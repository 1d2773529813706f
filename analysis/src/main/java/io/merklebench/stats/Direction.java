package io.merklebench.stats;

import java.util.Locale;

/**
 * Which way is better for a unit: more operations per second, or less time (or fewer bytes) per operation. Derived
 * from the JMH unit text so that a report can say "faster"/"slower" instead of a bare sign.
 */
public enum Direction {
    /** Throughput units such as {@code ops/s}, {@code ops/ms}: a larger number is better. */
    HIGHER_IS_BETTER,
    /** Cost units such as {@code ns/op}, {@code us/op}, {@code B/op}, {@code B/key}: a smaller number is better. */
    LOWER_IS_BETTER,
    /** A unit this toolkit does not recognise: changes are reported as "higher"/"lower" only. */
    UNKNOWN;

    /**
     * {@code ops/s} and any {@code <something>/<time>} are throughput; {@code <something>/op} and bytes per anything
     * ({@code B/key}) are costs.
     */
    public static Direction ofUnit(final String unit) {
        final String normalized = unit.strip().toLowerCase(Locale.ROOT);
        if (normalized.endsWith("/op") || normalized.startsWith("b/") || normalized.startsWith("bytes/")) {
            return LOWER_IS_BETTER; // time or bytes per operation, bytes per key
        }
        if (normalized.startsWith("ops/") || normalized.matches(".+/(ns|us|µs|ms|s|sec|min|h)")) {
            return HIGHER_IS_BETTER;
        }
        return UNKNOWN;
    }

    /** The word for a change from {@code base} to a larger ({@code increased}) value: faster, slower, higher, lower. */
    public String describe(final boolean increased) {
        return switch (this) {
            case HIGHER_IS_BETTER -> increased ? "faster" : "slower";
            case LOWER_IS_BETTER -> increased ? "slower" : "faster";
            case UNKNOWN -> increased ? "higher" : "lower";
        };
    }

    /** True if going from {@code base} to {@code other} is a regression (worse) in this direction. */
    public boolean isWorse(final double base, final double other) {
        return switch (this) {
            case HIGHER_IS_BETTER -> other < base;
            case LOWER_IS_BETTER -> other > base;
            case UNKNOWN -> false;
        };
    }
}
