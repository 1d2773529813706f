package io.merklebench.results;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads and writes {@code simulation.csv}, the per-version time series of {@code mbench simulate}: one row per
 * version of every engine x store x fork simulated in a run folder. Same conventions as {@link ResultsCsv} (header
 * row, RFC 4180, UTF-8, '.' decimals, empty = not measured). Stateless and thread-safe.
 *
 * <table>
 * <caption>simulation.csv columns</caption>
 * <tr><th>column</th><th>unit / meaning</th></tr>
 * <tr><td>engine, store, fork</td><td>which simulation (fork: 1-based fresh JVM of that pair)</td></tr>
 * <tr><td>version, phase</td><td>the version saved (the same number in every tree) and the plan phase it belongs to</td></tr>
 * <tr><td>keys</td><td>keys in all trees after the version</td></tr>
 * <tr><td>ops, sets, deletes</td><td>the committer's operations of the version (inserts, updates, deletes, gets);
 *     sets are inserts plus updates</td></tr>
 * <tr><td>generateMillis</td><td>wall time the simulator spent choosing the version's keys and values (its own
 *     overhead, not part of the engine's figures)</td></tr>
 * <tr><td>applyMillis</td><td>wall time of the version's operations on the working trees</td></tr>
 * <tr><td>hashMillis</td><td>wall time of hashing the working trees' dirty nodes (root hashes before save)</td></tr>
 * <tr><td>saveMillis</td><td>wall time of saving every tree (writes and, when durable, syncs)</td></tr>
 * <tr><td>pruneMillis</td><td>wall time of deleting pruned versions (0 when the plan prunes nothing this version)</td></tr>
 * <tr><td>commitMillis</td><td>hash + save + prune: the commit latency</td></tr>
 * <tr><td>leavesPerSecond</td><td>sets and deletes over apply + commit time</td></tr>
 * <tr><td>syncs, storeBytesWritten</td><td>the toolkit's store counters over the version, all trees</td></tr>
 * <tr><td>osReadBytes, osWriteBytes</td><td>{@code read_bytes} and {@code write_bytes} of /proc/self/io over the
 *     version: what this process made the kernel read from and send to storage</td></tr>
 * <tr><td>heapUsedBytes</td><td>Java heap in use after the last garbage collection</td></tr>
 * <tr><td>rssBytes</td><td>the process's resident set (VmRSS of /proc/self/status) after the version</td></tr>
 * <tr><td>diskBytes</td><td>bytes the stores' files occupy on disk (allocated blocks); every few versions</td></tr>
 * <tr><td>readerGets, readerMisses, readerRanges</td><td>reader operations completed during the version; a miss is
 *     a key the reader picked that the version it read no longer held</td></tr>
 * <tr><td>readerP50Micros, readerP99Micros, readerMaxMicros</td><td>reader get latency during the version,
 *     microseconds, waits for the commit included</td></tr>
 * <tr><td>pageCacheEvicted</td><td>whether the stores' files were dropped from the OS page cache before the
 *     version</td></tr>
 * </table>
 */
public final class SimulationCsv {
    /** File name inside a run folder. */
    public static final String FILE_NAME = "simulation.csv";

    public static final List<String> HEADER = List.of(
        "engine", "store", "fork", "version", "phase", "keys", "ops", "sets", "deletes",
        "generateMillis", "applyMillis", "hashMillis", "saveMillis", "pruneMillis", "commitMillis", "leavesPerSecond",
        "syncs", "storeBytesWritten", "osReadBytes", "osWriteBytes", "heapUsedBytes", "rssBytes", "diskBytes",
        "readerGets", "readerMisses", "readerRanges", "readerP50Micros", "readerP99Micros", "readerMaxMicros",
        "pageCacheEvicted");

    private SimulationCsv() {
    }

    /** Writes {@code rows} to {@code file} through a temporary file and an atomic rename. */
    public static void write(final Path file, final List<SimulationRow> rows) throws IOException {
        CsvTable.write(file, FILE_NAME, HEADER, rows, SimulationCsv::cells);
    }

    /**
     * Reads every row of {@code file}.
     *
     * @throws ResultsFormatException on a missing file, missing column, truncated row or bad value, naming the
     *     absolute path and line
     */
    public static List<SimulationRow> read(final Path file) throws IOException {
        return CsvTable.read(file, FILE_NAME, HEADER, fields -> new SimulationRow(
            fields.requiredText("engine"),
            fields.requiredText("store"),
            Math.toIntExact(fields.wholeNumber("fork")),
            fields.wholeNumber("version"),
            fields.text("phase"),
            fields.wholeNumber("keys"),
            fields.wholeNumber("ops"),
            fields.wholeNumber("sets"),
            fields.wholeNumber("deletes"),
            fields.number("generateMillis"),
            fields.number("applyMillis"),
            fields.number("hashMillis"),
            fields.number("saveMillis"),
            fields.number("pruneMillis"),
            fields.number("commitMillis"),
            fields.number("leavesPerSecond"),
            fields.wholeNumber("syncs"),
            fields.wholeNumber("storeBytesWritten"),
            fields.optionalNumber("osReadBytes"),
            fields.optionalNumber("osWriteBytes"),
            fields.optionalNumber("heapUsedBytes"),
            fields.optionalNumber("rssBytes"),
            fields.optionalNumber("diskBytes"),
            fields.wholeNumber("readerGets"),
            fields.wholeNumber("readerMisses"),
            fields.wholeNumber("readerRanges"),
            fields.optionalNumber("readerP50Micros"),
            fields.optionalNumber("readerP99Micros"),
            fields.optionalNumber("readerMaxMicros"),
            Boolean.parseBoolean(fields.requiredText("pageCacheEvicted"))));
    }

    private static List<String> cells(final SimulationRow row) {
        return List.of(
            row.engine(), row.store(), Integer.toString(row.fork()), Long.toString(row.version()), row.phase(),
            Long.toString(row.keys()), Long.toString(row.ops()), Long.toString(row.sets()),
            Long.toString(row.deletes()), CsvNumbers.format(row.generateMillis()),
            CsvNumbers.format(row.applyMillis()), CsvNumbers.format(row.hashMillis()),
            CsvNumbers.format(row.saveMillis()), CsvNumbers.format(row.pruneMillis()),
            CsvNumbers.format(row.commitMillis()), CsvNumbers.format(row.leavesPerSecond()),
            Long.toString(row.syncs()), Long.toString(row.storeBytesWritten()),
            CsvNumbers.format(row.osReadBytes()), CsvNumbers.format(row.osWriteBytes()),
            CsvNumbers.format(row.heapUsedBytes()), CsvNumbers.format(row.rssBytes()),
            CsvNumbers.format(row.diskBytes()),
            Long.toString(row.readerGets()), Long.toString(row.readerMisses()), Long.toString(row.readerRanges()),
            CsvNumbers.format(row.readerP50Micros()), CsvNumbers.format(row.readerP99Micros()),
            CsvNumbers.format(row.readerMaxMicros()), Boolean.toString(row.pageCacheEvicted()));
    }
}
