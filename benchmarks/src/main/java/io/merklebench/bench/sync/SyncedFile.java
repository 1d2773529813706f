package io.merklebench.bench.sync;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.SplittableRandom;

/**
 * A pre-allocated test file that is overwritten in place, {@code writeSizeBytes} at a time, each write made durable
 * with one {@link SyncMethod}: what a write-ahead log does once its segment exists.
 *
 * <p>The file ({@value #FILE_LENGTH} bytes, like pg_test_fsync's) is filled with real bytes and synced when created,
 * so the measured writes allocate no blocks and change no file size: an fdatasync then has no metadata to write, as in
 * a recycled WAL segment. Writes walk through the file at aligned offsets and wrap around. The buffer's first eight
 * bytes change on every write so no layer can skip an identical page.
 *
 * <p>Not thread-safe: one writer. A mapping made for {@code msync} cannot be
 * unmapped explicitly on Java 17; it is released when collected (deleting the mapped file is fine on Linux).
 */
public final class SyncedFile implements AutoCloseable {
    /** 16 MiB: large enough to spread writes over many blocks, small enough to allocate in well under a second. */
    public static final int FILE_LENGTH = 16 << 20;
    /** Largest write size: one slot of the file must fit many times. */
    public static final int MAX_WRITE_SIZE_BYTES = 1 << 20;
    private static final int FILL_CHUNK_LENGTH = 1 << 20;

    private final Path file;
    private final SyncMethod method;
    private final int writeSizeBytes;
    private final int slotCount;
    private final FileChannel channel;
    private final MappedByteBuffer mapped;
    private final ByteBuffer buffer;
    /** Whether {@link #close} deletes the file (it was made by {@link #create}). */
    private final boolean ownsFile;
    private long writeCount;

    private SyncedFile(final Path file, final SyncMethod method, final int writeSizeBytes, final FileChannel channel,
                       final MappedByteBuffer mapped, final ByteBuffer buffer, final boolean ownsFile) {
        this.file = file;
        this.method = method;
        this.writeSizeBytes = writeSizeBytes;
        this.slotCount = FILE_LENGTH / writeSizeBytes;
        this.channel = channel;
        this.mapped = mapped;
        this.buffer = buffer;
        this.ownsFile = ownsFile;
    }

    /**
     * Creates and pre-allocates {@code file} (which must not exist), then opens it for {@code method}; {@link #close}
     * deletes it.
     *
     * @throws IllegalArgumentException when {@code writeSizeBytes} is not a power of two from 512 to 1 MiB
     * @throws UncheckedIOException naming the file when it cannot be created, filled or opened
     */
    public static SyncedFile create(final Path file, final SyncMethod method, final int writeSizeBytes) {
        checkWriteSize(writeSizeBytes);
        final Path absolute = file.toAbsolutePath();
        preallocate(absolute);
        return open(absolute, method, writeSizeBytes, true);
    }

    /**
     * Opens a file made by {@link #preallocate} for {@code method}; {@link #close} leaves the file in place, so one
     * file can serve several methods and sizes in turn.
     */
    public static SyncedFile openPreallocated(final Path file, final SyncMethod method, final int writeSizeBytes) {
        checkWriteSize(writeSizeBytes);
        return open(file.toAbsolutePath(), method, writeSizeBytes, false);
    }

    private static SyncedFile open(final Path absolute, final SyncMethod method, final int writeSizeBytes,
                                   final boolean ownsFile) {
        FileChannel channel = null;
        try {
            channel = FileChannel.open(absolute, openOptions(method));
            final MappedByteBuffer mapped = method == SyncMethod.msync
                ? channel.map(FileChannel.MapMode.READ_WRITE, 0, FILE_LENGTH)
                : null;
            final ByteBuffer buffer = ByteBuffer.allocateDirect(writeSizeBytes);
            final SplittableRandom random = new SplittableRandom(writeSizeBytes);
            while (buffer.hasRemaining()) {
                buffer.put((byte) random.nextInt(256));
            }
            buffer.clear();
            return new SyncedFile(absolute, method, writeSizeBytes, channel, mapped, buffer, ownsFile);
        } catch (final IOException e) {
            closeQuietly(channel);
            if (ownsFile) {
                deleteQuietly(absolute);
            }
            throw new UncheckedIOException("could not open the sync test file for method=" + method + ": " + absolute, e);
        }
    }

    public SyncMethod method() {
        return method;
    }

    public int writeSizeBytes() {
        return writeSizeBytes;
    }

    public Path file() {
        return file;
    }

    /** Writes {@code writeSizeBytes} at the next slot and makes them durable; returns the slot's file offset. */
    public long writeAndSync() {
        final long fileOffset = (writeCount % slotCount) * (long) writeSizeBytes;
        buffer.putLong(0, writeCount);
        writeCount++;
        try {
            switch (method) {
                case fdatasync -> {
                    writeFully(fileOffset);
                    channel.force(false);
                }
                case fsync -> {
                    writeFully(fileOffset);
                    channel.force(true);
                }
                case O_DSYNC, O_SYNC -> writeFully(fileOffset);
                case msync -> {
                    mapped.put((int) fileOffset, buffer, 0, writeSizeBytes);
                    mapped.force((int) fileOffset, writeSizeBytes);
                }
                default -> throw new IllegalStateException("unhandled method=" + method);
            }
        } catch (final IOException e) {
            throw new UncheckedIOException("sync test write failed: method=" + method + " fileOffset=" + fileOffset
                + " file=" + file, e);
        }
        return fileOffset;
    }

    /** Closes the channel, and deletes the file when {@link #create} made it. */
    @Override
    public void close() {
        try {
            channel.close();
        } catch (final IOException e) {
            throw new UncheckedIOException("could not close the sync test file: " + file, e);
        } finally {
            if (ownsFile) {
                deleteQuietly(file);
            }
        }
    }

    private void writeFully(final long fileOffset) throws IOException {
        buffer.clear();
        long position = fileOffset;
        while (buffer.hasRemaining()) {
            position += channel.write(buffer, position);
        }
    }

    private static OpenOption[] openOptions(final SyncMethod method) {
        return switch (method) {
            case O_DSYNC -> new OpenOption[] {StandardOpenOption.READ, StandardOpenOption.WRITE, StandardOpenOption.DSYNC};
            case O_SYNC -> new OpenOption[] {StandardOpenOption.READ, StandardOpenOption.WRITE, StandardOpenOption.SYNC};
            default -> new OpenOption[] {StandardOpenOption.READ, StandardOpenOption.WRITE};
        };
    }

    private static void checkWriteSize(final int writeSizeBytes) {
        if (writeSizeBytes < 512 || writeSizeBytes > MAX_WRITE_SIZE_BYTES || Integer.bitCount(writeSizeBytes) != 1) {
            throw new IllegalArgumentException("writeSize must be a power of two from 512 to " + MAX_WRITE_SIZE_BYTES
                + " bytes: writeSize=" + writeSizeBytes);
        }
    }

    /**
     * Creates {@code file} (which must not exist) with {@value #FILE_LENGTH} bytes written (no holes) and synced, so
     * measured writes never allocate. Deletes it again if that fails.
     */
    public static void preallocate(final Path file) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            final ByteBuffer chunk = ByteBuffer.allocateDirect(FILL_CHUNK_LENGTH);
            final SplittableRandom random = new SplittableRandom(FILE_LENGTH);
            while (chunk.remaining() >= Long.BYTES) {
                chunk.putLong(random.nextLong());
            }
            for (long position = 0; position < FILE_LENGTH; position += FILL_CHUNK_LENGTH) {
                chunk.clear();
                long written = position;
                while (chunk.hasRemaining()) {
                    written += channel.write(chunk, written);
                }
            }
            channel.force(true);
        } catch (final IOException e) {
            deleteQuietly(file);
            throw new UncheckedIOException("could not create the " + FILE_LENGTH + "-byte sync test file: " + file, e);
        }
    }

    private static void closeQuietly(final FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (final IOException ignored) {
                // already failing; the first error is the one to report
            }
        }
    }

    private static void deleteQuietly(final Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (final IOException ignored) {
            // a leftover test file is harmless and its name says what it is
        }
    }
}
