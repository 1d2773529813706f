package io.merklebench.backends.support;

import jnr.ffi.LibraryLoader;
import jnr.ffi.Platform;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * Allocates disk blocks for a new range of a file before it is memory-mapped and written through the mapping. A
 * store into a mapped page whose block the file system cannot allocate (a full disk, or a sparse range past a
 * {@code ftruncate}) is not an error the write can return: the kernel sends {@code SIGBUS}, which the JVM turns into
 * {@code InternalError: a fault occurred in a recent unsafe memory access} at best and a crash at worst. Allocated up
 * front, the same shortage is an {@link IOException} ({@code No space left on device}) at growth, before anything was
 * written.
 *
 * <p>{@code posix_fallocate(3)} through jnr-ffi (already on the class path: lmdbjava's native binding), which only
 * reserves the blocks (Linux marks them unwritten, so nothing is written and no page is dirtied). Where it is missing
 * (macOS has none) or the file system does not support it, the range is written with zeros through the channel instead:
 * slower (every byte is written once more), but the same guarantee. The zero fallback overwrites, so callers pass only
 * ranges that hold no data yet. Copy-on-write file systems (btrfs, ZFS) allocate anew on every overwrite; there no
 * pre-allocation can rule the fault out. Thread-safe.
 */
public final class FilePreallocator {
    private static final int ENOSPC = 28;
    private static final int O_RDWR = 2;
    private static final int ZERO_CHUNK_BYTES = 1 << 20;
    private static volatile boolean nativeUsable = true;

    private FilePreallocator() {
    }

    /** The libc calls used; jnr-ffi binds each at its first call. */
    public interface LibC {
        int open(String path, int flags);

        int posix_fallocate(int fd, long offset, long length);

        int close(int fd);
    }

    /** Bound at first use (tens of milliseconds, once per JVM: a store's open allocates its first range). */
    private static final class Native {
        private static final LibC LIBC = LibraryLoader.create(LibC.class)
            .load(Platform.getNativePlatform().getStandardCLibraryName());
    }

    /**
     * Allocates {@code [offset, offset + length)} of {@code file}, extending it when the range ends past its size.
     *
     * @param channel an open, writable channel of {@code file}, for the zero-fill fallback
     * @throws IOException {@code No space left on device} when the file system cannot hold the range
     */
    public static void allocate(final Path file, final FileChannel channel, final long offset, final long length)
        throws IOException {
        if (length <= 0) {
            return;
        }
        if (!allocateNatively(file, offset, length)) {
            writeZeros(channel, offset, length);
        }
    }

    /** {@code true} when {@code posix_fallocate} allocated the range, {@code false} when it could not be used. */
    private static boolean allocateNatively(final Path file, final long offset, final long length) throws IOException {
        final LibC libc = nativeLibC();
        if (libc == null) {
            return false;
        }
        final int result;
        try {
            final int fd = libc.open(file.toAbsolutePath().toString(), O_RDWR);
            if (fd < 0) {
                return false;
            }
            try {
                result = libc.posix_fallocate(fd, offset, length);
            } finally {
                libc.close(fd);
            }
        } catch (final LinkageError | RuntimeException e) {
            // jnr-ffi binds each call at its first use: a libc without posix_fallocate fails here, once.
            nativeUsable = false;
            return false;
        }
        if (result == ENOSPC) {
            throw new IOException("No space left on device: posix_fallocate of " + length + " bytes at offset "
                + offset + " in " + file.toAbsolutePath());
        }
        // Any other refusal (a file system without fallocate, say) leaves the range to the zero fill.
        return result == 0;
    }

    private static void writeZeros(final FileChannel channel, final long offset, final long length) throws IOException {
        final ByteBuffer zeros = ByteBuffer.allocate((int)Math.min(ZERO_CHUNK_BYTES, length));
        long position = offset;
        final long end = offset + length;
        while (position < end) {
            zeros.clear().limit((int)Math.min(zeros.capacity(), end - position));
            while (zeros.hasRemaining()) {
                position += channel.write(zeros, position);
            }
        }
    }

    private static LibC nativeLibC() {
        if (!nativeUsable) {
            return null;
        }
        try {
            return Native.LIBC;
        } catch (final LinkageError | RuntimeException e) {
            nativeUsable = false;
            return null;
        }
    }
}
