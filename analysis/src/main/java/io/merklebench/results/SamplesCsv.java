package io.merklebench.results;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and writes {@code samples.csv}, one row per measured iteration. Stateless and thread-safe.
 *
 * <h2>Schema (format version 2; the columns are those of version 1)</h2>
 * Same conventions as {@link ResultsCsv} (header row, RFC 4180, UTF-8, '.' decimals, empty = not applicable).
 * Format 2 changes what {@code fork} counts: every fork is its own JMH invocation, and {@code fork} numbers a case's
 * forks 1..N in the order they ran (interleaved with other cases' forks; {@code order.csv} has the sequence), so the
 * per-fork means that {@code mbench diff} compares come from rows with the same {@code fork}.
 * <table>
 * <caption>samples.csv columns</caption>
 * <tr><th>column</th><th>type</th><th>unit / meaning</th></tr>
 * <tr><td>benchmark, engine … threads</td><td>text</td><td>as in results.csv: identify the result row (files
 *     written before {@code fastIndex} lack that column: read as empty, the index off)</td></tr>
 * <tr><td>mode</td><td>text</td><td>JMH mode short label</td></tr>
 * <tr><td>unit</td><td>text</td><td>unit of value, equal to the result's score unit</td></tr>
 * <tr><td>fork</td><td>integer, required</td><td>1-based fork of this case (format 1: JMH's fork number within
 *     the case's one invocation; 0 = not forked)</td></tr>
 * <tr><td>iteration</td><td>integer, required</td><td>1-based measurement iteration within the fork</td></tr>
 * <tr><td>value</td><td>decimal, required</td><td>the iteration's score, in unit</td></tr>
 * </table>
 */
public final class SamplesCsv {
    /** File name inside a run folder. */
    public static final String FILE_NAME = "samples.csv";

    private SamplesCsv() {
    }

    /** Writes {@code rows} to {@code file} through a temporary file and an atomic rename. */
    public static void write(final Path file, final List<SampleRow> rows) throws IOException {
        CsvTable.write(file, FILE_NAME, ResultColumns.SAMPLES_HEADER, rows, SamplesCsv::cells);
    }

    /**
     * Reads every row of {@code file}.
     *
     * @throws ResultsFormatException on a missing file, missing column, truncated row or bad value, naming the
     *     absolute path and line
     * @throws IOException if the file cannot be read at all
     */
    public static List<SampleRow> read(final Path file) throws IOException {
        return read(file, new ArrayList<>());
    }

    /** As {@link #read(Path)}, also adding each row's 1-based line number to {@code lineNumbers}. */
    static List<SampleRow> read(final Path file, final List<Long> lineNumbers) throws IOException {
        return CsvTable.read(file, FILE_NAME, ResultColumns.SAMPLES_REQUIRED, fields -> new SampleRow(
            fields.requiredText(ResultColumns.BENCHMARK),
            fields.params(),
            fields.requiredText(ResultColumns.MODE),
            fields.requiredText(ResultColumns.UNIT),
            toInt(fields, ResultColumns.FORK),
            toInt(fields, ResultColumns.ITERATION),
            fields.number(ResultColumns.VALUE)), lineNumbers);
    }

    private static int toInt(final CsvTable.Fields fields, final String column) {
        final long value = fields.wholeNumber(column);
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw fields.error("column " + column + " is out of range: " + column + "=" + value);
        }
        return (int) value;
    }

    private static List<String> cells(final SampleRow row) {
        final List<String> cells = new ArrayList<>(ResultColumns.SAMPLES_HEADER.size());
        cells.add(row.benchmark());
        for (final String column : ResultColumns.PARAM_COLUMNS) {
            cells.add(row.params().getOrDefault(column, ""));
        }
        cells.add(row.mode());
        cells.add(row.unit());
        cells.add(Integer.toString(row.fork()));
        cells.add(Integer.toString(row.iteration()));
        cells.add(CsvNumbers.format(row.value()));
        return cells;
    }
}
