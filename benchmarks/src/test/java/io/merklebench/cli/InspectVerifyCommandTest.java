package io.merklebench.cli;

import io.merklebench.analysis.cli.UserErrors;
import io.merklebench.core.Bytes;
import io.merklebench.core.registry.StoreIdentity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 16 item 4: {@code mbench inspect} and {@code mbench verify} on stores built with {@code mbench replay}: they
 * report what the replay saved, leave every file byte-identical with its modification time, and a damaged store
 * makes verify exit non-zero naming the damage (or the store's own named error), never "ok".
 */
class InspectVerifyCommandTest {
    /** A value set in version 4 only and still live, so damaging its bytes damages the last version. */
    private static final String MARKER = "marker-value-of-version-four";
    private static final int KEYS = 120;
    private static final int VERSIONS = 5;
    private static final long LIVE_KEYS = KEYS - KEYS / 10 + 2;

    @TempDir
    Path temp;

    @ParameterizedTest(name = "{0}:{1}")
    @CsvSource({
        "heap,    lmdb",
        "heap,    rocksdb",
        "array,   lmdb",
        "array,   mmap",
        "array,   leveldb",
        "paged31, pagefile",
        "paged15, mmap",
        "mpt,     lmdb",
        "mpt,     rocksdb",
        "flat,    leveldb",
    })
    void shouldInspectAndVerifyAHealthyStoreWithoutChangingAFile(final String engine, final String store)
        throws IOException {
        final Path directory = temp.resolve("store");
        final String lastRoot = replay(engine, store, directory, false);
        final Map<String, String> before = fileStates(directory);

        final Run inspect = mbench("inspect", "--dir", directory.toString());
        assertEquals(0, inspect.exitCode, inspect.err);
        final List<String> lines = inspect.out.lines().toList();
        assertTrue(lines.contains("store: " + store), inspect.out);
        assertTrue(lines.contains("engine: " + engine), inspect.out);
        final boolean flat = "flat".equals(engine);
        assertTrue(lines.contains("versions: " + (flat ? "1 saved (" + VERSIONS + ")" : VERSIONS + " saved (1-" + VERSIONS + ")")),
            inspect.out);
        assertTrue(lines.contains("last version: " + VERSIONS), inspect.out);
        assertTrue(lines.stream().anyMatch(line -> line.startsWith("last root: " + lastRoot)), inspect.out);
        assertTrue(lines.contains("keys: " + LIVE_KEYS), inspect.out);
        assertFalse(inspect.out.contains("warning"), inspect.out);
        assertTrue(lines.stream().anyMatch(line -> line.startsWith("opened: read-only, ")), inspect.out);

        final Run verify = mbench("verify", "--dir", directory.toString());
        assertEquals(0, verify.exitCode, verify.err + verify.out);
        assertTrue(verify.out.contains("\nok: ") && verify.out.contains(" root " + lastRoot), verify.out);
        if (!flat) {
            final Run older = mbench("verify", "--dir", directory.toString(), "--version", "2");
            assertEquals(0, older.exitCode, older.err + older.out);
            assertTrue(older.out.contains("version=2 "), older.out);
        }
        assertEquals(before, fileStates(directory), "inspect or verify changed a file of " + engine + ":" + store);
    }

    @ParameterizedTest(name = "{0}:{1} damaged in {2}")
    @CsvSource({
        // LMDB keeps no checksums; the store's own (a CRC-32C per entry) finds the damage before the tree's hashes.
        "heap,    lmdb,     data.mdb,        fails its checksum",
        "array,   lmdb,     data.mdb,        fails its checksum",
        "mpt,     lmdb,     data.mdb,        fails its checksum",
        "paged31, pagefile, pages.dat,       checksum",
        "paged15, mmap,     mmap.log,        corrupt in the middle",
        "array,   mmap,     mmap.log,        corrupt in the middle",
        "heap,    rocksdb,  .*\\.log,        rocksdb found damage",
        // Damage in the newest log's last block, with intact records after it in that block.
        "flat,    leveldb,  .*\\.log,        an intact record follows",
    })
    void shouldNameTheDamageAndExitNonZero(final String engine, final String store, final String fileRegex,
                                           final String expected) throws IOException {
        final Path directory = temp.resolve("store");
        replay(engine, store, directory, false);
        assertDamageNamed(directory, fileRegex, expected, engine + ":" + store);
    }

    /**
     * Damage to the last commit's record, which a log store could take for a write torn by a crash and drop at
     * open: the record was written whole (mmap: its end mark is there; leveldb: its end is), so the open refuses it,
     * and inspect says so too instead of showing a store a version short.
     */
    @ParameterizedTest(name = "{0}:{1} damaged in the last record of {2}")
    @CsvSource({
        "array,   mmap,     mmap.log,        was written whole",
        "heap,    leveldb,  .*\\.log,        in the last record, which was written whole",
    })
    void shouldRefuseAStoreWithADamagedLastCommit(final String engine, final String store,
                                                  final String fileRegex, final String expected)
        throws IOException {
        final Path directory = temp.resolve("store");
        replay(engine, store, directory, true);
        assertDamageNamed(directory, fileRegex, expected, engine + ":" + store);
        final Run inspect = mbench("inspect", "--dir", directory.toString());
        assertEquals(UserErrors.INPUT_ERROR, inspect.exitCode, inspect.out + inspect.err);
        assertTrue(inspect.err.contains(expected), inspect.err);
    }

    private static void assertDamageNamed(final Path directory, final String fileRegex, final String expected,
                                          final String pair) throws IOException {
        final int damaged = flipEveryOccurrence(directory, fileRegex, MARKER.getBytes(StandardCharsets.US_ASCII));
        assertTrue(damaged > 0, "the marker value was not found in " + fileRegex + " of " + pair);

        final Run verify = mbench("verify", "--dir", directory.toString());

        assertEquals(UserErrors.INPUT_ERROR, verify.exitCode, verify.out + verify.err);
        assertTrue(verify.err.startsWith("verify: ") && verify.err.contains(expected), verify.err);
        assertEquals(1, verify.err.lines().count(), "one line: " + verify.err);
        assertFalse(verify.out.contains("ok:"), verify.out);
    }

    @Test
    void shouldRefuseADirectoryWithoutIdentity() throws IOException {
        final Path empty = Files.createDirectory(temp.resolve("empty"));
        for (final String command : List.of("inspect", "verify")) {
            final Run run = mbench(command, "--dir", empty.toString());
            assertEquals(UserErrors.INPUT_ERROR, run.exitCode, run.err);
            assertTrue(run.err.contains("holds no " + StoreIdentity.FILE_NAME) && run.err.contains("mem"), run.err);
        }
        final Run missing = mbench("inspect", "--dir", temp.resolve("nowhere").toString());
        assertEquals(UserErrors.INPUT_ERROR, missing.exitCode, missing.err);
        assertTrue(missing.err.contains("store directory not found"), missing.err);
        assertEquals(2, mbench("verify").exitCode, "--dir is required: a usage error");
    }

    @Test
    void shouldRefuseAnUnknownVersion() throws IOException {
        final Path directory = temp.resolve("store");
        replay("heap", "mmap", directory, false);
        final Run run = mbench("verify", "--dir", directory.toString(), "--version", "99");
        assertEquals(UserErrors.INPUT_ERROR, run.exitCode, run.err);
        assertTrue(run.err.contains("99"), run.err);
    }

    @Test
    void shouldPrintProgressOnLargerStores() throws IOException {
        final Path changeset = temp.resolve("large.cs");
        final StringBuilder text = new StringBuilder();
        for (int i = 0; i < 3000; i++) {
            text.append("set ").append(hex("k" + i)).append(' ').append(hex("v" + i)).append('\n');
        }
        Files.writeString(changeset, text.append("commit\n"));
        final Path directory = temp.resolve("large");
        assertEquals(0, mbench("replay", changeset.toString(), "--engine", "array", "--store", "mmap", "--dir",
            directory.toString(), "--no-sync").exitCode);

        final Run run = mbench("verify", "--dir", directory.toString(), "--progress-every", "0.000001");

        assertEquals(0, run.exitCode, run.err);
        assertTrue(run.err.contains("of 5999 nodes checked ("), run.err);
        assertTrue(run.out.contains("ok: 5999 nodes checked"), run.out);
    }

    /**
     * Replays {@value #VERSIONS} versions: {@value #KEYS} keys, then updates, then deletes a tenth, then the marker,
     * then one more key (unless {@code markerLast}: then the marker's version is the last); returns the last root.
     */
    private String replay(final String engine, final String store, final Path directory, final boolean markerLast)
        throws IOException {
        final StringBuilder text = new StringBuilder();
        for (int i = 0; i < KEYS; i++) {
            text.append("set ").append(hex("key-" + i)).append(' ').append(hex("value-" + i)).append('\n');
        }
        text.append("commit\n");
        for (int i = 0; i < KEYS; i += 3) {
            text.append("set ").append(hex("key-" + i)).append(' ').append(hex("updated-" + i)).append('\n');
        }
        text.append("commit\n");
        for (int i = 0; i < KEYS / 10; i++) {
            text.append("delete ").append(hex("key-" + (i * 10 + 1))).append('\n');
        }
        text.append("commit\n");
        text.append("set ").append(hex("marked-key")).append(' ').append(hex(MARKER)).append("\ncommit\n");
        if (!markerLast) {
            text.append("set ").append(hex("after-the-marker")).append(' ').append(hex("v")).append("\ncommit\n");
        }
        final Path changeset = temp.resolve("changes.cs");
        Files.writeString(changeset, text);
        // A 1 MiB page file segment instead of 1 GiB: the file is read whole to digest and damage it.
        final Run run = mbench("replay", changeset.toString(), "--engine", engine, "--store", store, "--dir",
            directory.toString(), "--store-options", "pagefile".equals(store) ? "segmentBytes=1m" : "");
        assertEquals(0, run.exitCode, run.err);
        final List<String> lines = run.out.lines().toList();
        assertEquals(markerLast ? VERSIONS - 1 : VERSIONS, lines.size(), run.out);
        return lines.get(lines.size() - 1).split(" ")[1];
    }

    /** Every file under the directory with the SHA-256 of its bytes and its modification time. */
    private static Map<String, String> fileStates(final Path root) throws IOException {
        final Map<String, String> states = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (final Path file : files.filter(Files::isRegularFile).toList()) {
                states.put(root.relativize(file).toString(), Bytes.toHex(sha256(Files.readAllBytes(file)))
                    + " modified " + Files.getLastModifiedTime(file).toMillis());
            }
        }
        return states;
    }

    /**
     * Inverts the first byte of every occurrence of {@code pattern} in the files matching {@code nameRegex}: stale
     * copies (an LMDB page freed by a later version) included, so the live copy is surely damaged. Returns how many.
     */
    private static int flipEveryOccurrence(final Path directory, final String nameRegex, final byte[] pattern)
        throws IOException {
        int flipped = 0;
        try (Stream<Path> files = Files.list(directory)) {
            for (final Path file : files.filter(f -> f.getFileName().toString().matches(nameRegex)).toList()) {
                final byte[] bytes = Files.readAllBytes(file);
                boolean changed = false;
                for (int i = 0; i + pattern.length <= bytes.length; i++) {
                    if (java.util.Arrays.equals(bytes, i, i + pattern.length, pattern, 0, pattern.length)) {
                        bytes[i] ^= (byte)0xff;
                        flipped++;
                        changed = true;
                    }
                }
                if (changed) {
                    Files.write(file, bytes);
                }
            }
        }
        return flipped;
    }

    private static byte[] sha256(final byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (final NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    private static String hex(final String text) {
        return Bytes.toHex(text.getBytes(StandardCharsets.UTF_8));
    }

    private static Run mbench(final String... args) {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final CommandLine commandLine = Mbench.newCommandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        final int exitCode = commandLine.execute(args);
        return new Run(exitCode, out.toString().replace("\r\n", "\n"), err.toString());
    }

    private record Run(int exitCode, String out, String err) {
    }
}
