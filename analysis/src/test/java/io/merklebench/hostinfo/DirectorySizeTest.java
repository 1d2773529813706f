package io.merklebench.hostinfo;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DirectorySizeTest {
    @Test
    void shouldCountTheBlocksOfEveryFileBelowTheDirectoryNotTheLengthOfSparseFiles(@TempDir final Path directory)
        throws IOException {
        Files.write(directory.resolve("000001.log"), new byte[64 * 1024]);
        Files.createDirectories(directory.resolve("pages"));
        try (RandomAccessFile sparse = new RandomAccessFile(directory.resolve("pages").resolve("pages.dat").toFile(),
            "rw")) {
            sparse.setLength(1L << 30);
        }

        final long bytes = DirectorySize.bytes(directory);

        assertTrue(bytes >= 64 * 1024, "the written file counts in full: " + bytes);
        assertTrue(bytes < 1 << 20, "a sparse 1 GiB file holds no blocks: " + bytes);
    }

    @Test
    void shouldCountNothingForAStoreWithoutFiles(@TempDir final Path directory) {
        assertTrue(DirectorySize.bytes(directory) <= 4096, "an empty directory is one block at most");
        assertEquals(0, DirectorySize.bytes(directory.resolve("never-created")));
        assertEquals(0, DirectorySize.bytes(null));
    }
}
