package io.merklebench.core.changeset;

import io.merklebench.core.Bytes;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChangesetReaderTest {
    private static final String HASH = "6032661ab0d201132db7a8fa1da6a0afe427e6278bd122c301197680ab79ca02";

    @Test
    void shouldReadOperationsWithLineNumbersSkippingCommentsAndBlankLines() {
        final ChangesetReader reader = reader(String.join("\n",
            "# header",
            "",
            "set 68656C6C6F 776f726c64",
            "   set   01   -   ",
            "delete 68656c6c6f\r",
            "commit",
            "\t# indented comment",
            "commit " + HASH.toUpperCase(java.util.Locale.ROOT)));
        final Operation set = reader.next();
        assertEquals(Operation.Kind.SET, set.kind());
        assertEquals("68656c6c6f", Bytes.toHex(set.key()));
        assertEquals("776f726c64", Bytes.toHex(set.value()));
        assertEquals(3, set.lineNumber());
        final Operation emptyValue = reader.next();
        assertArrayEquals(new byte[0], emptyValue.value());
        assertEquals(4, emptyValue.lineNumber());
        final Operation delete = reader.next();
        assertEquals(Operation.Kind.DELETE, delete.kind());
        assertNull(delete.value());
        assertEquals(5, delete.lineNumber());
        final Operation commit = reader.next();
        assertEquals(Operation.Kind.COMMIT, commit.kind());
        assertNull(commit.expectedHash());
        assertEquals(6, commit.lineNumber());
        final Operation checkedCommit = reader.next();
        assertEquals(HASH, Bytes.toHex(checkedCommit.expectedHash()));
        assertEquals(8, checkedCommit.lineNumber());
        assertNull(reader.next());
        assertNull(reader.next(), "stays at the end");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "unknown operation      | put 01 02                 | unknown operation 'put'; expected one of: set, delete, commit",
        "set missing value      | set 01                    | expected 'set <key-hex> <value-hex>' but found 2 fields",
        "set extra field        | set 01 02 03              | expected 'set <key-hex> <value-hex>' but found 4 fields",
        "delete missing key     | delete                    | expected 'delete <key-hex>' but found 1 fields",
        "odd-length key         | set 123 02                | key: hex must have an even number of digits",
        "non-hex value          | set 01 0g                 | value: not a hex digit: 'g' at position=1",
        "dash as key            | delete -                  | key must be at least one byte",
        "short expected hash    | commit abcd               | expected root hash must be 32 bytes (64 hex digits): length=2",
        "non-hex expected hash  | commit xy                 | expected root hash: not a hex digit",
        "commit extra field     | commit " + HASH + " 00    | expected 'commit [<expected-root-hex>]' but found 3 fields",
    })
    void shouldRejectMalformedLineNamingSourceAndLineNumber(final String name, final String line, final String message) {
        final ChangesetReader reader = reader("# first line\nset 01 02\n" + line + "\ncommit\n");
        reader.next();
        final ChangesetException error = assertThrows(ChangesetException.class, reader::next);
        assertEquals(3, error.lineNumber(), name);
        assertTrue(error.getMessage().startsWith("input.cs:3: "), error.getMessage());
        assertTrue(error.getMessage().contains(message), "expected '" + message + "' in: " + error.getMessage());
    }

    /** Issue 16 item 10: a UTF-8 byte order mark made the first {@code set} unknown. */
    @Test
    void shouldDropAByteOrderMarkAndReadEveryLineEnding() {
        final ChangesetReader reader = reader("\uFEFFset 01 02\r\ndelete 01\rcommit\nset 03 -");
        assertEquals(Operation.Kind.SET, reader.next().kind());
        assertEquals(Operation.Kind.DELETE, reader.next().kind());
        final Operation commit = reader.next();
        assertEquals(Operation.Kind.COMMIT, commit.kind());
        assertEquals(3, commit.lineNumber());
        final Operation last = reader.next();
        assertEquals(4, last.lineNumber(), "a last line without a newline still counts");
        assertEquals(0, last.value().length);
        assertNull(reader.next());
    }

    /** A byte order mark only means one before the first line; later it is a character like any other. */
    @Test
    void shouldRefuseAByteOrderMarkInsideTheFile() {
        final ChangesetReader reader = reader("set 01 02\n\uFEFFcommit\n");
        reader.next();
        final ChangesetException error = assertThrows(ChangesetException.class, reader::next);
        assertEquals(2, error.lineNumber());
    }

    @Test
    void shouldQuoteOnlyTheStartOfALongField() {
        final String value = "zz".repeat(500_000);
        final ChangesetException error = assertThrows(ChangesetException.class,
            () -> reader("set 01 " + value + "\n").next());
        assertTrue(error.getMessage().endsWith("value: not a hex digit: 'z' at position=0 value='"
            + value.substring(0, 40) + "...' (1000000 characters)"), error.getMessage());
        final ChangesetException unknown = assertThrows(ChangesetException.class,
            () -> reader("x".repeat(100_000) + " 01\n").next());
        assertTrue(unknown.getMessage().length() < 200, unknown.getMessage());
    }

    @Test
    void shouldRefuseALineLongerThanTheLimitBeforeReadingItAll() {
        final int[] served = {0};
        final Reader endless = new Reader() {
            @Override
            public int read(final char[] target, final int offset, final int length) {
                Arrays.fill(target, offset, offset + length, 'a');
                served[0] += length;
                return length;
            }

            @Override
            public void close() {
            }
        };
        final ChangesetReader reader = new ChangesetReader(new BufferedReader(endless), "endless.cs");
        final ChangesetException error = assertThrows(ChangesetException.class, reader::next);
        assertEquals("endless.cs:1: line is longer than " + ChangesetReader.MAX_LINE_CHARS + " characters (the"
            + " longest a changeset line may be: a value of 8 MiB)", error.getMessage());
        assertTrue(served[0] < ChangesetReader.MAX_LINE_CHARS + 100_000, "read " + served[0]);
    }

    @Test
    void shouldNameBinaryInputNotUtf8Text() {
        final byte[] bytes = {'s', 'e', 't', ' ', '0', '1', ' ', '0', '2', '\n', (byte) 0xC3, (byte) 0x28, '\n'};
        final BufferedReader binary = new BufferedReader(new InputStreamReader(new ByteArrayInputStream(bytes),
            StandardCharsets.UTF_8.newDecoder()));
        final ChangesetReader reader = new ChangesetReader(binary, "binary.cs");
        final ChangesetException error = assertThrows(ChangesetException.class, () -> {
            while (reader.next() != null) {
                continue;
            }
        });
        assertTrue(error.getMessage().startsWith("binary.cs:") && error.getMessage().contains(": not UTF-8 text"),
            error.getMessage());
    }

    private static ChangesetReader reader(final String text) {
        return new ChangesetReader(new BufferedReader(new StringReader(text)), "input.cs");
    }
}
