package io.merklebench.backends.support;

import io.merklebench.core.store.StoreException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DirectoryLockTest {
    @TempDir
    Path tempDir;

    @Test
    void shouldCreateMissingDirectoriesAndLockFile() {
        final Path directory = tempDir.resolve("a/b/store");
        try (DirectoryLock ignored = DirectoryLock.acquire("test", directory)) {
            assertTrue(Files.isDirectory(directory));
            assertTrue(Files.exists(directory.resolve(DirectoryLock.LOCK_FILE_NAME)));
        }
    }

    @Test
    void shouldRefuseSecondLockInSameJvmNamingDirectory() {
        final Path directory = tempDir.resolve("store");
        try (DirectoryLock ignored = DirectoryLock.acquire("test", directory)) {
            final StoreException failure = assertThrows(StoreException.class, () -> DirectoryLock.acquire("test", directory));
            assertEquals("test store directory is already open in this JVM (close it first): " + directory.toAbsolutePath(),
                failure.getMessage());
        }
    }

    @Test
    void shouldLockAgainAfterClose() {
        final Path directory = tempDir.resolve("store");
        DirectoryLock.acquire("test", directory).close();
        DirectoryLock.acquire("test", directory).close();
    }

    @Test
    void shouldRejectPathThatIsAFile() throws IOException {
        final Path file = Files.writeString(tempDir.resolve("file"), "x");
        final StoreException failure = assertThrows(StoreException.class, () -> DirectoryLock.acquire("test", file));
        assertEquals("test store directory is not a directory: " + file.toAbsolutePath(), failure.getMessage());
    }

    @Test
    void shouldReportDirectoryThatCannotBeCreated() throws IOException {
        final Path file = Files.writeString(tempDir.resolve("file"), "x");
        final Path below = file.resolve("store");
        final StoreException failure = assertThrows(StoreException.class, () -> DirectoryLock.acquire("test", below));
        assertTrue(failure.getMessage().startsWith("test store directory could not be created: " + below.toAbsolutePath()),
            failure.getMessage());
    }
}
