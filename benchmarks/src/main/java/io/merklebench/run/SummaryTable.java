package io.merklebench.run;

import io.merklebench.results.ResultColumns;
import io.merklebench.results.ResultRow;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The short table {@code mbench run} prints at the end: one line per result row with its params, score, error and
 * unit, the spread between its forks, and the sync and write figures where the row has them. Numbers use
 * {@link Locale#ROOT}. Stateless.
 */
public final class SummaryTable {
    private SummaryTable() {
    }

    public static void print(final List<ResultRow> rows, final PrintWriter out) {
        int labelWidth = 0;
        for (final ResultRow row : rows) {
            labelWidth = Math.max(labelWidth, label(row).length());
        }
        for (final ResultRow row : rows) {
            final StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  %-" + labelWidth + "s  %12s",
                label(row), number(row.score())));
            line.append(Double.isNaN(row.error()) ? "           " : " ± " + String.format(Locale.ROOT, "%-8s",
                number(row.error())));
            line.append(' ').append(row.unit());
            if (!Double.isNaN(row.forkCvPercent())) {
                line.append("  fork cv=").append(number(row.forkCvPercent())).append("% of ").append(row.forks());
            }
            if (!Double.isNaN(row.p99())) {
                line.append("  p99=").append(number(row.p99()));
            }
            if (!Double.isNaN(row.syncsPerOp())) {
                line.append("  syncs/op=").append(number(row.syncsPerOp()));
            }
            if (!Double.isNaN(row.storeBytesPerOp())) {
                line.append("  store B/op=").append(number(row.storeBytesPerOp()));
            }
            if (!Double.isNaN(row.deviceWriteBytesPerOp())) {
                line.append("  device B/op=").append(number(row.deviceWriteBytesPerOp()));
            }
            if (!Double.isNaN(row.deviceFlushesPerOp())) {
                line.append("  flushes/op=").append(number(row.deviceFlushesPerOp()));
            }
            if (!Double.isNaN(row.allocBytesPerOp())) {
                line.append("  alloc B/op=").append(number(row.allocBytesPerOp()));
            }
            out.println(line);
        }
        out.flush();
    }

    /** Benchmark and params, without the ever-present {@code threads=1}. */
    static String label(final ResultRow row) {
        final StringBuilder text = new StringBuilder(row.benchmark());
        for (final Map.Entry<String, String> param : row.params().entrySet()) {
            if (param.getKey().equals(ResultColumns.THREADS) && param.getValue().equals("1")) {
                continue;
            }
            text.append(' ').append(param.getKey()).append('=').append(param.getValue());
        }
        return text.toString();
    }

    /** Three significant digits at least, no exponent for everyday magnitudes. */
    static String number(final double value) {
        final double magnitude = Math.abs(value);
        if (magnitude >= 1000 || magnitude == 0) {
            return String.format(Locale.ROOT, "%.0f", value);
        }
        if (magnitude >= 10) {
            return String.format(Locale.ROOT, "%.1f", value);
        }
        if (magnitude >= 0.01) {
            return String.format(Locale.ROOT, "%.3f", value);
        }
        return String.format(Locale.ROOT, "%.2e", value);
    }
}
