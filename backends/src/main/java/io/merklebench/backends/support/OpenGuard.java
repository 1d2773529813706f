package io.merklebench.backends.support;

import io.merklebench.core.store.StoreClosedException;

import java.nio.file.Path;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Keeps a native store handle alive while operations use it, so {@code close()} on one thread can never free a
 * handle another thread is inside (which would crash the JVM in native code rather than throw).
 *
 * <p>Operations run between {@link #enterShared()} and {@link #exitShared()}; several may run at once. Close and
 * maintenance that needs no operation in flight (LMDB growing its map) run under {@link #enterExclusive()}.
 * After {@link #markClosed()} every {@code enterShared} throws {@link StoreClosedException}. Thread-safe.
 */
public final class OpenGuard {
    private final String kind;
    private final Path directory;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private volatile boolean closed;

    public OpenGuard(final String kind, final Path directory) {
        this.kind = kind;
        this.directory = directory;
    }

    /** Starts an operation; throws {@link StoreClosedException} when the store is closed. */
    public void enterShared() {
        lock.readLock().lock();
        if (closed) {
            lock.readLock().unlock();
            throw new StoreClosedException(kind, directory);
        }
    }

    public void exitShared() {
        lock.readLock().unlock();
    }

    /** Waits until no operation is in flight and holds them off; throws when closed. */
    public void enterExclusive() {
        lock.writeLock().lock();
        if (closed) {
            lock.writeLock().unlock();
            throw new StoreClosedException(kind, directory);
        }
    }

    public void exitExclusive() {
        lock.writeLock().unlock();
    }

    /**
     * Marks the store closed once no operation is in flight, then runs {@code release} (still exclusive).
     * Returns {@code false} without running it when the store was already closed, so close is idempotent.
     */
    public boolean closeOnce(final Runnable release) {
        lock.writeLock().lock();
        try {
            if (closed) {
                return false;
            }
            closed = true;
            release.run();
            return true;
        } finally {
            lock.writeLock().unlock();
        }
    }

    public boolean isClosed() {
        return closed;
    }
}
