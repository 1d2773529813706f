package io.merklebench.results;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * Numbers in the results files: '.' as decimal separator whatever the default locale, plain notation where it stays
 * short, and an empty cell for "not applicable" ({@link Double#NaN}). Parsing accepts only plain decimal or
 * E-notation, so {@code 1,5} (a comma-decimal locale), {@code NaN}, {@code Infinity} or {@code 0x1p3} are rejected.
 */
final class CsvNumbers {
    private static final Pattern DECIMAL = Pattern.compile("[-+]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?");
    /** Integral doubles below this magnitude print without a fraction (exact in a double up to 2^53). */
    private static final double LARGEST_PLAIN_INTEGRAL = 1e15;
    /** Below this magnitude plain notation gets long (0.0000001...), so E-notation is used instead. */
    private static final double SMALLEST_PLAIN = 1e-6;

    private CsvNumbers() {
    }

    /** The text for a cell: empty for NaN; otherwise a representation that parses back to exactly {@code value}. */
    static String format(final double value) {
        if (Double.isNaN(value)) {
            return "";
        }
        if (Double.isInfinite(value)) {
            throw new IllegalArgumentException("numbers in results files must be finite: value=" + value);
        }
        final double magnitude = Math.abs(value);
        if (value == Math.rint(value) && magnitude < LARGEST_PLAIN_INTEGRAL) {
            return Long.toString((long) value);
        }
        // Double.toString is locale-independent and round-trips; BigDecimal only removes its exponent.
        final String shortest = Double.toString(value);
        if (magnitude >= SMALLEST_PLAIN && magnitude < LARGEST_PLAIN_INTEGRAL) {
            return new BigDecimal(shortest).stripTrailingZeros().toPlainString();
        }
        return shortest;
    }

    static String format(final long value) {
        return Long.toString(value);
    }

    static boolean isDecimal(final String text) {
        return DECIMAL.matcher(text).matches();
    }

    /** Parses a cell written by {@link #format(double)}; throws {@link NumberFormatException} naming the rule. */
    static double parse(final String text) {
        if (!isDecimal(text)) {
            throw new NumberFormatException(text.indexOf(',') >= 0
                ? "not a number (the decimal separator is '.')" : "not a number");
        }
        final double value = Double.parseDouble(text);
        if (Double.isInfinite(value)) {
            throw new NumberFormatException("number out of range");
        }
        return value;
    }
}
