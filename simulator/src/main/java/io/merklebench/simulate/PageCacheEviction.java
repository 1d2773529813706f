package io.merklebench.simulate;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Drops a directory's files from the OS page cache, so the next reads of a store really reach the device: for each
 * regular file, {@code fdatasync} (dirty pages cannot be dropped) and then {@code posix_fadvise(fd, 0, 0,
 * POSIX_FADV_DONTNEED)}, through JNA on the C library. Linux only. Pages a process still has mapped (the {@code mmap}
 * store, the {@code pagefile} store, LMDB's map) stay resident: the kernel drops only unmapped page-cache pages, so on
 * those stores eviction is partial; the kernel's read counters in simulation.csv show what it achieved.
 */
public final class PageCacheEviction {
    private static final int O_RDONLY = 0;
    private static final int POSIX_FADV_DONTNEED = 4;

    /** The three C library calls, bound by JNA. */
    interface CLibrary extends Library {
        int open(String path, int flags);

        int fdatasync(int fd);

        int posix_fadvise(int fd, long offset, long length, int advice);

        int close(int fd);
    }

    private final CLibrary libc;

    private PageCacheEviction(final CLibrary libc) {
        this.libc = libc;
    }

    /** Why eviction cannot work here, or {@code null} when it can. */
    public static String unsupportedReason() {
        if (!Platform.isLinux()) {
            return "page-cache eviction (posix_fadvise DONTNEED) is implemented for Linux only, not " + System.getProperty("os.name");
        }
        try {
            Native.load(Platform.C_LIBRARY_NAME, CLibrary.class);
            return null;
        } catch (final UnsatisfiedLinkError | RuntimeException e) {
            return "page-cache eviction needs the C library through JNA: " + e.getMessage();
        }
    }

    static PageCacheEviction load() {
        final String reason = unsupportedReason();
        if (reason != null) {
            throw new IllegalStateException(reason);
        }
        return new PageCacheEviction(Native.load(Platform.C_LIBRARY_NAME, CLibrary.class));
    }

    /** Evicts every regular file under {@code directory}; returns how many files were advised. */
    int evict(final Path directory) {
        if (!Files.isDirectory(directory)) {
            return 0;
        }
        final List<Path> files;
        try (Stream<Path> walk = Files.walk(directory)) {
            files = walk.filter(Files::isRegularFile).toList();
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot list " + directory + " to evict it from the page cache", e);
        }
        int advised = 0;
        for (final Path file : files) {
            final int fd = libc.open(file.toString(), O_RDONLY);
            if (fd < 0) {
                continue; // removed since the walk (a compaction), or not readable: nothing cached to drop
            }
            try {
                libc.fdatasync(fd);
                if (libc.posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED) == 0) {
                    advised++;
                }
            } finally {
                libc.close(fd);
            }
        }
        return advised;
    }
}
