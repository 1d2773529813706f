package io.merklebench.core.store;

import java.nio.file.Path;
import java.util.Map;

/**
 * An ordered key-value store that tree engines persist to, and that benchmarks measure directly.
 *
 * <p>CONTRACT: keys are non-null and at least one byte long; values are non-null and may be empty. Keys order as
 * unsigned bytes, lexicographically ({@link io.merklebench.core.Bytes#UNSIGNED_ORDER}).
 * <p>CONTRACT: arrays passed in are read, never kept or modified after the call returns; arrays returned belong to the
 * caller.
 * <p>CONTRACT: {@link #get} and {@link #iterate} see committed data only, never the contents of an uncommitted
 * {@link WriteBatch}.
 * <p>CONTRACT: {@link #commit} applies a batch all or nothing, also across a crash. With {@code durable=true} it returns
 * only once the batch is on stable storage (it survives power loss, assuming the disk honours flushes); with
 * {@code durable=false} a crash may lose the batch, and later ones, but never leaves part of a batch.
 * <p>CONTRACT: no writes to the store from inside an {@link #iterate} callback.
 * <p>Thread safety: {@code get}, {@code iterate} and {@code commit} may be called from several threads at once; a
 * {@link WriteBatch} belongs to one thread. Using a closed store throws {@link StoreClosedException}.
 */
public interface KvStore extends AutoCloseable {
    /** The registry name of this store ({@code mem}, {@code rocksdb}, ...): result rows are labelled with it. */
    String kind();

    /** The directory holding this store's files, as given at open. */
    Path directory();

    /** The committed value of {@code key}, or {@code null} when absent. */
    byte[] get(byte[] key);

    /** A new empty batch; fill it with {@code put}/{@code delete}, then {@link #commit} it. */
    default WriteBatch newBatch() {
        return new WriteBatch();
    }

    /**
     * Applies the batch atomically; see the class contract for what {@code durable} guarantees.
     * The batch is left unchanged and may be cleared and reused by the caller.
     */
    void commit(WriteBatch batch, boolean durable);

    /** Convenience: a batch of one put. */
    default void put(final byte[] key, final byte[] value, final boolean durable) {
        final WriteBatch batch = newBatch();
        batch.put(key, value);
        commit(batch, durable);
    }

    /** Convenience: a batch of one delete. */
    default void delete(final byte[] key, final boolean durable) {
        final WriteBatch batch = newBatch();
        batch.delete(key);
        commit(batch, durable);
    }

    /**
     * Visits committed entries in ascending key order from {@code fromInclusive} to {@code toExclusive}; a
     * {@code null} bound is open. Stops early when the visitor returns {@code false}.
     */
    void iterate(byte[] fromInclusive, byte[] toExclusive, EntryVisitor visitor);

    /** Counters of syncs issued and bytes written since open; read by benchmarks. */
    StoreCounters counters();

    /** The settings this store runs with (option name to value, defaults included), recorded with results. */
    Map<String, String> settings();

    /**
     * What this open had to leave out to reach a consistent store, or {@code null} when nothing: a last commit whose
     * record is torn or fails its checksum (what a crash mid-write leaves, and also what damage to the last record
     * looks like), which the store drops. {@code mbench verify} refuses to call such a store healthy and
     * {@code mbench inspect} shows it. Default: {@code null}, a store that drops nothing or cannot tell.
     */
    default String recoveryNote() {
        return null;
    }

    /** Releases every native handle and file lock. Idempotent. */
    @Override
    void close();
}
