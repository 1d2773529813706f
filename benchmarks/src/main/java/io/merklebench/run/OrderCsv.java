package io.merklebench.run;

import io.merklebench.results.AtomicFiles;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes {@value #FILE_NAME}: the forks of a run in the order they ran, one row each, so that a drift over the run
 * (a neighbour starting, the disk filling) can be told apart from a difference between cases. Plain CSV like
 * results.csv (one header row, RFC 4180, UTF-8). Stateless; thread-safe.
 * <table>
 * <caption>order.csv columns</caption>
 * <tr><th>column</th><th>type</th><th>unit / meaning</th></tr>
 * <tr><td>sequence</td><td>integer</td><td>1-based position in the run's schedule</td></tr>
 * <tr><td>case</td><td>text</td><td>the case's label: benchmark and every param, as in the progress lines</td></tr>
 * <tr><td>fork</td><td>integer</td><td>1-based fork of the case (the {@code fork} column of samples.csv)</td></tr>
 * <tr><td>startUtc</td><td>ISO-8601 instant</td><td>when the fork was launched; empty when skipped</td></tr>
 * <tr><td>durationMillis</td><td>integer</td><td>wall time of the fork's JMH invocation, ms; empty when
 *     skipped</td></tr>
 * <tr><td>toFirstIterationMillis</td><td>integer</td><td>launch to the start of the first iteration, ms (JMH's
 *     metadata): JVM start, class loading and JMH's handshake. The benchmark's trial setup (building the tree) runs
 *     inside the first iteration's call and is not in it. Empty when unknown (failed, skipped)</td></tr>
 * <tr><td>outcome</td><td>text</td><td>{@code ok}, {@code failed}, or {@code skipped} (an earlier fork of the case
 *     failed)</td></tr>
 * <tr><td>message</td><td>text</td><td>why it failed or was skipped; empty when ok</td></tr>
 * </table>
 */
public final class OrderCsv {
    /** File name inside a run folder. */
    public static final String FILE_NAME = "order.csv";
    static final List<String> HEADER = List.of("sequence", "case", "fork", "startUtc", "durationMillis",
        "toFirstIterationMillis", "outcome", "message");
    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setRecordSeparator('\n').get();

    /** How a fork ended. */
    public enum Outcome {
        OK, FAILED, SKIPPED;

        String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * One fork.
     *
     * @param startUtc              null when skipped
     * @param durationMillis        negative when skipped
     * @param toFirstIterationMillis negative when unknown
     * @param message               empty when ok
     */
    public record Row(int sequence, String caseLabel, int fork, Instant startUtc, long durationMillis,
                      long toFirstIterationMillis, Outcome outcome, String message) {
    }

    private OrderCsv() {
    }

    /** Writes {@code rows} through a temporary file and an atomic rename. */
    public static void write(final Path file, final List<Row> rows) throws IOException {
        AtomicFiles.write(file, FILE_NAME, writer -> {
            final CSVPrinter printer = new CSVPrinter(writer, FORMAT);
            printer.printRecord(HEADER);
            for (final Row row : rows) {
                final List<String> cells = new ArrayList<>(HEADER.size());
                cells.add(Integer.toString(row.sequence()));
                cells.add(row.caseLabel());
                cells.add(Integer.toString(row.fork()));
                cells.add(row.startUtc() == null ? "" : row.startUtc().toString());
                cells.add(row.durationMillis() < 0 ? "" : Long.toString(row.durationMillis()));
                cells.add(row.toFirstIterationMillis() < 0 ? "" : Long.toString(row.toFirstIterationMillis()));
                cells.add(row.outcome().label());
                cells.add(row.message().replace('\n', ' '));
                printer.printRecord(cells);
            }
            printer.flush();
        });
    }
}
