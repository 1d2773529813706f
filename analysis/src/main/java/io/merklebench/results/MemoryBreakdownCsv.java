package io.merklebench.results;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@value #FILE_NAME} of a run with {@code memory.breakdown} cases: per engine, store and tree size, how many bytes
 * of the live heap each {@link HeapGroup} holds once the tree is loaded and saved (class histograms after full GCs,
 * taken inside the benchmark fork, the histogram before loading subtracted). Plain CSV like results.csv (one header
 * row, RFC 4180, UTF-8).
 * <table>
 * <caption>memory-breakdown.csv columns</caption>
 * <tr><th>column</th><th>type</th><th>meaning</th></tr>
 * <tr><td>engine</td><td>text</td><td>the tree engine ({@code heap}, {@code array}, ...)</td></tr>
 * <tr><td>store</td><td>text</td><td>the store the tree was loaded on</td></tr>
 * <tr><td>size</td><td>whole number</td><td>keys in the loaded tree</td></tr>
 * <tr><td>group</td><td>text</td><td>a {@link HeapGroup} label ({@code nodeObjects}, {@code keyBytes}, ...)</td></tr>
 * <tr><td>bytes</td><td>whole number</td><td>bytes of live heap in the group, the mean over the case's forks and
 *     iterations, in bytes</td></tr>
 * <tr><td>share</td><td>number</td><td>{@code bytes} over the case's total (all groups), 0 to 1; the shares of
 *     a case sum to 1 up to rounding</td></tr>
 * </table>
 * Rows of a case are in {@link HeapGroup} order, every group present (0 bytes where nothing was found). Stateless;
 * thread-safe.
 */
public final class MemoryBreakdownCsv {
    public static final String FILE_NAME = "memory-breakdown.csv";
    static final List<String> HEADER = List.of("engine", "store", "size", "group", "bytes", "share");

    /** One group of one case's breakdown. */
    public record Row(String engine, String store, long size, HeapGroup group, long bytes, double share) {
    }

    /** Shares are written to 4 decimals (0.01%): finer would only show the noise of the histograms. */
    private static final double SHARE_SCALE = 10_000;

    private MemoryBreakdownCsv() {
    }

    /**
     * The rows of one case: every group in {@link HeapGroup} order (0 where {@code bytesByGroup} has none), bytes
     * rounded to whole bytes, shares of the total rounded to 4 decimals (all 0 when the total is 0).
     */
    public static List<Row> caseRows(final String engine, final String store, final long size,
                                     final Map<HeapGroup, Double> bytesByGroup) {
        final double total = bytesByGroup.values().stream().mapToDouble(Double::doubleValue).sum();
        final List<Row> rows = new ArrayList<>();
        for (final HeapGroup group : HeapGroup.values()) {
            final double bytes = bytesByGroup.getOrDefault(group, 0.0);
            rows.add(new Row(engine, store, size, group, Math.round(bytes),
                total > 0 ? Math.round(bytes / total * SHARE_SCALE) / SHARE_SCALE : 0));
        }
        return rows;
    }

    /** Writes {@code rows} atomically (see {@link AtomicFiles}). */
    public static void write(final Path file, final List<Row> rows) throws IOException {
        CsvTable.write(file, FILE_NAME, HEADER, rows, row -> List.of(
            Labels.requireCsvSafe("engine", row.engine()), Labels.requireCsvSafe("store", row.store()),
            CsvNumbers.format(row.size()), row.group().label(), CsvNumbers.format(row.bytes()),
            CsvNumbers.format(row.share())));
    }

    /** Every row of {@code file}; problems are {@link ResultsFormatException}s naming the file and the line. */
    public static List<Row> read(final Path file) throws IOException {
        return CsvTable.read(file, FILE_NAME, HEADER, fields -> new Row(fields.requiredText("engine"),
            fields.requiredText("store"), fields.wholeNumber("size"), HeapGroup.ofLabel(fields.requiredText("group")),
            fields.wholeNumber("bytes"), fields.number("share")));
    }
}
