package io.merklebench.flat;

import io.merklebench.core.store.StoreDamageException;
import io.merklebench.core.store.EntryVisitor;
import io.merklebench.core.store.KvStore;
import io.merklebench.core.store.WriteBatch;
import io.merklebench.core.tree.StoreFormat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/**
 * Flat's entries in a {@link KvStore}: the user's keys under a prefix, and one record of the last saved version.
 * Only the last saved state exists; a save replaces the version record in the same commit as the entries.
 *
 * <p>Thread-safe for reads (the store is); {@link #save} is called by the owning {@link FlatTree} only.
 */
final class FlatEntryStore {
    // Store key layout (version big-endian):
    //   m                 -> FORMAT_MARKER; written with the first save
    //   v<version:8>      -> <size:8>, the number of keys; only the last saved version has one
    //   d<key>            -> the value of <key>
    private static final byte VERSION_PREFIX = 'v';
    private static final byte DATA_PREFIX = 'd';
    private static final byte[] DATA_FROM = {DATA_PREFIX};
    private static final byte[] DATA_TO = {DATA_PREFIX + 1};
    private static final int VERSION_KEY_LENGTH = 1 + Long.BYTES;

    static final byte[] FORMAT_MARKER = "flat-v1".getBytes(StandardCharsets.US_ASCII);

    /** The last saved version and its key count, as read at open. */
    record SavedState(long version, long size) {
    }

    private final KvStore store;
    private boolean markerWritten;

    /** @throws IllegalStateException when the store holds another engine's data, naming both engines */
    FlatEntryStore(final KvStore store) {
        this.store = store;
        this.markerWritten = !StoreFormat.requireOwnOrEmpty(store, FlatEngine.NAME, FORMAT_MARKER);
    }

    KvStore kvStore() {
        return store;
    }

    /** The last saved state, or {@code null} when nothing was saved. */
    SavedState readSavedState() {
        final SavedState[] last = new SavedState[1];
        store.iterate(new byte[] {VERSION_PREFIX}, new byte[] {VERSION_PREFIX + 1}, (key, value) -> {
            if (key.length != VERSION_KEY_LENGTH || value.length != Long.BYTES) {
                throw new StoreDamageException("malformed flat version record in store=" + store.kind()
                    + " directory=" + store.directory().toAbsolutePath() + ": key.length=" + key.length);
            }
            last[0] = new SavedState(ByteBuffer.wrap(key, 1, Long.BYTES).getLong(), ByteBuffer.wrap(value).getLong());
            return true;
        });
        return last[0];
    }

    /** The committed value of a user key, or {@code null}. */
    byte[] get(final byte[] key) {
        return store.get(dataKey(key));
    }

    /** Visits committed user entries in key order within the bounds ({@code null}: open), prefix stripped. */
    void iterate(final byte[] fromInclusive, final byte[] toExclusive, final EntryVisitor visitor) {
        store.iterate(fromInclusive == null ? DATA_FROM : dataKey(fromInclusive),
            toExclusive == null ? DATA_TO : dataKey(toExclusive),
            (key, value) -> visitor.visit(Arrays.copyOfRange(key, 1, key.length), value));
    }

    /**
     * Commits {@code changes} and the new version record in one
     * batch, replacing the previous record.
     *
     * @param changes         user key to new value, or to {@code deletedMarker} (compared by identity) for a delete
     * @param previousVersion the version whose record to delete, or a value below 1 for none
     */
    void save(final long version, final long previousVersion, final long size,
              final Map<byte[], byte[]> changes, final byte[] deletedMarker, final boolean durable) {
        final WriteBatch batch = store.newBatch();
        if (!markerWritten) {
            batch.put(StoreFormat.FORMAT_KEY, FORMAT_MARKER);
        }
        for (final Map.Entry<byte[], byte[]> change : changes.entrySet()) {
            if (change.getValue() == deletedMarker) {
                batch.delete(dataKey(change.getKey()));
            } else {
                batch.put(dataKey(change.getKey()), change.getValue());
            }
        }
        if (previousVersion >= 1) {
            batch.delete(versionKey(previousVersion));
        }
        batch.put(versionKey(version), ByteBuffer.allocate(Long.BYTES).putLong(size).array());
        store.commit(batch, durable);
        markerWritten = true;
    }

    private static byte[] dataKey(final byte[] key) {
        final byte[] storeKey = new byte[key.length + 1];
        storeKey[0] = DATA_PREFIX;
        System.arraycopy(key, 0, storeKey, 1, key.length);
        return storeKey;
    }

    private static byte[] versionKey(final long version) {
        return ByteBuffer.allocate(VERSION_KEY_LENGTH).put(VERSION_PREFIX).putLong(version).array();
    }
}
