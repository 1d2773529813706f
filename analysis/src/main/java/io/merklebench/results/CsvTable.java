package io.merklebench.results;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.DuplicateHeaderMode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Reading and writing the plain CSV tables of a run (one header row, no comments, '\n' line ends), with errors that
 * name the file, the line and the column. Shared by {@link ResultsCsv} and {@link SamplesCsv}.
 */
final class CsvTable {
    private static final CSVFormat WRITE_FORMAT = CSVFormat.DEFAULT.builder().setRecordSeparator('\n').get();
    private static final CSVFormat READ_FORMAT = CSVFormat.DEFAULT.builder()
        .setHeader()
        .setSkipHeaderRecord(true)
        .setDuplicateHeaderMode(DuplicateHeaderMode.DISALLOW)
        .get();

    private CsvTable() {
    }

    /** Writes the header and one record per row atomically (see {@link AtomicFiles}). */
    static <T> void write(final Path file, final String purpose, final List<String> header, final List<T> rows,
                          final Function<T, List<String>> toCells) throws IOException {
        AtomicFiles.write(file, purpose, writer -> {
            final CSVPrinter printer = new CSVPrinter(writer, WRITE_FORMAT);
            printer.printRecord(header);
            for (final T row : rows) {
                printer.printRecord(toCells.apply(row));
            }
            printer.flush();
        });
    }

    /**
     * Reads every data row of {@code file}. All problems are {@link ResultsFormatException}s naming {@code purpose},
     * the absolute path and the line: file not found, empty file, missing columns, a row with too few or too many
     * fields, an unterminated quote, and whatever {@code mapper} rejects (bad numbers, bad names).
     */
    static <T> List<T> read(final Path file, final String purpose, final List<String> requiredColumns,
                            final Function<Fields, T> mapper) throws IOException {
        return read(file, purpose, requiredColumns, mapper, new ArrayList<>());
    }

    /** As {@link #read(Path, String, List, Function)}, also adding each returned row's line number to {@code lines}. */
    static <T> List<T> read(final Path file, final String purpose, final List<String> requiredColumns,
                            final Function<Fields, T> mapper, final List<Long> lines) throws IOException {
        final Path absolute = file.toAbsolutePath();
        final BufferedReader reader;
        try {
            reader = Files.newBufferedReader(absolute, StandardCharsets.UTF_8);
        } catch (final NoSuchFileException e) {
            throw new ResultsFormatException(purpose, absolute, ResultsFormatException.NO_LINE, "file not found");
        }
        try (reader; CSVParser parser = CSVParser.builder().setReader(reader).setFormat(READ_FORMAT).get()) {
            final List<String> header = parser.getHeaderNames();
            if (header.isEmpty()) {
                throw new ResultsFormatException(purpose, absolute, 1,
                    "empty file: expected a header row " + String.join(",", requiredColumns));
            }
            final List<String> missing = new ArrayList<>();
            for (final String column : requiredColumns) {
                if (!header.contains(column)) {
                    missing.add(column);
                }
            }
            if (!missing.isEmpty()) {
                throw new ResultsFormatException(purpose, absolute, 1, "missing column" + (missing.size() > 1 ? "s" : "")
                    + " " + String.join(", ", missing) + " in header: " + String.join(",", header));
            }
            final List<T> rows = new ArrayList<>();
            final Iterator<CSVRecord> records = parser.iterator();
            while (true) {
                final CSVRecord record;
                try {
                    if (!records.hasNext()) {
                        break;
                    }
                    record = records.next();
                } catch (final UncheckedIOException e) {
                    throw new ResultsFormatException(purpose, absolute, parser.getCurrentLineNumber(),
                        "truncated or malformed row (" + e.getCause().getMessage() + ")", e);
                }
                final Fields fields = new Fields(purpose, absolute, header, record);
                try {
                    rows.add(mapper.apply(fields));
                    lines.add(fields.lineNumber());
                } catch (final ResultsFormatException e) {
                    throw e;
                } catch (final IllegalArgumentException e) {
                    throw new ResultsFormatException(purpose, absolute, fields.lineNumber(), e.getMessage(), e);
                }
            }
            return rows;
        } catch (final UncheckedIOException e) {
            throw new IOException("cannot read " + purpose + " " + absolute + ": " + e.getCause(), e.getCause());
        }
    }

    /** The cells of one data row, looked up by column name, with typed accessors that report file and line. */
    static final class Fields {
        private final String purpose;
        private final Path file;
        private final CSVRecord record;
        private final long lineNumber;

        private Fields(final String purpose, final Path file, final List<String> header, final CSVRecord record) {
            this.purpose = purpose;
            this.file = file;
            this.record = record;
            // Values may not contain line breaks (Labels), so the header is line 1 and record n is line n + 1.
            this.lineNumber = record.getRecordNumber() + 1;
            if (record.size() < header.size()) {
                throw error("truncated row: " + record.size() + " of " + header.size() + " fields, first missing"
                    + " column " + header.get(record.size()));
            }
            if (record.size() > header.size()) {
                throw error("row has " + record.size() + " fields but the header has " + header.size());
            }
        }

        long lineNumber() {
            return lineNumber;
        }

        /** Whether the file has {@code column} (a column a later format version added may be absent). */
        boolean has(final String column) {
            return record.isMapped(column);
        }

        /** The cell's text; empty when the cell is empty. */
        String text(final String column) {
            return record.get(column);
        }

        String requiredText(final String column) {
            final String text = text(column);
            if (text.isEmpty()) {
                throw error("column " + column + " must not be empty");
            }
            return text;
        }

        double number(final String column) {
            return parse(column, requiredText(column));
        }

        /** NaN for an empty cell (not applicable). */
        double optionalNumber(final String column) {
            final String text = text(column);
            return text.isEmpty() ? Double.NaN : parse(column, text);
        }

        long wholeNumber(final String column) {
            final String text = requiredText(column);
            try {
                return Long.parseLong(text);
            } catch (final NumberFormatException e) {
                throw error("column " + column + " is not a whole number: " + column + "=" + text);
            }
        }

        /**
         * The parameter columns present with a non-empty value, in column order; a parameter column the file lacks
         * (one added later, {@link ResultColumns#ADDED_WITH_FAST_INDEX}) counts as empty.
         */
        Map<String, String> params() {
            final Map<String, String> params = new LinkedHashMap<>();
            for (final String column : ResultColumns.PARAM_COLUMNS) {
                final String value = has(column) ? text(column) : "";
                if (!value.isEmpty()) {
                    params.put(column, value);
                }
            }
            return params;
        }

        ResultsFormatException error(final String problem) {
            return new ResultsFormatException(purpose, file, lineNumber, problem);
        }

        private double parse(final String column, final String text) {
            try {
                return CsvNumbers.parse(text);
            } catch (final NumberFormatException e) {
                throw error("column " + column + " is " + e.getMessage() + ": " + column + "=" + text);
            }
        }
    }
}
