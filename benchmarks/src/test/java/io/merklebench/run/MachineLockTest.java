package io.merklebench.run;

import io.merklebench.analysis.cli.UserErrors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 16 item 11: a second measuring command is refused at start, naming the first, instead of failing every case. */
class MachineLockTest {
    @TempDir
    Path directory;

    @Test
    void shouldRefuseASecondHolderNamingTheFirstAndAdmitOneAfterRelease() {
        final Path results = directory.resolve("results/vm/20261203T000000Z");
        try (MachineLock first = MachineLock.acquire(directory, "run", results)) {
            final UserErrors.UserException refused = assertThrows(UserErrors.UserException.class,
                () -> MachineLock.acquire(directory, "simulate", directory.resolve("other")));
            assertTrue(refused.getMessage().contains("pid=" + ProcessHandle.current().pid() + " command=mbench run"
                + " results=" + results.toAbsolutePath()), refused.getMessage());
            assertTrue(refused.getMessage().endsWith("then start mbench simulate again"), refused.getMessage());
        }
        MachineLock.acquire(directory, "run", results).close();
    }

    /** Issue 18: a lock file left at 644 by one user made every other user's run fail at start. */
    @Test
    void shouldLeaveTheLockFileWritableByEveryUser() throws Exception {
        final Path results = directory.resolve("results/vm/20261203T000000Z");
        MachineLock.acquire(directory, "run", results).close();
        final Path file = directory.resolve(MachineLock.FILE_NAME);
        assertEquals("rw-rw-rw-", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));

        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--")); // an older version's file
        MachineLock.acquire(directory, "run", results).close();
        assertEquals("rw-rw-rw-", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }
}
