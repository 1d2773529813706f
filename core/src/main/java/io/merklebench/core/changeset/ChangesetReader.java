package io.merklebench.core.changeset;

import io.merklebench.core.Bytes;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Reads a changeset one operation at a time, so a file of any size streams through in constant memory.
 *
 * <pre>
 *   # comment, and blank lines, are ignored
 *   set 68656c6c6f 776f726c64        key and value in hex (either case); an empty value is written '-'
 *   delete 68656c6c6f
 *   commit [expected-root-hex]
 * </pre>
 * Not thread-safe. Closing closes the underlying reader.
 */
public final class ChangesetReader implements Closeable {
    private static final String EMPTY_VALUE = "-";

    private final BufferedReader reader;
    private final String source;
    private long lineNumber;

    /** @param source how errors name the input, e.g. the file's absolute path */
    public ChangesetReader(final BufferedReader reader, final String source) {
        this.reader = reader;
        this.source = source;
    }

    /**
     * The next operation, or {@code null} at the end.
     *
     * @throws ChangesetException for a malformed line, with its line number
     */
    public Operation next() {
        String line;
        while ((line = readLine()) != null) {
            final String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            return parse(trimmed.split("\\s+"));
        }
        return null;
    }

    public String source() {
        return source;
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }

    private Operation parse(final String[] fields) {
        switch (fields[0]) {
            case "set":
                requireFieldCount(fields, 3, "set <key-hex> <value-hex>");
                return new Operation(Operation.Kind.SET, key(fields[1]), value(fields[2]), null, lineNumber);
            case "delete":
                requireFieldCount(fields, 2, "delete <key-hex>");
                return new Operation(Operation.Kind.DELETE, key(fields[1]), null, null, lineNumber);
            case "commit":
                if (fields.length > 2) {
                    throw error("expected 'commit [<expected-root-hex>]' but found " + fields.length + " fields");
                }
                final byte[] expected = fields.length == 2 ? hex("expected root hash", fields[1]) : null;
                if (expected != null && expected.length != 32) {
                    throw error("expected root hash must be 32 bytes (64 hex digits): length=" + expected.length);
                }
                return new Operation(Operation.Kind.COMMIT, null, null, expected, lineNumber);
            default:
                throw error("unknown operation '" + fields[0] + "'; expected one of: set, delete, commit");
        }
    }

    private void requireFieldCount(final String[] fields, final int expected, final String form) {
        if (fields.length != expected) {
            throw error("expected '" + form + "' but found " + fields.length + " fields");
        }
    }

    private byte[] key(final String text) {
        if (EMPTY_VALUE.equals(text)) {
            throw error("key must be at least one byte; '-' is only allowed for an empty value");
        }
        return hex("key", text);
    }

    private byte[] value(final String text) {
        return EMPTY_VALUE.equals(text) ? new byte[0] : hex("value", text);
    }

    private byte[] hex(final String field, final String text) {
        try {
            return Bytes.fromHex(text);
        } catch (final IllegalArgumentException e) {
            throw error(field + ": " + e.getMessage());
        }
    }

    private ChangesetException error(final String message) {
        return new ChangesetException(source, lineNumber, message);
    }

    private String readLine() {
        try {
            final String line = reader.readLine();
            if (line != null) {
                lineNumber++;
            }
            return line;
        } catch (final IOException e) {
            throw new UncheckedIOException("reading changeset " + source + " after line " + lineNumber, e);
        }
    }
}
