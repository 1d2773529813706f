package io.merklebench.bench.sync;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SyncedFileTest {
    private Path directory;

    @BeforeEach
    void createDirectory() throws IOException {
        Files.createDirectories(Path.of("target"));
        directory = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "synced-file-test-");
    }

    @AfterEach
    void deleteDirectory() throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            for (final Path file : files.toList()) {
                Files.delete(file);
            }
        }
        Files.delete(directory);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(SyncMethod.class)
    void shouldWriteEachMethodsDataAtSuccessiveAlignedOffsets(final SyncMethod method) throws IOException {
        final int writeSize = 4096;
        final Path file = directory.resolve("data");
        SyncedFile.preallocate(file);
        assertEquals(SyncedFile.FILE_LENGTH, Files.size(file), "pre-allocated to full length");
        try (SyncedFile synced = SyncedFile.openPreallocated(file, method, writeSize)) {
            assertEquals(0, synced.writeAndSync());
            assertEquals(writeSize, synced.writeAndSync());
            assertEquals(2L * writeSize, synced.writeAndSync());
        }
        // each write stamps its sequence number into its first 8 bytes
        assertEquals(0L, longAt(file, 0), "method=" + method);
        assertEquals(1L, longAt(file, writeSize), "method=" + method);
        assertEquals(2L, longAt(file, 2L * writeSize), "method=" + method);
        assertEquals(SyncedFile.FILE_LENGTH, Files.size(file), "overwrites never grow the file");
        assertTrue(Files.exists(file), "a file opened with openPreallocated stays after close");
    }

    @Test
    void shouldWrapAroundAtTheEndOfTheFile() {
        final int writeSize = SyncedFile.MAX_WRITE_SIZE_BYTES;
        try (SyncedFile synced = SyncedFile.create(directory.resolve("wrap"), SyncMethod.fdatasync, writeSize)) {
            final int slotCount = SyncedFile.FILE_LENGTH / writeSize;
            for (int i = 0; i < slotCount; i++) {
                assertEquals((long) i * writeSize, synced.writeAndSync());
            }
            assertEquals(0, synced.writeAndSync(), "after the last slot the next write goes to offset 0");
        }
    }

    @Test
    void shouldDeleteTheFileItCreatedOnClose() {
        final Path file = directory.resolve("owned");
        try (SyncedFile synced = SyncedFile.create(file, SyncMethod.fsync, 512)) {
            synced.writeAndSync();
            assertTrue(Files.exists(file));
        }
        assertFalse(Files.exists(file));
    }

    @Test
    void shouldRejectAWriteSizeThatIsNotAPowerOfTwoInRange() {
        final Path file = directory.resolve("never-created");
        final IllegalArgumentException notPowerOfTwo = assertThrows(IllegalArgumentException.class,
            () -> SyncedFile.create(file, SyncMethod.fdatasync, 1000));
        assertEquals("writeSize must be a power of two from 512 to 1048576 bytes: writeSize=1000",
            notPowerOfTwo.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SyncedFile.create(file, SyncMethod.fdatasync, 256));
        assertFalse(Files.exists(file), "nothing is created for a bad argument");
    }

    @Test
    void shouldNameTheFileWhenItCannotBeCreated() {
        final Path file = directory.resolve("missing-parent").resolve("data");
        final java.io.UncheckedIOException failure = assertThrows(java.io.UncheckedIOException.class,
            () -> SyncedFile.create(file, SyncMethod.fdatasync, 4096));
        assertTrue(failure.getMessage().startsWith("could not create the 16777216-byte sync test file: "
            + file.toAbsolutePath()), failure.getMessage());
    }

    private static long longAt(final Path file, final long fileOffset) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            final ByteBuffer buffer = ByteBuffer.allocate(Long.BYTES);
            channel.read(buffer, fileOffset);
            return buffer.getLong(0);
        }
    }
}
