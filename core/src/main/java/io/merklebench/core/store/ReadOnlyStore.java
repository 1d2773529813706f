package io.merklebench.core.store;

import java.nio.file.Path;
import java.util.Map;

/**
 * A store opened with {@link StoreFactory#openReadOnly}, as the engine sees it: every read goes to the store, every
 * commit is refused with one message. The store's own read-only open already keeps its files unchanged; this makes
 * an engine that tries to write (a bug, or recovery work it would do on a normal open) fail the same clear way on
 * every store, instead of with a library's error or, on a temporary copy, not at all. Thread-safe as the store is.
 */
public final class ReadOnlyStore implements KvStore {
    private final KvStore store;

    public ReadOnlyStore(final KvStore store) {
        this.store = store;
    }

    @Override
    public String kind() {
        return store.kind();
    }

    @Override
    public Path directory() {
        return store.directory();
    }

    @Override
    public byte[] get(final byte[] key) {
        return store.get(key);
    }

    /** @throws StoreException always: the store was opened read-only */
    @Override
    public void commit(final WriteBatch batch, final boolean durable) {
        throw new StoreException(store.kind() + " store in " + store.directory().toAbsolutePath() + " is open"
            + " read-only: a commit of " + batch.size() + " operations was refused");
    }

    @Override
    public void iterate(final byte[] fromInclusive, final byte[] toExclusive, final EntryVisitor visitor) {
        store.iterate(fromInclusive, toExclusive, visitor);
    }

    @Override
    public StoreCounters counters() {
        return store.counters();
    }

    @Override
    public Map<String, String> settings() {
        return store.settings();
    }

    @Override
    public String recoveryNote() {
        return store.recoveryNote();
    }

    @Override
    public void close() {
        store.close();
    }
}
