package io.merklebench.results;

import java.util.Map;

/**
 * One row of {@code samples.csv}: the score of one measured iteration of one fork. {@code mbench diff} computes
 * medians, confidence intervals and p-values from these. Immutable.
 *
 * @param benchmark {@code <family>.<case>}, the same as the matching {@link ResultRow}
 * @param params parameter column to value, the same as the matching {@link ResultRow}
 * @param mode JMH mode short label
 * @param unit unit of {@code value}, the same as the result's score unit
 * @param fork 1-based JMH fork number (0 when JMH ran without forking)
 * @param iteration 1-based measurement iteration within the fork
 * @param value the iteration's score in {@code unit}
 */
public record SampleRow(
    String benchmark, Map<String, String> params, String mode, String unit, int fork, int iteration, double value) {

    public SampleRow {
        final RowKey key = new RowKey(benchmark, params);
        benchmark = key.benchmark();
        params = key.params();
        mode = Modes.requireMode(mode);
        unit = ResultRow.requireUnit(unit);
        if (fork < 0) {
            throw new IllegalArgumentException("fork must be >= 0: fork=" + fork);
        }
        if (iteration < 1) {
            throw new IllegalArgumentException("iteration must be >= 1: iteration=" + iteration);
        }
        ResultRow.requireFinite(ResultColumns.VALUE, value);
    }

    /** Benchmark and parameters, equal to the matching {@link ResultRow#key()}. */
    public RowKey key() {
        return new RowKey(benchmark, params);
    }
}
