package io.merklebench.bench;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KernelIoWindowTest {
    private static final Path DATA_DIRECTORY = Path.of("target").toAbsolutePath();

    @Test
    void shouldMeasureNothingWithoutAStart() {
        final KernelIoWindow window = new KernelIoWindow();
        window.stop();

        assertTrue(Double.isNaN(window.processWriteBytes()));
        assertTrue(Double.isNaN(window.deviceWriteBytes()));
        assertTrue(Double.isNaN(window.deviceFlushes()));
    }

    @Test
    void shouldMeasureNothingBetweenAStartAndItsStop() {
        final KernelIoWindow window = new KernelIoWindow();
        window.start(() -> DATA_DIRECTORY);
        window.stop();
        window.start(() -> DATA_DIRECTORY);

        assertTrue(Double.isNaN(window.processWriteBytes()), "the last window's end is not this one's");
    }

    @Test
    void shouldReportZeroOnThreadsOtherThanTheFirst() {
        final KernelIoWindow window = new KernelIoWindow();
        window.reportAsThread(3);
        window.start(() -> DATA_DIRECTORY);
        window.stop();

        assertEquals(0, window.processWriteBytes(), "process-wide figures are thread 0's to report");
        assertEquals(0, window.deviceWriteBytes());
        assertEquals(0, window.deviceFlushes());
    }

    @Test
    void shouldCountThePagesThisProcessWritesOnLinux() throws IOException {
        final KernelIoWindow window = new KernelIoWindow();
        final Path file = Files.createTempFile(DATA_DIRECTORY, "kernel-io-window-", ".bin");
        try {
            window.start(() -> DATA_DIRECTORY);
            Files.write(file, new byte[256 * 1024]);
            window.stop();
        } finally {
            Files.delete(file);
        }

        if (!Files.isReadable(Path.of("/proc/self/io"))) {
            assertTrue(Double.isNaN(window.processWriteBytes()), "not exposed, so not measured");
            return;
        }
        if (!Files.getFileStore(DATA_DIRECTORY).type().equals("tmpfs")) {
            assertTrue(window.processWriteBytes() >= 256 * 1024, "bytes dirtied: " + window.processWriteBytes());
        }
        final double deviceBytes = window.deviceWriteBytes();
        assertTrue(Double.isNaN(deviceBytes) || deviceBytes >= 0 && deviceBytes % 512 == 0, "sectors: " + deviceBytes);
    }
}
