package io.merklebench.core.changeset;

import io.merklebench.core.Bytes;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;

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
    /**
     * The longest line read, in characters (a value of 8 MiB in hex): a longer line is refused before it fills the
     * heap (a 300 MB line ran a small heap out of memory).
     */
    public static final int MAX_LINE_CHARS = 16 * 1024 * 1024;
    /** How much of a field an error message quotes. */
    private static final int QUOTED_CHARS = 40;
    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private final BufferedReader reader;
    private final String source;
    private final char[] buffer = new char[8192];
    private int bufferStart;
    private int bufferEnd;
    private final StringBuilder line = new StringBuilder();
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
                throw error("unknown operation " + quoted(fields[0]) + "; expected one of: set, delete, commit");
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
            // Bytes.fromHex quotes the whole value, which may be megabytes: quote only its start.
            final String rule = e.getMessage();
            final int valueAt = rule.indexOf(" value=");
            throw error(field + ": " + (valueAt < 0 ? rule : rule.substring(0, valueAt)) + " value=" + quoted(text));
        }
    }

    /** A field in quotes for a message, only its start when long: a changeset line may be megabytes long. */
    private static String quoted(final String text) {
        return text.length() <= QUOTED_CHARS ? "'" + text + "'"
            : "'" + text.substring(0, QUOTED_CHARS) + "...' (" + text.length() + " characters)";
    }

    private ChangesetException error(final String message) {
        return new ChangesetException(source, lineNumber, message);
    }

    /**
     * The next line without its terminator ({@code \n}, {@code \r\n} or {@code \r}), or {@code null} at the end; a
     * byte order mark before the first line is dropped.
     *
     * @throws ChangesetException for a line over {@link #MAX_LINE_CHARS}, or input that is not UTF-8 text
     */
    private String readLine() {
        line.setLength(0);
        boolean sawAny = false;
        try {
            while (true) {
                if (bufferStart == bufferEnd) {
                    final int read = reader.read(buffer, 0, buffer.length);
                    if (read < 0) {
                        return sawAny ? endLine() : null;
                    }
                    bufferStart = 0;
                    bufferEnd = read;
                }
                sawAny = true;
                int end = bufferStart;
                while (end < bufferEnd && buffer[end] != '\n' && buffer[end] != '\r') {
                    end++;
                }
                if (line.length() + (end - bufferStart) > MAX_LINE_CHARS) {
                    throw new ChangesetException(source, lineNumber + 1, "line is longer than " + MAX_LINE_CHARS
                        + " characters (the longest a changeset line may be: a value of 8 MiB)");
                }
                line.append(buffer, bufferStart, end - bufferStart);
                if (end < bufferEnd) {
                    bufferStart = end + 1;
                    if (buffer[end] == '\r') {
                        skipNewlineAfterReturn();
                    }
                    return endLine();
                }
                bufferStart = bufferEnd;
            }
        } catch (final CharacterCodingException e) {
            // The decoder reads ahead: the bad bytes are on this line or a later one.
            throw new ChangesetException(source, lineNumber + 1, "not UTF-8 text: a changeset is lines of text (set,"
                + " delete, commit with hex keys and values), and there are bytes that are not UTF-8 on this line or"
                + " soon after it (a binary file?)");
        } catch (final IOException e) {
            throw new UncheckedIOException("reading changeset " + source + " after line " + lineNumber, e);
        }
    }

    private void skipNewlineAfterReturn() throws IOException {
        if (bufferStart == bufferEnd) {
            final int read = reader.read(buffer, 0, buffer.length);
            if (read < 0) {
                return;
            }
            bufferStart = 0;
            bufferEnd = read;
        }
        if (buffer[bufferStart] == '\n') {
            bufferStart++;
        }
    }

    private String endLine() {
        lineNumber++;
        if (lineNumber == 1 && line.length() > 0 && line.charAt(0) == BYTE_ORDER_MARK) {
            line.deleteCharAt(0);
        }
        return line.toString();
    }
}
