package io.merklebench.results;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * {@value #FILE_NAME} of a profiled run ({@code mbench run --profiler ...}): per case and event the frames where the
 * samples were taken, by self share, so that two runs (two hosts, two commits) can be compared by where their time
 * or allocation went. Plain CSV like results.csv (one header row, RFC 4180, UTF-8).
 * <table>
 * <caption>profile-top.csv columns</caption>
 * <tr><th>column</th><th>type</th><th>meaning</th></tr>
 * <tr><td>case</td><td>text</td><td>the case's label, as in order.csv and the progress lines</td></tr>
 * <tr><td>event</td><td>text</td><td>{@code cpu}, {@code wall}, {@code alloc} or {@code lock}</td></tr>
 * <tr><td>frame</td><td>text</td><td>a method ({@code io/merklebench/heap/HeapTree.get}) or native or kernel
 *     function, without the profiler's frame-type suffix</td></tr>
 * <tr><td>selfPercent</td><td>number</td><td>share of the event's samples (weighted: bytes for alloc, time for
 *     lock) taken in this frame itself, over all forks of the case, in %</td></tr>
 * <tr><td>totalPercent</td><td>number</td><td>share of the samples whose stack holds this frame (itself or below
 *     it), in %</td></tr>
 * </table>
 * Rows of a case and event are ordered by {@code selfPercent}, largest first. Stateless; thread-safe.
 */
public final class ProfileTopCsv {
    public static final String FILE_NAME = "profile-top.csv";
    static final List<String> HEADER = List.of("case", "event", "frame", "selfPercent", "totalPercent");

    /**
     * One frame of a case's profile for one event.
     *
     * @param caseLabel the case as the run planned it ({@code query.hit engine=array ... seed=1234}): its
     *                  benchmark and JMH parameters, which are not the columns of its result row (see
     *                  {@link #describes})
     */
    public record Row(String caseLabel, String event, String frame, double selfPercent, double totalPercent) {
        /**
         * Whether this profile is of the case whose result row has {@code key}: the same benchmark, and every
         * result column the case label names has the row's value. The label also holds parameters that are not
         * result columns (the workload's {@code seed}), and the row columns the case never set ({@code threads=1}
         * of a single-threaded case), so neither side's extra names count.
         */
        public boolean describes(final RowKey key) {
            final String[] words = caseLabel.split(" ");
            if (!words[0].equals(key.benchmark())) {
                return false;
            }
            for (int i = 1; i < words.length; i++) {
                final int equals = words[i].indexOf('=');
                final String name = equals < 0 ? words[i] : words[i].substring(0, equals);
                if (ResultColumns.PARAM_COLUMNS.contains(name)
                    && !words[i].substring(equals + 1).equals(key.params().get(name))) {
                    return false;
                }
            }
            return true;
        }
    }

    private ProfileTopCsv() {
    }

    /** Writes {@code rows} atomically (see {@link AtomicFiles}). */
    public static void write(final Path file, final List<Row> rows) throws IOException {
        CsvTable.write(file, FILE_NAME, HEADER, rows, row -> List.of(row.caseLabel(), row.event(), row.frame(),
            CsvNumbers.format(row.selfPercent()), CsvNumbers.format(row.totalPercent())));
    }

    /** Every row of {@code file}; problems are {@link ResultsFormatException}s naming the file and the line. */
    public static List<Row> read(final Path file) throws IOException {
        return CsvTable.read(file, FILE_NAME, HEADER, fields -> new Row(fields.requiredText("case"),
            fields.requiredText("event"), fields.requiredText("frame"), fields.number("selfPercent"),
            fields.number("totalPercent")));
    }
}
