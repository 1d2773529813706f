package io.merklebench.core.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The free-space check every persistent store makes before it grows, and the one wording of a full disk
 * ({@link NoSpaceException}): one instance per store directory. Stores check before a write that may grow their
 * files, with the most that write can need, so that a full disk is a clean error instead of a fault on a store into a
 * memory mapping (a JVM crash with {@code SIGBUS}, or {@code InternalError} from a mapped buffer); a write the OS
 * refused anyway ({@code ENOSPC}, another process took the space) is reported with the same message.
 *
 * <p>Usable bytes are what an unprivileged process may still allocate ({@code statvfs f_bavail}): the blocks a file
 * system reserves for root are not counted, so the check is conservative when run as root. One {@code statvfs} per
 * check (about a microsecond); the {@link FileStore} is looked up once, since that lookup reads the mount table.
 * Thread-safe (immutable).
 */
public final class DiskSpace {
    private static final String NO_SPACE_TEXT = "no space left on device";

    private final Path directory;
    /** {@code null} when the file system cannot be queried: then no check refuses a write (the OS still may). */
    private final FileStore fileStore;

    private DiskSpace(final Path directory, final FileStore fileStore) {
        this.directory = directory;
        this.fileStore = fileStore;
    }

    /** The file system holding {@code directory}, which must exist. */
    public static DiskSpace of(final Path directory) {
        final Path absolute = directory.toAbsolutePath();
        FileStore fileStore;
        try {
            fileStore = Files.getFileStore(absolute);
        } catch (final IOException e) {
            fileStore = null;
        }
        return new DiskSpace(absolute, fileStore);
    }

    /** Bytes an unprivileged writer may still allocate there; {@link Long#MAX_VALUE} when that cannot be read. */
    public long usableBytes() {
        if (fileStore == null) {
            return Long.MAX_VALUE;
        }
        try {
            return fileStore.getUsableSpace();
        } catch (final IOException e) {
            return Long.MAX_VALUE;
        }
    }

    /**
     * Throws when fewer than {@code neededBytes} are usable.
     *
     * @param forWhat what the bytes are for, e.g. {@code "leveldb commit of 80 KiB with its reserve"}
     * @throws NoSpaceException naming the directory and the missing bytes
     */
    public void require(final long neededBytes, final String forWhat) {
        final long usable = usableBytes();
        if (usable < neededBytes) {
            throw new NoSpaceException(directory, neededBytes - usable, forWhat + " needs " + neededBytes + ", "
                + usable + " usable");
        }
    }

    /**
     * The error for a write of about {@code neededBytes} that the OS refused for want of space ({@link #isNoSpace}).
     * The missing bytes are what the write needed beyond what is usable now, or all of it when the space has meanwhile
     * been freed (or was the root reserve).
     */
    public NoSpaceException refused(final long neededBytes, final String forWhat, final Throwable cause) {
        final long usable = usableBytes();
        final long missing = usable < neededBytes ? neededBytes - usable : Math.max(1, neededBytes);
        return new NoSpaceException(directory, missing, forWhat + " was refused: " + cause.getMessage());
    }

    /**
     * The total size of the files directly in {@code directory} whose names match {@code fileNamePattern} (a
     * regular expression), e.g. a store's logs that an open turns into tables; 0 when the directory cannot be listed.
     * A file deleted while it is counted counts 0.
     */
    public static long bytesOfFiles(final Path directory, final String fileNamePattern) {
        if (!Files.isDirectory(directory)) {
            return 0;
        }
        final java.util.regex.Pattern pattern = java.util.regex.Pattern.compile(fileNamePattern);
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> pattern.matcher(file.getFileName().toString()).matches())
                .mapToLong(DiskSpace::sizeOrZero)
                .sum();
        } catch (final IOException | UncheckedIOException e) {
            return 0;
        }
    }

    private static long sizeOrZero(final Path file) {
        try {
            return Files.size(file);
        } catch (final IOException e) {
            return 0;
        }
    }

    /**
     * Whether {@code failure} or one of its causes is the OS's {@code ENOSPC}, as the JDK ({@code No space left on
     * device}), RocksDB ({@code IO error: No space left on device}) and LevelDB word it.
     */
    public static boolean isNoSpace(final Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            final String message = cause.getMessage();
            if (cause instanceof NoSpaceException
                || message != null && (message.toLowerCase(java.util.Locale.ROOT).contains(NO_SPACE_TEXT)
                    || message.contains("ENOSPC"))) {
                return true;
            }
        }
        return false;
    }
}
