package io.merklebench.results;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Column names of {@code results.csv} and {@code samples.csv}, in the order they are written; {@link ResultsCsv} and {@link SamplesCsv} document the schema.
 * Readers look columns up by name, so a file with extra columns (a newer minor format) still reads; a missing
 * column is an error naming it, except the columns a later format version or a later counter added
 * ({@link #ADDED_IN_VERSION_2}, {@link #KERNEL_COUNTER_COLUMNS}, {@link #ADDED_WITH_PEERS},
 * {@link #ADDED_WITH_FAST_INDEX}), which older files lack, and
 * {@link #STORE_BYTES_PER_OP}, which format 1 files call {@value #FORMAT_1_STORE_BYTES_PER_OP}.
 */
public final class ResultColumns {
    /** Version of the results formats written by this toolkit; recorded as {@code format.version} in host.properties. */
    public static final String FORMAT_VERSION = "2";
    /**
     * Versions this toolkit reads: 1 (one JMH invocation per case, forks inside it) and 2 (one JMH invocation per
     * fork, forks interleaved across cases; adds {@link #FORKS} and {@link #FORK_CV_PERCENT}).
     */
    public static final List<String> READABLE_FORMAT_VERSIONS = List.of("1", FORMAT_VERSION);

    public static final String BENCHMARK = "benchmark";
    public static final String ENGINE = "engine";
    public static final String STORE = "store";
    /**
     * Whether the engine answered gets on its latest state from its fast index ({@code TreeOptions.fastIndex}):
     * {@code true}, or empty for the default, off. Rows keep it only when true ({@link RowKey} drops {@code false}),
     * so rows of files written before the column, which lack it, compare with today's rows without the index.
     */
    public static final String FAST_INDEX = "fastIndex";
    /** The value of {@link #FAST_INDEX} a row carries when the index was on. */
    public static final String FAST_INDEX_ON = "true";
    public static final String SIZE = "size";
    public static final String KEY_LEN = "keyLen";
    public static final String VALUE_LEN = "valueLen";
    public static final String BLOCK_SIZE = "blockSize";
    public static final String DURABLE = "durable";
    public static final String METHOD = "method";
    public static final String WRITE_SIZE = "writeSize";
    public static final String BATCH = "batch";
    public static final String THREADS = "threads";
    public static final String MODE = "mode";
    public static final String UNIT = "unit";
    public static final String SCORE = "score";
    public static final String ERROR = "error";
    public static final String SAMPLES = "samples";
    public static final String P50 = "p50";
    public static final String P99 = "p99";
    public static final String P999 = "p999";
    public static final String ALLOC_BYTES_PER_OP = "allocBytesPerOp";
    /** The toolkit's sync calls per operation, as the store counts them (not observed at the device). */
    public static final String SYNCS_PER_OP = "syncsPerOp";
    /** Payload bytes handed to the store per operation (keys, values and the store's own framing). */
    public static final String STORE_BYTES_PER_OP = "storeBytesPerOp";
    /** What format 1 files call {@link #STORE_BYTES_PER_OP}; readers accept either name. */
    public static final String FORMAT_1_STORE_BYTES_PER_OP = "bytesWrittenPerOp";
    /** Bytes of page cache the benchmark's process dirtied (or wrote directly) per operation, {@code /proc/self/io}. */
    public static final String OS_WRITE_BYTES_PER_OP = "osWriteBytesPerOp";
    /** Bytes the data directory's disk wrote per operation (sectors x 512, device-wide), {@code /proc/diskstats}. */
    public static final String DEVICE_WRITE_BYTES_PER_OP = "deviceWriteBytesPerOp";
    /** Flush requests the data directory's disk completed per operation (device-wide), {@code /proc/diskstats}. */
    public static final String DEVICE_FLUSHES_PER_OP = "deviceFlushesPerOp";
    /** Forks behind a result row (format 2). */
    public static final String FORKS = "forks";
    /** Coefficient of variation of the per-fork means, percent (format 2). */
    public static final String FORK_CV_PERCENT = "forkCvPercent";
    /**
     * The engine's hash scheme ({@code iavl-v1}, {@code eth-mpt}, {@code none}); empty for rows without an engine.
     * Not a parameter: a property of the engine, which tells the report the IAVL layouts from the peers.
     */
    public static final String HASH_SCHEME = "hashScheme";
    public static final String FORK = "fork";
    public static final String ITERATION = "iteration";
    public static final String VALUE = "value";

    /** The benchmark parameters, {@code engine} … {@code threads}: a row is identified by benchmark plus these. */
    public static final List<String> PARAM_COLUMNS = List.of(
        ENGINE, STORE, FAST_INDEX, SIZE, KEY_LEN, VALUE_LEN, BLOCK_SIZE, DURABLE, METHOD, WRITE_SIZE, BATCH, THREADS);

    /** Header of {@code results.csv}: one row per benchmark and parameter set. */
    public static final List<String> RESULTS_HEADER = concat(
        List.of(BENCHMARK), PARAM_COLUMNS,
        List.of(MODE, UNIT, SCORE, ERROR, SAMPLES, P50, P99, P999, ALLOC_BYTES_PER_OP, SYNCS_PER_OP,
            STORE_BYTES_PER_OP, OS_WRITE_BYTES_PER_OP, DEVICE_WRITE_BYTES_PER_OP, DEVICE_FLUSHES_PER_OP),
        List.of(FORKS, FORK_CV_PERCENT, HASH_SCHEME));

    /** The kernel's I/O counters: columns files written before them lack (read as not measured). */
    public static final List<String> KERNEL_COUNTER_COLUMNS = List.of(
        OS_WRITE_BYTES_PER_OP, DEVICE_WRITE_BYTES_PER_OP, DEVICE_FLUSHES_PER_OP);

    /** Columns of {@link #RESULTS_HEADER} that format 1 files lack: read as not recorded when absent. */
    public static final List<String> ADDED_IN_VERSION_2 = List.of(FORKS, FORK_CV_PERCENT);
    /** Added to format 2 later, with the peers: files written before it lack it (read as empty, not recorded). */
    public static final List<String> ADDED_WITH_PEERS = List.of(HASH_SCHEME);
    /** Added to format 2 with the fast index: files written before it lack it (read as empty: the index off). */
    public static final List<String> ADDED_WITH_FAST_INDEX = List.of(FAST_INDEX);

    /**
     * The columns every results.csv has, whatever its format version: {@link #RESULTS_HEADER} without the kernel
     * counters, the version 2 columns and {@link #STORE_BYTES_PER_OP}, which may go by its format 1 name (the reader
     * checks that one of the two is there).
     */
    public static final List<String> RESULTS_REQUIRED = RESULTS_HEADER.stream()
        .filter(column -> !KERNEL_COUNTER_COLUMNS.contains(column) && !ADDED_IN_VERSION_2.contains(column)
            && !ADDED_WITH_PEERS.contains(column) && !ADDED_WITH_FAST_INDEX.contains(column)
            && !column.equals(STORE_BYTES_PER_OP)).toList();

    /** Header of {@code samples.csv}: one row per measured iteration, for statistics. */
    public static final List<String> SAMPLES_HEADER = concat(
        List.of(BENCHMARK), PARAM_COLUMNS, List.of(MODE, UNIT, FORK, ITERATION, VALUE));

    /** The columns every samples.csv has: {@link #SAMPLES_HEADER} without {@link #ADDED_WITH_FAST_INDEX}. */
    public static final List<String> SAMPLES_REQUIRED = SAMPLES_HEADER.stream()
        .filter(column -> !ADDED_WITH_FAST_INDEX.contains(column)).toList();

    private ResultColumns() {
    }

    /** True if {@code column} is one of {@link #PARAM_COLUMNS}. */
    public static boolean isParam(final String column) {
        return PARAM_COLUMNS.contains(column);
    }

    @SafeVarargs
    private static List<String> concat(final List<String>... parts) {
        final List<String> all = new ArrayList<>();
        for (final List<String> part : parts) {
            all.addAll(part);
        }
        return Collections.unmodifiableList(all);
    }
}
