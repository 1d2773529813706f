package io.merklebench.results;

import java.io.IOException;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes a file so that readers see the old complete file or the new complete file, never a part: the content goes
 * to a temporary file in the same directory, is forced to the device, then renamed over the target. A run killed
 * half-way therefore leaves no truncated results.csv behind.
 */
public final class AtomicFiles {
    private static final AtomicLong TEMPORARY_COUNTER = new AtomicLong();
    private AtomicFiles() {
    }

    /** Produces the file's content. */
    @FunctionalInterface
    public interface ContentWriter {
        void writeTo(Writer writer) throws IOException;
    }

    /**
     * Writes {@code target} as UTF-8 through a temporary file and an atomic rename. The parent directory must exist.
     *
     * @param purpose what the file is for, used in error messages (e.g. {@code results.csv})
     */
    public static void write(final Path target, final String purpose, final ContentWriter content) throws IOException {
        final Path absolute = target.toAbsolutePath();
        final Path directory = absolute.getParent();
        if (directory == null || !Files.isDirectory(directory)) {
            throw new IOException("cannot write " + purpose + ": directory does not exist: " + directory);
        }
        // Not Files.createTempFile: it creates mode 0600, and results are meant to be copied and shared; CREATE
        // gives the usual permissions from the umask. The name is unique per process and call (a leftover of a
        // killed process with the same pid is simply overwritten).
        final Path temporary = directory.resolve("." + absolute.getFileName() + "." + ProcessHandle.current().pid()
            + "-" + TEMPORARY_COUNTER.incrementAndGet() + ".tmp");
        boolean moved = false;
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE,
                    StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
                 Writer writer = Channels.newWriter(channel, StandardCharsets.UTF_8)) {
                content.writeTo(writer);
                writer.flush();
                channel.force(true);
            }
            Files.move(temporary, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            moved = true;
            forceDirectory(directory);
        } catch (final IOException e) {
            throw new IOException("cannot write " + purpose + " " + absolute + ": " + e, e);
        } finally {
            if (!moved) {
                Files.deleteIfExists(temporary);
            }
        }
    }

    /** Makes the rename durable on Linux; some platforms cannot open a directory, and there the rename must do. */
    private static void forceDirectory(final Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (final IOException | UnsupportedOperationException notSupportedHere) {
            // The file itself is complete and renamed; only durability of the directory entry is not guaranteed.
        }
    }
}
