package io.merklebench.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/** Number formatting for people (diff tables, report): four significant digits, '.' decimals, no locale. */
final class Numbers {
    private static final MathContext FOUR_DIGITS = new MathContext(4);

    private Numbers() {
    }

    /** 812.5, 42000, 0.01563, 1.235e+07; "-" for NaN. */
    static String value(final double value) {
        if (Double.isNaN(value)) {
            return "-";
        }
        final double magnitude = Math.abs(value);
        if (magnitude != 0 && (magnitude >= 1e7 || magnitude < 1e-3)) {
            return String.format(Locale.ROOT, "%.3e", value);
        }
        return new BigDecimal(value).round(FOUR_DIGITS).stripTrailingZeros().toPlainString();
    }

    /** Signed percent with one decimal: +12.3%, -4.0%; "-" for NaN. */
    static String signedPercent(final double percent) {
        return Double.isNaN(percent) ? "-" : String.format(Locale.ROOT, "%+.1f%%", percent);
    }

    /** {@code p=0.123}, or {@code p<0.001} below that; {@code p=-} for NaN. */
    static String pEquals(final double pValue) {
        final String text = pValue(pValue);
        return text.startsWith("<") ? "p" + text : "p=" + text;
    }

    /** p-value with three decimals, "<0.001" below; "-" for NaN. */
    static String pValue(final double pValue) {
        if (Double.isNaN(pValue)) {
            return "-";
        }
        return pValue < 0.001 ? "<0.001" : String.format(Locale.ROOT, "%.3f", pValue);
    }
}
