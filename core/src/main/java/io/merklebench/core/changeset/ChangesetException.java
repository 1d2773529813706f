package io.merklebench.core.changeset;

/** A changeset line that cannot be parsed, or a commit whose root hash differs from the expected one. */
public class ChangesetException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final long lineNumber;

    public ChangesetException(final String source, final long lineNumber, final String message) {
        super(source + ":" + lineNumber + ": " + message);
        this.lineNumber = lineNumber;
    }

    public long lineNumber() {
        return lineNumber;
    }
}
