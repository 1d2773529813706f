package io.merklebench.backends.support;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class FilePreallocatorTest {
    @TempDir
    Path directory;

    @Test
    void shouldExtendTheFileOverTheRangeAndKeepWhatWasBeforeIt() throws IOException {
        final Path file = directory.resolve("log");
        final byte[] head = new byte[5000];
        Arrays.fill(head, (byte)7);
        Files.write(file, head);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            FilePreallocator.allocate(file, channel, head.length, 3L << 20);
        }

        assertEquals(head.length + (3L << 20), Files.size(file));
        final byte[] all = Files.readAllBytes(file);
        assertArrayEquals(head, Arrays.copyOf(all, head.length));
        assertEquals(0, all[all.length - 1]);
    }
}
