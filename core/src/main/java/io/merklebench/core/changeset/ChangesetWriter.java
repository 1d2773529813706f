package io.merklebench.core.changeset;

import io.merklebench.core.Bytes;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;

/**
 * Writes the changeset format {@link ChangesetReader} reads ({@code set}, {@code delete}, {@code commit [root]}, an
 * empty value as {@code -}), so a generated workload can be replayed with {@code mbench replay} or shared. Not
 * thread-safe. Closing closes the underlying writer; I/O errors are {@link UncheckedIOException}s.
 */
public final class ChangesetWriter implements Closeable {
    private final Writer writer;

    public ChangesetWriter(final Writer writer) {
        this.writer = writer;
    }

    /** A {@code #} comment line (the text must not hold a line break). */
    public void comment(final String text) {
        if (text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("a changeset comment is one line: " + text);
        }
        write("# " + text + "\n");
    }

    public void set(final byte[] key, final byte[] value) {
        write("set " + Bytes.toHex(key) + " " + (value.length == 0 ? "-" : Bytes.toHex(value)) + "\n");
    }

    public void delete(final byte[] key) {
        write("delete " + Bytes.toHex(key) + "\n");
    }

    /** A commit line; with {@code expectedRootHash} (may be null) replay checks the root before saving. */
    public void commit(final byte[] expectedRootHash) {
        write(expectedRootHash == null ? "commit\n" : "commit " + Bytes.toHex(expectedRootHash) + "\n");
    }

    private void write(final String line) {
        try {
            writer.write(line);
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot write the changeset: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() throws IOException {
        writer.close();
    }
}
