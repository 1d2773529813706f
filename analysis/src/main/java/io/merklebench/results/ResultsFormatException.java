package io.merklebench.results;

import java.nio.file.Path;

/**
 * A results file (results.csv, samples.csv, host.properties) or run folder that cannot be read: the message names
 * what the file is for, its absolute path, the line (when there is one) and the problem, e.g.
 * {@code results.csv /data/results/vm-a/20261123T140000Z/results.csv line 7: column score is not a number: score=abc}.
 *
 * <p>It extends {@link IllegalArgumentException} because it is always bad input the user can fix (the CLI reports
 * such exceptions as one line and exits 1).
 */
public final class ResultsFormatException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** {@link #lineNumber()} when the problem is not on one line (missing file, missing folder). */
    public static final long NO_LINE = 0;

    private final transient Path file;
    private final long lineNumber;
    private final String problem;

    /**
     * @param fileDescription what the file is for, e.g. {@code results.csv} or {@code run folder}
     * @param file the file or folder; made absolute in the message
     * @param lineNumber 1-based line, or {@link #NO_LINE}
     * @param problem what is wrong, with the offending value as {@code name=value}
     */
    public ResultsFormatException(
        final String fileDescription, final Path file, final long lineNumber, final String problem) {
        this(fileDescription, file, lineNumber, problem, null);
    }

    public ResultsFormatException(
        final String fileDescription, final Path file, final long lineNumber, final String problem,
        final Throwable cause) {
        super(message(fileDescription, file, lineNumber, problem), cause);
        this.file = file.toAbsolutePath();
        this.lineNumber = lineNumber;
        this.problem = problem;
    }

    /** Absolute path of the bad file or folder. */
    public Path file() {
        return file;
    }

    /** 1-based line number, or {@link #NO_LINE}. */
    public long lineNumber() {
        return lineNumber;
    }

    /** The problem alone, without file and line. */
    public String problem() {
        return problem;
    }

    private static String message(
        final String fileDescription, final Path file, final long lineNumber, final String problem) {
        final String where = fileDescription + " " + file.toAbsolutePath();
        return lineNumber == NO_LINE ? where + ": " + problem : where + " line " + lineNumber + ": " + problem;
    }
}
