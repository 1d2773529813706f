package io.merklebench.backends.mem;

import io.merklebench.core.store.EntryVisitor;
import io.merklebench.core.store.KvStore;
import io.merklebench.core.store.StoreClosedException;
import io.merklebench.core.store.StoreCounters;
import io.merklebench.core.store.WriteBatch;

import java.nio.file.Path;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.locks.StampedLock;

/**
 * The in-memory store: a sorted map that lives as long as the JVM, named by its directory (no file is written).
 * Reopening the same directory in the same JVM finds the same contents, like a RAM disk, until
 * {@link MemStoreFactory#destroy} drops it. Durable commits issue no sync (there is no device), so {@code syncCount}
 * stays 0. Thread-safe; batches are applied under a write lock so readers never see half a batch.
 */
final class MemStore implements KvStore {
    private final Path directory;
    private final ConcurrentSkipListMap<byte[], byte[]> entries;
    private final StampedLock lock = new StampedLock();
    private final StoreCounters counters = new StoreCounters();
    private volatile boolean closed;

    MemStore(final Path directory, final ConcurrentSkipListMap<byte[], byte[]> entries) {
        this.directory = directory;
        this.entries = entries;
    }

    @Override
    public String kind() {
        return MemStoreFactory.NAME;
    }

    @Override
    public Path directory() {
        return directory;
    }

    @Override
    public byte[] get(final byte[] key) {
        ensureOpen();
        final long optimisticStamp = lock.tryOptimisticRead();
        byte[] value = entries.get(key);
        if (!lock.validate(optimisticStamp)) {
            final long readStamp = lock.readLock();
            try {
                value = entries.get(key);
            } finally {
                lock.unlockRead(readStamp);
            }
        }
        return value == null ? null : value.clone();
    }

    @Override
    public void commit(final WriteBatch batch, final boolean durable) {
        ensureOpen();
        final long writeStamp = lock.writeLock();
        try {
            batch.forEach((key, value) -> {
                if (value == null) {
                    entries.remove(key);
                } else {
                    entries.put(key.clone(), value.clone());
                }
            });
        } finally {
            lock.unlockWrite(writeStamp);
        }
        counters.recordCommit();
        counters.recordBytesWritten(batch.payloadBytes());
    }

    @Override
    public void iterate(final byte[] fromInclusive, final byte[] toExclusive, final EntryVisitor visitor) {
        ensureOpen();
        final long readStamp = lock.readLock();
        try {
            final NavigableMap<byte[], byte[]> range = range(fromInclusive, toExclusive);
            for (final Map.Entry<byte[], byte[]> entry : range.entrySet()) {
                if (!visitor.visit(entry.getKey().clone(), entry.getValue().clone())) {
                    return;
                }
            }
        } finally {
            lock.unlockRead(readStamp);
        }
    }

    @Override
    public StoreCounters counters() {
        return counters;
    }

    @Override
    public Map<String, String> settings() {
        return Map.of();
    }

    @Override
    public void close() {
        closed = true;
    }

    private NavigableMap<byte[], byte[]> range(final byte[] fromInclusive, final byte[] toExclusive) {
        if (fromInclusive == null && toExclusive == null) {
            return entries;
        }
        if (fromInclusive == null) {
            return entries.headMap(toExclusive, false);
        }
        if (toExclusive == null) {
            return entries.tailMap(fromInclusive, true);
        }
        if (io.merklebench.core.Bytes.compare(fromInclusive, toExclusive) >= 0) {
            return new ConcurrentSkipListMap<>(entries.comparator());
        }
        return entries.subMap(fromInclusive, true, toExclusive, false);
    }

    private void ensureOpen() {
        if (closed) {
            throw new StoreClosedException(MemStoreFactory.NAME, directory);
        }
    }
}
