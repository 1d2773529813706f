package io.merklebench.cli;

import io.merklebench.analysis.cli.UserErrors;
import io.merklebench.bench.sync.SyncFilesystem;
import io.merklebench.bench.sync.SyncMethod;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code mbench fsync}: its refusal of non-persistent filesystems, its argument errors, and a very short real run
 * (the whole run is 0.4 s of syncs, so the numbers themselves are not checked: timing is no unit test).
 */
class FsyncCommandTest {
    /** tmpfs on every Linux with glibc's shm support, and on this machine. */
    private static final Path SHARED_MEMORY = Path.of("/dev/shm");

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    /** Under target/: the build directory is on the disk the build runs on, unlike java.io.tmpdir on some hosts. */
    private Path diskDirectory;

    @BeforeEach
    void createDiskDirectory() throws IOException {
        Files.createDirectories(Path.of("target"));
        diskDirectory = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "fsync-command-test-");
    }

    @AfterEach
    void deleteDiskDirectory() throws IOException {
        try (Stream<Path> files = Files.list(diskDirectory)) {
            for (final Path file : files.toList()) {
                Files.delete(file);
            }
        }
        Files.delete(diskDirectory);
    }

    @Test
    void shouldRefuseATmpfsDirectoryWithAClearMessageAndExitOne() {
        assumeTmpfs(SHARED_MEMORY);
        final int exitCode = run("fsync", "--dir", SHARED_MEMORY.toString(), "--seconds", "0.1");
        assertEquals(UserErrors.INPUT_ERROR, exitCode, err.toString());
        final String message = err.toString();
        assertTrue(message.startsWith("fsync: refusing to measure syncs on a non-persistent filesystem: directory="
            + SHARED_MEMORY), message);
        assertTrue(message.contains("type=tmpfs"), message);
        assertTrue(message.contains("--force"), "the message names the way out: " + message);
        assertEquals("", out.toString(), "nothing measured");
    }

    @Test
    void shouldRunOnTmpfsWhenForcedAndSaySoInItsOutput() throws IOException {
        assumeTmpfs(SHARED_MEMORY);
        final Path directory = Files.createTempDirectory(SHARED_MEMORY, "mbench-fsync-test-");
        try {
            final int exitCode = run("fsync", "--dir", directory.toString(), "--seconds", "0.2", "--force");
            assertEquals(0, exitCode, err.toString());
            final String output = out.toString();
            assertTrue(output.startsWith("WARNING: --force given: directory=" + directory.toRealPath()
                + " is on a non-persistent filesystem (type=tmpfs"), output);
            assertTrue(output.contains("these numbers do NOT measure a disk"), output);
            assertTrue(output.contains("fastest method on this disk: "), output);
            assertDirectoryEmpty(directory);
        } finally {
            Files.deleteIfExists(directory);
        }
    }

    @Test
    void shouldPrintEveryMethodAtEveryWriteSizeThenTheFastestAndDeleteItsFile() throws IOException {
        assumeTrue(!SyncFilesystem.of(diskDirectory).volatileStorage(), "target/ is on a volatile filesystem here");
        final int exitCode = run("fsync", "--dir", diskDirectory.toString(), "--seconds", "0.4");
        assertEquals(0, exitCode, err.toString());
        final String output = out.toString();
        assertTrue(output.startsWith("mbench fsync: directory=" + diskDirectory.toRealPath() + " type="), output);
        for (final int writeSize : FsyncCommand.WRITE_SIZES) {
            final int section = output.indexOf("\nwriteSize=" + writeSize + " bytes\n");
            assertTrue(section >= 0, "section for writeSize=" + writeSize + ":\n" + output);
            final String sectionText = output.substring(section);
            for (final SyncMethod method : SyncMethod.values()) {
                assertTrue(sectionText.matches("(?s).*\n  " + method + " +\\d+\\.\\d +\\d+\\.\\d.*"),
                    "row for method=" + method + " writeSize=" + writeSize + ":\n" + output);
            }
            assertTrue(output.contains("fastest at writeSize=" + writeSize + ": "), output);
        }
        assertTrue(output.contains("[20/20]"), "progress counter reaches the last case:\n" + output);
        assertTrue(output.contains("\nfastest method on this disk: "), output);
        assertFalse(output.contains("WARNING"), output);
        assertDirectoryEmpty(diskDirectory);
    }

    @Test
    void shouldRejectAMissingDirectoryNamingItsAbsolutePath() {
        final Path missing = diskDirectory.resolve("no-such-dir");
        final int exitCode = run("fsync", "--dir", missing.toString());
        assertEquals(UserErrors.INPUT_ERROR, exitCode);
        assertEquals("fsync: fsync test directory does not exist: " + missing.toAbsolutePath(), err.toString().trim());
    }

    @Test
    void shouldRejectAFileGivenAsDirectory() throws IOException {
        final Path file = Files.createFile(diskDirectory.resolve("plain-file"));
        final int exitCode = run("fsync", "--dir", file.toString());
        assertEquals(UserErrors.INPUT_ERROR, exitCode);
        assertEquals("fsync: fsync test directory is not a directory: " + file.toAbsolutePath(), err.toString().trim());
    }

    @Test
    void shouldRejectSecondsOutOfRange() {
        assertEquals(UserErrors.INPUT_ERROR, run("fsync", "--dir", diskDirectory.toString(), "--seconds", "0"));
        assertEquals("fsync: --seconds must be between 0.1 and 3600.0: --seconds=0.0", err.toString().trim());
        err.getBuffer().setLength(0);
        assertEquals(UserErrors.INPUT_ERROR, run("fsync", "--dir", diskDirectory.toString(), "--seconds", "4000"));
        assertEquals("fsync: --seconds must be between 0.1 and 3600.0: --seconds=4000.0", err.toString().trim());
    }

    @Test
    void shouldRejectNonNumericSecondsAsAUsageError() {
        final int exitCode = run("fsync", "--seconds", "ten");
        assertEquals(CommandLine.ExitCode.USAGE, exitCode);
        assertTrue(err.toString().contains("Invalid value for option '--seconds': 'ten' is not a double"),
            err.toString());
    }

    /** Issue 16 item 11: a SIGKILLed run's 16 MiB file stayed for good; a running one's must stay. */
    @Test
    void shouldRemoveTheTestFilesOfDeadRunsOnly() throws IOException, InterruptedException {
        final Process finished = new ProcessBuilder("true").start();
        finished.waitFor();
        final Path stale = Files.writeString(diskDirectory.resolve("mbench-fsync-" + finished.pid() + ".tmp"), "x");
        final Path running = Files.writeString(diskDirectory.resolve("mbench-fsync-" + ProcessHandle.current().pid()
            + ".tmp"), "x");
        final Path unrelated = Files.writeString(diskDirectory.resolve("mbench-fsync-notes.txt"), "x");

        FsyncCommand.removeStaleTestFiles(diskDirectory, new PrintWriter(out, true));

        assertFalse(Files.exists(stale));
        assertTrue(Files.exists(running) && Files.exists(unrelated));
        assertTrue(out.toString().contains("removed the test file of an earlier run that did not finish: " + stale),
            out.toString());
    }

    private int run(final String... args) {
        final CommandLine commandLine = Mbench.newCommandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    private static void assumeTmpfs(final Path directory) {
        assumeTrue(Files.isDirectory(directory) && SyncFilesystem.of(directory).volatileStorage(),
            directory + " is not a tmpfs directory on this machine");
    }

    private static void assertDirectoryEmpty(final Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            assertEquals(java.util.List.of(), files.toList(), "the test file must be deleted: " + directory);
        }
    }
}
