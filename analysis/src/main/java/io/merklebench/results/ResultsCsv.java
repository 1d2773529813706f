package io.merklebench.results;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and writes {@code results.csv}, one row per benchmark and parameter set. Stateless and thread-safe.
 *
 * <h2>Schema (format version 2)</h2>
 * One header row, then one row per result; comma-separated, RFC 4180 quoting, UTF-8, numbers with '.' as decimal
 * separator whatever the locale, an empty cell where a column does not apply. Columns are found by name; extra
 * columns are ignored. Files written before the kernel counters ({@code osWriteBytesPerOp},
 * {@code deviceWriteBytesPerOp}, {@code deviceFlushesPerOp}) lack them: read as not measured (NaN). Format 1 files
 * call {@code storeBytesPerOp} {@code bytesWrittenPerOp}; either name is read, and they lack {@code forks} and
 * {@code forkCvPercent} (read as 0 and NaN: not recorded); files written before the peers lack {@code hashScheme}
 * (read as empty), and files written before the fast index {@code fastIndex} (read as empty: the index off); in format 1 a row was one JMH invocation, with its forks
 * (usually one) inside it.
 *
 * <p>In format 2 every fork of a case is its own JMH invocation with one fork, and the forks of all cases are
 * interleaved ({@code order.csv} in the run folder says in which order). The row merges the forks as JMH merges
 * the forks of one invocation ({@code RunResult} over every fork's {@code BenchmarkResult}): {@code score} is the
 * mean over all measured iterations of all forks, and {@code error} is JMH's 99.9% half-width over those same
 * iterations pooled, so it is the interval JMH itself would print for a run with that many forks.
 * {@code forkCvPercent} is what shows the spread between forks: the standard deviation of the per-fork means
 * (n - 1 denominator) over their mean, in percent.
 * <table>
 * <caption>results.csv columns</caption>
 * <tr><th>column</th><th>type</th><th>unit / meaning</th></tr>
 * <tr><td>benchmark</td><td>text</td><td>{@code <family>.<case>}, e.g. {@code query.hit}, {@code block.tx}</td></tr>
 * <tr><td>engine</td><td>text</td><td>tree engine name ({@code heap}, {@code array}, {@code paged15}, …)</td></tr>
 * <tr><td>store</td><td>text</td><td>store name ({@code mem}, {@code rocksdb}, {@code leveldb}, {@code lmdb},
 *     {@code mmap})</td></tr>
 * <tr><td>fastIndex</td><td>true or empty</td><td>{@code true}: gets on the latest state were answered from the
 *     engine's fast index ({@code TreeOptions.fastIndex}); empty: the index off (the default; files written before
 *     the column lack it and read so)</td></tr>
 * <tr><td>size</td><td>integer</td><td>initial number of keys in the tree</td></tr>
 * <tr><td>keyLen</td><td>integer</td><td>key length, bytes</td></tr>
 * <tr><td>valueLen</td><td>integer</td><td>value length, bytes</td></tr>
 * <tr><td>blockSize</td><td>integer</td><td>operations per saved version</td></tr>
 * <tr><td>durable</td><td>true/false</td><td>saves are synced to the device</td></tr>
 * <tr><td>method</td><td>text</td><td>sync method of the fsync family ({@code fdatasync}, {@code fsync},
 *     {@code O_DSYNC}, …)</td></tr>
 * <tr><td>writeSize</td><td>integer</td><td>bytes written per sync (fsync family)</td></tr>
 * <tr><td>batch</td><td>integer</td><td>writes per sync (batch family)</td></tr>
 * <tr><td>threads</td><td>integer</td><td>concurrent committers (batch family)</td></tr>
 * <tr><td>mode</td><td>text</td><td>JMH mode: {@code thrpt}, {@code avgt}, {@code sample}, {@code ss}</td></tr>
 * <tr><td>unit</td><td>text</td><td>unit of score, error and percentiles, e.g. {@code ops/s}, {@code ns/op}</td></tr>
 * <tr><td>score</td><td>decimal, required</td><td>JMH score, in unit: mean over every fork's measured
 *     iterations</td></tr>
 * <tr><td>error</td><td>decimal</td><td>JMH 99.9% error half-width over every fork's iterations pooled, in unit;
 *     empty with one iteration</td></tr>
 * <tr><td>samples</td><td>integer, required</td><td>measured samples behind the score</td></tr>
 * <tr><td>p50, p99, p999</td><td>decimal</td><td>percentiles in unit ({@code sample} mode)</td></tr>
 * <tr><td>allocBytesPerOp</td><td>decimal</td><td>bytes allocated per operation (JMH {@code -prof gc})</td></tr>
 * <tr><td>syncsPerOp</td><td>decimal</td><td>the toolkit's sync calls per operation, as the store counts them
 *     ({@code StoreCounters}: e.g. a constant 2 per LMDB commit, 1 per RocksDB sync write); not observed at the
 *     device, see deviceFlushesPerOp</td></tr>
 * <tr><td>storeBytesPerOp</td><td>decimal</td><td>payload bytes handed to the store per operation: keys, values and
 *     the store's own framing, as the store counts them ({@code bytesWrittenPerOp} in format 1)</td></tr>
 * <tr><td>osWriteBytesPerOp</td><td>decimal</td><td>bytes per operation the benchmark's process caused to be sent to
 *     storage: the delta of {@code write_bytes} in {@code /proc/self/io} over the measured iterations, all threads
 *     (the stores' background threads too). Linux counts it when a page-cache page turns dirty (through
 *     {@code write} or a store into a shared mapping; whole pages, once until written back) and when direct I/O is
 *     submitted; it does not count re-dirtying a page still dirty, the filesystem's journal and metadata (written by
 *     kernel threads), or writes below the filesystem (RAID, device-mapper, the device's own). Empty where not
 *     exposed (not Linux)</td></tr>
 * <tr><td>deviceWriteBytesPerOp</td><td>decimal</td><td>bytes per operation the disk holding the data directory
 *     wrote: the delta of its sectors written (x 512) in {@code /proc/diskstats} over the measured iterations.
 *     Device-wide: other processes' writes on that disk count too. The whole disk, also when the data directory is
 *     on a partition (Linux accounts flushes only on the whole disk); a device-mapper volume is its own device.
 *     Writeback that happens after the iterations (page cache not synced) is not in it. Empty where the data
 *     directory has no block device number (tmpfs, overlay; btrfs and ZFS mounts carry none either) or the kernel
 *     does not expose it</td></tr>
 * <tr><td>deviceFlushesPerOp</td><td>decimal</td><td>flush requests that disk completed per operation (field 16 of
 *     the device's statistics, Linux 5.5 and later), device-wide like deviceWriteBytesPerOp; what a durable commit
 *     really cost in cache flushes. Empty where not exposed</td></tr>
 * <tr><td>forks</td><td>integer (format 2)</td><td>forks (fresh JVMs) that finished for this case; fewer than the
 *     run's {@code run.forks} when a fork failed (the case's later forks are skipped) or the run was stopped</td></tr>
 * <tr><td>hashScheme</td><td>text</td><td>the engine's hash scheme: {@code iavl-v1} (the IAVL layouts),
 *     {@code eth-mpt} (the {@code mpt} peer), {@code none} (the {@code flat} baseline); empty without an
 *     engine</td></tr>
 * <tr><td>forkCvPercent</td><td>decimal (format 2)</td><td>coefficient of variation of the per-fork means,
 *     percent (0.01 resolution); empty with fewer than 2 forks</td></tr>
 * </table>
 * The parameter columns (engine … threads) are text to this reader; they identify a row ({@link RowKey}).
 */
public final class ResultsCsv {
    /** File name inside a run folder. */
    public static final String FILE_NAME = "results.csv";

    private ResultsCsv() {
    }

    /** Writes {@code rows} to {@code file} through a temporary file and an atomic rename. */
    public static void write(final Path file, final List<ResultRow> rows) throws IOException {
        CsvTable.write(file, FILE_NAME, ResultColumns.RESULTS_HEADER, rows, ResultsCsv::cells);
    }

    /**
     * Reads every row of {@code file}.
     *
     * @throws ResultsFormatException if the file is missing, empty, lacks a column, has a truncated row, a
     *     non-number where a number belongs, or a bad name; the message gives the absolute path and line
     * @throws IOException if the file cannot be read at all
     */
    public static List<ResultRow> read(final Path file) throws IOException {
        return read(file, new ArrayList<>());
    }

    /** As {@link #read(Path)}, also adding each row's 1-based line number to {@code lineNumbers}. */
    static List<ResultRow> read(final Path file, final List<Long> lineNumbers) throws IOException {
        return CsvTable.read(file, FILE_NAME, ResultColumns.RESULTS_REQUIRED, fields -> new ResultRow(
            fields.requiredText(ResultColumns.BENCHMARK),
            fields.params(),
            fields.requiredText(ResultColumns.MODE),
            fields.requiredText(ResultColumns.UNIT),
            fields.number(ResultColumns.SCORE),
            fields.optionalNumber(ResultColumns.ERROR),
            fields.wholeNumber(ResultColumns.SAMPLES),
            fields.optionalNumber(ResultColumns.P50),
            fields.optionalNumber(ResultColumns.P99),
            fields.optionalNumber(ResultColumns.P999),
            fields.optionalNumber(ResultColumns.ALLOC_BYTES_PER_OP),
            fields.optionalNumber(ResultColumns.SYNCS_PER_OP),
            storeBytesPerOp(fields),
            numberIfPresent(fields, ResultColumns.OS_WRITE_BYTES_PER_OP),
            numberIfPresent(fields, ResultColumns.DEVICE_WRITE_BYTES_PER_OP),
            numberIfPresent(fields, ResultColumns.DEVICE_FLUSHES_PER_OP),
            forks(fields),
            numberIfPresent(fields, ResultColumns.FORK_CV_PERCENT),
            fields.has(ResultColumns.HASH_SCHEME) ? fields.text(ResultColumns.HASH_SCHEME) : ""), lineNumbers);
    }

    /** storeBytesPerOp, or its format 1 name bytesWrittenPerOp. */
    private static double storeBytesPerOp(final CsvTable.Fields fields) {
        if (fields.has(ResultColumns.STORE_BYTES_PER_OP)) {
            return fields.optionalNumber(ResultColumns.STORE_BYTES_PER_OP);
        }
        if (fields.has(ResultColumns.FORMAT_1_STORE_BYTES_PER_OP)) {
            return fields.optionalNumber(ResultColumns.FORMAT_1_STORE_BYTES_PER_OP);
        }
        throw fields.error("missing column " + ResultColumns.STORE_BYTES_PER_OP + " (or "
            + ResultColumns.FORMAT_1_STORE_BYTES_PER_OP + ", its format 1 name)");
    }

    /** NaN (not measured) when the file predates {@code column}. */
    private static double numberIfPresent(final CsvTable.Fields fields, final String column) {
        return fields.has(column) ? fields.optionalNumber(column) : Double.NaN;
    }

    /** 0 (not recorded) for a format 1 file or an empty cell. */
    private static int forks(final CsvTable.Fields fields) {
        if (!fields.has(ResultColumns.FORKS) || fields.text(ResultColumns.FORKS).isEmpty()) {
            return 0;
        }
        final long forks = fields.wholeNumber(ResultColumns.FORKS);
        if (forks > Integer.MAX_VALUE) {
            throw fields.error("column " + ResultColumns.FORKS + " is out of range: forks=" + forks);
        }
        return (int) forks;
    }

    private static List<String> cells(final ResultRow row) {
        final List<String> cells = new ArrayList<>(ResultColumns.RESULTS_HEADER.size());
        cells.add(row.benchmark());
        for (final String column : ResultColumns.PARAM_COLUMNS) {
            cells.add(row.params().getOrDefault(column, ""));
        }
        cells.add(row.mode());
        cells.add(row.unit());
        cells.add(CsvNumbers.format(row.score()));
        cells.add(CsvNumbers.format(row.error()));
        cells.add(CsvNumbers.format(row.samples()));
        cells.add(CsvNumbers.format(row.p50()));
        cells.add(CsvNumbers.format(row.p99()));
        cells.add(CsvNumbers.format(row.p999()));
        cells.add(CsvNumbers.format(row.allocBytesPerOp()));
        cells.add(CsvNumbers.format(row.syncsPerOp()));
        cells.add(CsvNumbers.format(row.storeBytesPerOp()));
        cells.add(CsvNumbers.format(row.osWriteBytesPerOp()));
        cells.add(CsvNumbers.format(row.deviceWriteBytesPerOp()));
        cells.add(CsvNumbers.format(row.deviceFlushesPerOp()));
        cells.add(row.forks() == 0 ? "" : CsvNumbers.format(row.forks())); // 0: not recorded
        cells.add(CsvNumbers.format(row.forkCvPercent()));
        cells.add(row.hashScheme());
        return cells;
    }
}
