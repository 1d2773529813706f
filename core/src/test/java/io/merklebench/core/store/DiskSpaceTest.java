package io.merklebench.core.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DiskSpaceTest {
    @TempDir
    Path directory;

    @Test
    void shouldRefuseMoreThanIsUsableNamingTheDirectoryAndTheMissingBytes() {
        final DiskSpace space = DiskSpace.of(directory);
        final long usable = space.usableBytes();
        // Far beyond what is usable: other processes may free space between the two reads (a CI run failed with
        // + 12345 while a build directory was being deleted).
        final long needed = usable + (1L << 40);

        final NoSpaceException refused = assertThrows(NoSpaceException.class,
            () -> space.require(needed, "a test write"));

        assertTrue(refused.getMessage().startsWith("no space left on device: " + directory.toAbsolutePath()
            + " needs "), refused.getMessage());
        assertTrue(refused.missingBytes() > 0, refused.getMessage());
        assertTrue(refused.getMessage().contains("a test write needs " + needed), refused.getMessage());
        assertTrue(refused instanceof StoreException, "the command line prints store errors as one line");
    }

    @Test
    void shouldAllowWhatIsUsable() {
        DiskSpace.of(directory).require(1, "one byte");
    }

    @Test
    void shouldRecognizeTheOsWordingOfAFullDiskInACauseChain() {
        assertTrue(DiskSpace.isNoSpace(new StoreException("rocksdb commit failed",
            new IOException("IO error: No space left on device: While appending to file: 000004.log"))));
        assertTrue(DiskSpace.isNoSpace(new RuntimeException("Platform constant error code: ENOSPC (28)")));
        assertFalse(DiskSpace.isNoSpace(new IOException("Input/output error")));
    }

    @Test
    void shouldSayAllTheWriteNeededWhenTheSpaceIsBackAfterARefusal() {
        final NoSpaceException refused = DiskSpace.of(directory).refused(4096, "writing a page",
            new IOException("No space left on device"));

        assertEquals(4096, refused.missingBytes(), refused.getMessage());
        assertTrue(refused.getMessage().contains("needs 4096 more bytes (writing a page was refused: No space left on"
            + " device)"), refused.getMessage());
    }

    @Test
    void shouldSumTheSizesOfMatchingFiles() throws IOException {
        Files.write(directory.resolve("000003.log"), new byte[100]);
        Files.write(directory.resolve("000005.log"), new byte[20]);
        Files.write(directory.resolve("000004.sst"), new byte[7]);

        assertEquals(120, DiskSpace.bytesOfFiles(directory, "\\d+\\.log"));
        assertEquals(0, DiskSpace.bytesOfFiles(directory.resolve("missing"), "\\d+\\.log"));
    }
}
