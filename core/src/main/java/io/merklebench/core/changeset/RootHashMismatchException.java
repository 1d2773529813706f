package io.merklebench.core.changeset;

import io.merklebench.core.Bytes;

/** A {@code commit} line whose expected root hash differs from the tree's. Nothing was saved for that line. */
public final class RootHashMismatchException extends ChangesetException {
    private static final long serialVersionUID = 1L;

    private final long version;

    public RootHashMismatchException(
        final String source, final long lineNumber, final long version, final byte[] expected, final byte[] actual) {
        super(source, lineNumber, "root hash mismatch at version " + version
            + ": expected=" + Bytes.toHex(expected) + " actual=" + Bytes.toHex(actual));
        this.version = version;
    }

    public long version() {
        return version;
    }
}
