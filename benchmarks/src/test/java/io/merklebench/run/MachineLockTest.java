package io.merklebench.run;

import io.merklebench.analysis.cli.UserErrors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

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
}
