package io.merklebench.core.store;

/** Thrown when a store is used after {@link KvStore#close()}. */
public final class StoreClosedException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public StoreClosedException(final String kind, final java.nio.file.Path directory) {
        super(kind + " store is closed: directory=" + directory.toAbsolutePath());
    }
}
