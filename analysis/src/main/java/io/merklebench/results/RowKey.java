package io.merklebench.results;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What identifies a result between runs: the benchmark name and every parameter. Two runs' rows are compared only
 * when their keys are equal. Immutable; {@code params} is copied into {@link ResultColumns#PARAM_COLUMNS} order and
 * parameters with an empty value are dropped (empty means "not applicable"), and so is {@code fastIndex=false}: the
 * index off is the default every row had before the column existed, so those rows and today's compare.
 *
 * @param benchmark {@code <family>.<case>}, e.g. {@code query.hit}
 * @param params parameter column to value, only the columns that apply
 */
public record RowKey(String benchmark, Map<String, String> params) implements Comparable<RowKey> {
    public RowKey {
        benchmark = requireBenchmarkName(benchmark);
        params = normalizeParams(params);
    }

    /** The family: text before the first dot of the benchmark name, e.g. {@code query} for {@code query.hit}. */
    public String family() {
        return benchmark.substring(0, benchmark.indexOf('.'));
    }

    /** The case: text after the first dot, e.g. {@code hit} for {@code query.hit}. */
    public String caseName() {
        return benchmark.substring(benchmark.indexOf('.') + 1);
    }

    /** {@code query.hit engine=heap store=rocksdb size=10000}: the benchmark then each parameter as name=value. */
    public String label() {
        final StringBuilder label = new StringBuilder(benchmark);
        params.forEach((name, value) -> label.append(' ').append(name).append('=').append(value));
        return label.toString();
    }

    /** Orders by benchmark, then by parameters in column order (numbers numerically, so 10000 sorts before 100000). */
    @Override
    public int compareTo(final RowKey other) {
        final int byBenchmark = benchmark.compareTo(other.benchmark);
        if (byBenchmark != 0) {
            return byBenchmark;
        }
        for (final String column : ResultColumns.PARAM_COLUMNS) {
            final int byParam = compareValues(params.get(column), other.params.get(column));
            if (byParam != 0) {
                return byParam;
            }
        }
        return 0;
    }

    @Override
    public String toString() {
        return label();
    }

    static String requireBenchmarkName(final String benchmark) {
        Labels.requireCsvSafe(ResultColumns.BENCHMARK, benchmark);
        final int dot = benchmark.indexOf('.');
        if (dot <= 0 || dot == benchmark.length() - 1 || benchmark.indexOf(' ') >= 0) {
            throw new IllegalArgumentException("benchmark must be <family>.<case> without spaces, e.g. query.hit: "
                + "benchmark=" + benchmark);
        }
        return benchmark;
    }

    private static Map<String, String> normalizeParams(final Map<String, String> params) {
        if (params == null) {
            throw new IllegalArgumentException("params must not be null (use an empty map)");
        }
        for (final String column : params.keySet()) {
            if (!ResultColumns.isParam(column)) {
                throw new IllegalArgumentException("unknown parameter column '" + column + "'; expected one of: "
                    + String.join(", ", ResultColumns.PARAM_COLUMNS));
            }
        }
        final Map<String, String> ordered = new LinkedHashMap<>();
        for (final String column : ResultColumns.PARAM_COLUMNS) {
            final String value = params.get(column);
            if (value != null && !value.isEmpty() && !isDefaultFastIndex(column, value)) {
                ordered.put(column, Labels.requireCsvSafe(column, value));
            }
        }
        return Collections.unmodifiableMap(ordered);
    }

    /** {@code fastIndex=false}, dropped as the default; any value but true and false is refused. */
    private static boolean isDefaultFastIndex(final String column, final String value) {
        if (!column.equals(ResultColumns.FAST_INDEX) || value.equals(ResultColumns.FAST_INDEX_ON)) {
            return false;
        }
        if (value.equals("false")) {
            return true;
        }
        throw new IllegalArgumentException("fastIndex must be true or false: fastIndex=" + value);
    }

    private static int compareValues(final String left, final String right) {
        if (left == null || right == null) {
            return left == null ? (right == null ? 0 : -1) : 1;
        }
        final Double leftNumber = numberOrNull(left);
        final Double rightNumber = numberOrNull(right);
        if (leftNumber != null && rightNumber != null) {
            return Double.compare(leftNumber, rightNumber);
        }
        if (leftNumber != null || rightNumber != null) {
            return leftNumber != null ? -1 : 1; // numbers before words, so the order stays transitive
        }
        return left.compareTo(right);
    }

    private static Double numberOrNull(final String text) {
        return CsvNumbers.isDecimal(text) ? Double.valueOf(text) : null;
    }
}
