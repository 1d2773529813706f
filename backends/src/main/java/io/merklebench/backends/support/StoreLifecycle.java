package io.merklebench.backends.support;

import io.merklebench.core.store.StoreCounters;
import io.merklebench.core.store.StoreException;

import java.nio.file.Path;

/**
 * What every on-disk store holds from open to close, besides its own engine: its kind and directory, the
 * {@link DirectoryLock} on that directory, the {@link OpenGuard} around its operations and its {@link StoreCounters}.
 * A store creates one once its engine is open and delegates to it, keeping only its engine logic to itself.
 *
 * <p>{@link #closeOnce(Runnable)} releases the engine, then the directory lock (even when releasing the engine
 * throws), at most once. {@link #failure(String, Throwable)} words a store's errors the same way for every store.
 * Thread-safe: the guard and counters are; the rest is immutable.
 */
public final class StoreLifecycle {
    private final String kind;
    private final Path directory;
    private final DirectoryLock directoryLock;
    private final OpenGuard guard;
    private final StoreCounters counters = new StoreCounters();

    /** Takes ownership of {@code directoryLock}: {@link #closeOnce(Runnable)} closes it. */
    public StoreLifecycle(final String kind, final Path directory, final DirectoryLock directoryLock) {
        this.kind = kind;
        this.directory = directory;
        this.directoryLock = directoryLock;
        this.guard = new OpenGuard(kind, directory);
    }

    public String kind() {
        return kind;
    }

    /** The directory as the caller gave it (not made absolute). */
    public Path directory() {
        return directory;
    }

    public OpenGuard guard() {
        return guard;
    }

    public StoreCounters counters() {
        return counters;
    }

    /**
     * Once no operation is in flight, runs {@code releaseEngine} and then closes the directory lock, whether or not
     * {@code releaseEngine} threw; does nothing when already closed, so a store's {@code close()} is idempotent.
     */
    public void closeOnce(final Runnable releaseEngine) {
        guard.closeOnce(() -> {
            try {
                releaseEngine.run();
            } finally {
                directoryLock.close();
            }
        });
    }

    /**
     * An error for a failed operation: {@code <kind> <action> failed in <absolute directory>}, for example
     * {@code rocksdb commit of 3 operations failed in /tmp/x}.
     */
    public StoreException failure(final String action, final Throwable cause) {
        return new StoreException(kind + " " + action + " failed in " + directory.toAbsolutePath(), cause);
    }
}
