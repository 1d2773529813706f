package io.merklebench.results;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One row of {@code results.csv}: the JMH result of one benchmark with one parameter set, over all its forks.
 * Immutable.
 *
 * <p>Build one with {@link #builder(String)}:
 * {@code ResultRow.builder("query.hit").param("engine", "heap").mode("avgt").unit("ns/op").score(812.5).build()}.
 *
 * @param benchmark {@code <family>.<case>}, e.g. {@code query.hit}, {@code write.insert}, {@code fsync.write}
 * @param params parameter column ({@link ResultColumns#PARAM_COLUMNS}) to value; absent = not applicable
 * @param mode JMH mode short label: {@code thrpt}, {@code avgt}, {@code sample} or {@code ss}
 * @param unit JMH score unit, e.g. {@code ops/s}, {@code ns/op}, {@code us/op}
 * @param score the JMH score in {@code unit}
 * @param error the JMH 99.9% error half-width in {@code unit}; NaN when JMH gives none (one iteration)
 * @param samples number of measured samples behind {@code score}
 * @param p50 50th percentile in {@code unit} ({@code sample} mode), NaN when not applicable
 * @param p99 99th percentile in {@code unit}, NaN when not applicable
 * @param p999 99.9th percentile in {@code unit}, NaN when not applicable
 * @param allocBytesPerOp bytes allocated per operation ({@code -prof gc} gc.alloc.rate.norm), NaN if not measured
 * @param syncsPerOp the toolkit's sync calls per operation, as the store counts them (not observed at the device),
 *     NaN if not measured
 * @param storeBytesPerOp payload bytes handed to the store per operation (store counters; format 1 called it
 *     {@code bytesWrittenPerOp}), NaN if not measured
 * @param osWriteBytesPerOp bytes of page cache the benchmark's process dirtied per operation ({@code /proc/self/io}
 *     {@code write_bytes}), NaN if not measured
 * @param deviceWriteBytesPerOp bytes the data directory's disk wrote per operation, device-wide (other processes
 *     count too), NaN if not measured or not exposed (tmpfs, overlay, not Linux)
 * @param deviceFlushesPerOp flush requests that disk completed per operation, device-wide, NaN if not measured or
 *     not exposed
 * @param forks forks (fresh JVMs) behind the row; 0 when not recorded (format 1 files)
 * @param forkCvPercent coefficient of variation of the per-fork means, percent; NaN with fewer than 2 forks or
 *     when not recorded
 * @param hashScheme the engine's hash scheme ({@code iavl-v1}, {@code eth-mpt}, {@code none}); empty for a row
 *     without an engine, or when not recorded (files written before the peers)
 */
public record ResultRow(
    String benchmark,
    Map<String, String> params,
    String mode,
    String unit,
    double score,
    double error,
    long samples,
    double p50,
    double p99,
    double p999,
    double allocBytesPerOp,
    double syncsPerOp,
    double storeBytesPerOp,
    double osWriteBytesPerOp,
    double deviceWriteBytesPerOp,
    double deviceFlushesPerOp,
    int forks,
    double forkCvPercent,
    String hashScheme) {

    public ResultRow {
        final RowKey key = new RowKey(benchmark, params);
        benchmark = key.benchmark();
        params = key.params();
        mode = Modes.requireMode(mode);
        unit = requireUnit(unit);
        requireFinite(ResultColumns.SCORE, score);
        requireFiniteOrNaN(ResultColumns.ERROR, error);
        if (samples < 0) {
            throw new IllegalArgumentException("samples must be >= 0: samples=" + samples);
        }
        requireFiniteOrNaN(ResultColumns.P50, p50);
        requireFiniteOrNaN(ResultColumns.P99, p99);
        requireFiniteOrNaN(ResultColumns.P999, p999);
        requireFiniteOrNaN(ResultColumns.ALLOC_BYTES_PER_OP, allocBytesPerOp);
        requireFiniteOrNaN(ResultColumns.SYNCS_PER_OP, syncsPerOp);
        requireFiniteOrNaN(ResultColumns.STORE_BYTES_PER_OP, storeBytesPerOp);
        requireFiniteOrNaN(ResultColumns.OS_WRITE_BYTES_PER_OP, osWriteBytesPerOp);
        requireFiniteOrNaN(ResultColumns.DEVICE_WRITE_BYTES_PER_OP, deviceWriteBytesPerOp);
        requireFiniteOrNaN(ResultColumns.DEVICE_FLUSHES_PER_OP, deviceFlushesPerOp);
        if (forks < 0) {
            throw new IllegalArgumentException("forks must be >= 0 (0: not recorded): forks=" + forks);
        }
        requireFiniteOrNaN(ResultColumns.FORK_CV_PERCENT, forkCvPercent);
        if (forkCvPercent < 0) {
            throw new IllegalArgumentException("forkCvPercent must be >= 0: forkCvPercent=" + forkCvPercent);
        }
        hashScheme = hashScheme == null ? "" : hashScheme;
        Labels.requireCsvSafe(ResultColumns.HASH_SCHEME, hashScheme);
    }

    /** Benchmark and parameters: what matches this row with the same row of another run. */
    public RowKey key() {
        return new RowKey(benchmark, params);
    }

    /** Text before the first dot of {@link #benchmark()}, e.g. {@code query}. */
    public String family() {
        return key().family();
    }

    public static Builder builder(final String benchmark) {
        return new Builder(benchmark);
    }

    static String requireUnit(final String unit) {
        Labels.requireCsvSafe(ResultColumns.UNIT, unit);
        if (unit.isBlank()) {
            throw new IllegalArgumentException("unit must not be empty, e.g. ops/s or ns/op: unit='" + unit + "'");
        }
        return unit;
    }

    static void requireFinite(final String column, final double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(column + " must be a finite number: " + column + "=" + value);
        }
    }

    private static void requireFiniteOrNaN(final String column, final double value) {
        if (Double.isInfinite(value)) {
            throw new IllegalArgumentException(column + " must be finite or NaN (not applicable): "
                + column + "=" + value);
        }
    }

    /** Collects a row's fields; every number not set is NaN (not applicable), {@code samples} defaults to 0. */
    public static final class Builder {
        private final String benchmark;
        private final Map<String, String> params = new LinkedHashMap<>();
        private String mode;
        private String unit;
        private double score = Double.NaN;
        private double error = Double.NaN;
        private long samples;
        private double p50 = Double.NaN;
        private double p99 = Double.NaN;
        private double p999 = Double.NaN;
        private double allocBytesPerOp = Double.NaN;
        private double syncsPerOp = Double.NaN;
        private double storeBytesPerOp = Double.NaN;
        private double osWriteBytesPerOp = Double.NaN;
        private double deviceWriteBytesPerOp = Double.NaN;
        private double deviceFlushesPerOp = Double.NaN;
        private int forks;
        private double forkCvPercent = Double.NaN;
        private String hashScheme = "";

        private Builder(final String benchmark) {
            this.benchmark = benchmark;
        }

        /** Sets one parameter column; an empty value means not applicable. */
        public Builder param(final String column, final String value) {
            params.put(column, value);
            return this;
        }

        public Builder params(final Map<String, String> columnToValue) {
            params.putAll(columnToValue);
            return this;
        }

        public Builder mode(final String jmhModeShortLabel) {
            this.mode = jmhModeShortLabel;
            return this;
        }

        public Builder unit(final String scoreUnit) {
            this.unit = scoreUnit;
            return this;
        }

        public Builder score(final double value) {
            this.score = value;
            return this;
        }

        public Builder error(final double value) {
            this.error = value;
            return this;
        }

        public Builder samples(final long count) {
            this.samples = count;
            return this;
        }

        public Builder percentiles(final double p50Value, final double p99Value, final double p999Value) {
            this.p50 = p50Value;
            this.p99 = p99Value;
            this.p999 = p999Value;
            return this;
        }

        public Builder allocBytesPerOp(final double value) {
            this.allocBytesPerOp = value;
            return this;
        }

        public Builder syncsPerOp(final double value) {
            this.syncsPerOp = value;
            return this;
        }

        public Builder storeBytesPerOp(final double value) {
            this.storeBytesPerOp = value;
            return this;
        }

        public Builder osWriteBytesPerOp(final double value) {
            this.osWriteBytesPerOp = value;
            return this;
        }

        public Builder deviceWriteBytesPerOp(final double value) {
            this.deviceWriteBytesPerOp = value;
            return this;
        }

        public Builder deviceFlushesPerOp(final double value) {
            this.deviceFlushesPerOp = value;
            return this;
        }

        /** Forks behind the row; 0 (the default) means not recorded. */
        public Builder forks(final int count) {
            this.forks = count;
            return this;
        }

        public Builder forkCvPercent(final double value) {
            this.forkCvPercent = value;
            return this;
        }

        /** The engine's hash scheme; empty (the default) for a row without an engine. */
        public Builder hashScheme(final String scheme) {
            this.hashScheme = scheme;
            return this;
        }

        public ResultRow build() {
            return new ResultRow(benchmark, params, mode, unit, score, error, samples, p50, p99, p999,
                allocBytesPerOp, syncsPerOp, storeBytesPerOp, osWriteBytesPerOp, deviceWriteBytesPerOp,
                deviceFlushesPerOp, forks, forkCvPercent, hashScheme);
        }
    }
}
