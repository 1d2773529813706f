package io.merklebench.report;

import io.merklebench.results.ResultRow;

/**
 * One result row of one run, as a chart sees it.
 *
 * @param runIndex index of the run in the report (0 = A)
 * @param row the result
 */
record ChartPoint(int runIndex, ResultRow row) {
    String param(final String column) {
        return row.params().get(column);
    }

    /** The parameter as a number, NaN if absent or not numeric. */
    double numericParam(final String column) {
        final String value = param(column);
        if (value == null) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(value);
        } catch (final NumberFormatException notNumeric) {
            return Double.NaN;
        }
    }
}
