package io.merklebench.backends.support;

import io.merklebench.core.store.StoreException;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Prepares a store directory and holds an exclusive lock on it for as long as the store is open, so a second open of
 * the same directory (from this JVM or another process) fails with a clear message instead of two native libraries
 * corrupting each other's files. LMDB in particular must never be opened twice in one process.
 *
 * <p>The lock is an OS file lock on {@value #LOCK_FILE_NAME} in the directory; the OS drops it when the process dies,
 * so a killed run leaves no stale lock. Thread-safe.
 */
public final class DirectoryLock implements AutoCloseable {
    /** Lives beside the store's own files; every store ignores files it does not know. */
    public static final String LOCK_FILE_NAME = "merklebench.lock";

    /** Both {@code null} for a read-only open of a directory without a lock file (nothing there to lock). */
    private final FileChannel channel;
    private final FileLock lock;

    private DirectoryLock(final FileChannel channel, final FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Creates {@code directory} if needed, checks it is a writable directory and locks it.
     *
     * @throws StoreException naming the store kind and the absolute path when the directory cannot be used or is
     *                        already open
     */
    public static DirectoryLock acquire(final String kind, final Path directory) {
        final Path absolute = directory.toAbsolutePath();
        if (Files.exists(absolute) && !Files.isDirectory(absolute)) {
            throw new StoreException(kind + " store directory is not a directory: " + absolute);
        }
        try {
            Files.createDirectories(absolute);
        } catch (final IOException e) {
            throw new StoreException(kind + " store directory could not be created: " + absolute, e);
        }
        if (!Files.isWritable(absolute)) {
            throw new StoreException(kind + " store directory is not writable: " + absolute);
        }
        final Path lockFile = absolute.resolve(LOCK_FILE_NAME);
        final FileChannel channel;
        try {
            channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (final IOException e) {
            throw new StoreException(kind + " store lock file could not be opened: " + lockFile, e);
        }
        try {
            final FileLock lock = channel.tryLock();
            if (lock == null) {
                throw new StoreException(kind + " store directory is already open in another process: " + absolute);
            }
            return new DirectoryLock(channel, lock);
        } catch (final OverlappingFileLockException e) {
            closeQuietly(channel);
            throw new StoreException(kind + " store directory is already open in this JVM (close it first): " + absolute);
        } catch (final IOException e) {
            closeQuietly(channel);
            throw new StoreException(kind + " store lock file could not be locked: " + lockFile, e);
        } catch (final StoreException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    /**
     * For a read-only open ({@link io.merklebench.core.store.StoreFactory#openReadOnly}): takes a shared lock on the
     * existing lock file, so writers (which lock exclusively) cannot open the directory meanwhile, while other readers
     * can; creates nothing and writes nothing. A directory without a lock file gets no lock.
     *
     * @throws StoreException when the directory does not exist, or is open for writing
     */
    public static DirectoryLock acquireShared(final String kind, final Path directory) {
        final Path absolute = directory.toAbsolutePath();
        if (!Files.isDirectory(absolute)) {
            throw new StoreException(kind + " store directory not found: " + absolute);
        }
        final Path lockFile = absolute.resolve(LOCK_FILE_NAME);
        if (!Files.isRegularFile(lockFile)) {
            return new DirectoryLock(null, null);
        }
        final FileChannel channel;
        try {
            channel = FileChannel.open(lockFile, StandardOpenOption.READ);
        } catch (final IOException e) {
            throw new StoreException(kind + " store lock file could not be opened for reading: " + lockFile, e);
        }
        try {
            final FileLock lock = channel.tryLock(0, Long.MAX_VALUE, true);
            if (lock == null) {
                closeQuietly(channel);
                throw new StoreException(kind + " store directory is open for writing in another process: " + absolute);
            }
            return new DirectoryLock(channel, lock);
        } catch (final OverlappingFileLockException e) {
            closeQuietly(channel);
            throw new StoreException(kind + " store directory is already open in this JVM (close it first): " + absolute);
        } catch (final IOException e) {
            closeQuietly(channel);
            throw new StoreException(kind + " store lock file could not be locked: " + lockFile, e);
        }
    }

    @Override
    public void close() {
        if (channel == null) {
            return;
        }
        try {
            lock.release();
        } catch (final IOException ignored) {
            // Closing the channel below releases the lock too.
        } finally {
            closeQuietly(channel);
        }
    }

    private static void closeQuietly(final FileChannel channel) {
        try {
            channel.close();
        } catch (final IOException ignored) {
            // Nothing useful to do: the OS releases the lock with the descriptor.
        }
    }
}
