package io.merklebench.cli;

import io.merklebench.analysis.cli.UserErrors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.nio.file.attribute.PosixFilePermission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

class ReplayCommandTest {
    private static final String VECTOR = "/vectors/iavl-memiavl-seq.cs";
    private static final String V1 = "6032661ab0d201132db7a8fa1da6a0afe427e6278bd122c301197680ab79ca02";
    private static final String V7 = "d91cf6388eeff3204474bb07b853ab0d7d39163912ac1e610e92f9b178c76922";

    @TempDir
    Path tempDir;

    @Test
    void shouldPrintEveryVersionOfTheBundledVector() throws IOException {
        final Run run = replay(copyVector().toString(), "--engine", "heap", "--store", "mem");

        assertEquals(0, run.exitCode, run.err);
        final List<String> lines = run.out.lines().toList();
        assertEquals(7, lines.size(), run.out);
        assertEquals("1 " + V1, lines.get(0));
        assertEquals("7 " + V7, lines.get(6));
    }

    @Test
    void shouldNameTheLineAndBothHashesOnMismatch() throws IOException {
        final String wrong = "00".repeat(32);
        final Path file = write("set 68656c6c6f 776f726c64\ncommit " + wrong + "\n");

        final Run run = replay(file.toString());

        assertEquals(UserErrors.INPUT_ERROR, run.exitCode);
        assertTrue(run.err.contains(":2:"), run.err);
        assertTrue(run.err.contains("expected=" + wrong), run.err);
        assertTrue(run.err.contains("actual=" + V1), run.err);
        assertEquals("", run.out, "nothing is saved for the mismatching commit");
    }

    @Test
    void shouldReportMalformedLineWithNumberAndSaveNothingAfterIt() throws IOException {
        final Path file = write("# header\nset 68656c6c6f 776f726c64\ncommit\nset 6a zz\ncommit\n");

        final Run run = replay(file.toString());

        assertEquals(UserErrors.INPUT_ERROR, run.exitCode);
        assertTrue(run.err.contains(":4:"), run.err);
        assertTrue(run.err.contains("not a hex digit"), run.err);
        assertEquals("1 " + V1 + "\n", run.out.replace("\r\n", "\n"));
        assertFalse(run.err.contains("\tat "), "no stack trace: " + run.err);
    }

    @Test
    void shouldRejectUnknownOperationAndMissingField() throws IOException {
        final Run unknown = replay(write("put 01 02\n").toString());
        assertEquals(UserErrors.INPUT_ERROR, unknown.exitCode);
        assertTrue(unknown.err.contains("unknown operation 'put'; expected one of: set, delete, commit"), unknown.err);

        final Run missing = replay(write("set 01\n").toString());
        assertEquals(UserErrors.INPUT_ERROR, missing.exitCode);
        assertTrue(missing.err.contains(":1:") && missing.err.contains("set <key-hex> <value-hex>"), missing.err);

        final Run odd = replay(write("delete abc\n").toString());
        assertEquals(UserErrors.INPUT_ERROR, odd.exitCode);
        assertTrue(odd.err.contains("even number of digits"), odd.err);
    }

    @Test
    void shouldListValidChoicesForUnknownEngineOrStore() throws IOException {
        final Path file = copyVector();

        final Run engine = replay(file.toString(), "--engine", "btree");
        assertEquals(UserErrors.INPUT_ERROR, engine.exitCode);
        assertTrue(engine.err.contains("unknown engine 'btree'; expected one of: ") && engine.err.contains("heap"), engine.err);

        final Run store = replay(file.toString(), "--store", "rocks");
        assertEquals(UserErrors.INPUT_ERROR, store.exitCode);
        assertTrue(store.err.contains("unknown store 'rocks'; expected one of: ") && store.err.contains("mem"), store.err);
    }

    @Test
    void shouldNameMissingFileWithAbsolutePath() {
        final Path missing = tempDir.resolve("no-such.cs");

        final Run run = replay(missing.toString());

        assertEquals(UserErrors.INPUT_ERROR, run.exitCode);
        assertTrue(run.err.contains("changeset file not found: " + missing.toAbsolutePath()), run.err);
    }

    @Test
    void shouldRefuseUnwritableStoreDirectory() throws IOException {
        final Path locked = Files.createDirectory(tempDir.resolve("locked"));
        Files.setPosixFilePermissions(locked, Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_EXECUTE));
        assumeFalse(Files.isWritable(locked), "running as root: permissions do not apply");

        final Run run = replay(copyVector().toString(), "--dir", locked.toString());

        assertEquals(UserErrors.INPUT_ERROR, run.exitCode);
        assertTrue(run.err.contains("store directory is not writable: " + locked.toAbsolutePath()), run.err);
    }

    @Test
    void shouldRefuseStoreDirectoryThatIsAFile() throws IOException {
        final Path file = write("not a directory");

        final Run run = replay(copyVector().toString(), "--dir", file.toString());

        assertEquals(UserErrors.INPUT_ERROR, run.exitCode);
        assertTrue(run.err.contains("store directory is not a directory: " + file.toAbsolutePath()), run.err);
    }

    @Test
    void shouldContinueFromLastVersionWhenDirectoryHoldsATree() throws IOException {
        final Path dir = tempDir.resolve("store");
        final Path first = write("set 68656c6c6f 776f726c64\ncommit " + V1 + "\n");
        assertEquals(0, replay(first.toString(), "--dir", dir.toString()).exitCode);

        final Run second = replay(write("commit\n").toString(), "--dir", dir.toString());

        assertEquals(0, second.exitCode, second.err);
        assertEquals("2 ", second.out.substring(0, 2), "version 2 saved on top of the reopened version 1");
    }

    @Test
    void shouldSayWhichStoreDirectoryCannotBeCreated() throws IOException {
        final Path underFile = write("a file, not a directory").resolve("store");

        final Run run = replay(copyVector().toString(), "--dir", underFile.toString());

        assertEquals(UserErrors.INPUT_ERROR, run.exitCode);
        assertTrue(run.err.contains("store directory cannot be created: " + underFile.getParent().toAbsolutePath()
            + " is not a directory, in " + underFile.toAbsolutePath()), run.err);
    }

    private Path copyVector() throws IOException {
        try (InputStream in = ReplayCommandTest.class.getResourceAsStream(VECTOR)) {
            final Path file = tempDir.resolve("vector.cs");
            Files.copy(in, file);
            return file;
        }
    }

    private Path write(final String text) throws IOException {
        final Path file = Files.createTempFile(tempDir, "changeset", ".cs");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    private static Run replay(final String... args) {
        final String[] full = new String[args.length + 1];
        full[0] = "replay";
        System.arraycopy(args, 0, full, 1, args.length);
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final CommandLine commandLine = Mbench.newCommandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        final int exitCode = commandLine.execute(full);
        return new Run(exitCode, out.toString(), err.toString());
    }

    private record Run(int exitCode, String out, String err) {
    }
}
