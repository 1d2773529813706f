package io.merklebench.array;

import io.merklebench.core.store.StoreDamageException;
import io.merklebench.core.Bytes;
import io.merklebench.core.NodeHashing;
import io.merklebench.core.store.KvStore;
import io.merklebench.core.store.WriteBatch;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import static io.merklebench.array.ArrayLayout.NULL_NODE_INDEX;

/**
 * Persistence of an {@code array} tree on any {@link KvStore}. At save, the nodes a version created are written
 * as contiguous runs (chunks of about {@link #CHUNK_TARGET_BYTES}), children before parents, in the same batch as
 * the version's root record; the batch commits durably when the tree is durable. A node keeps its
 * {@code nodeIndex} on disk, so a child is referenced by index alone and a reopened tree puts each node back at the
 * index it had.
 *
 * <p>Store keys (big-endian numbers, so versions sort in order):
 * <pre>
 *   // m                        -> "array-v1"            format marker
 *   // r&lt;version:8&gt;              -> &lt;rootIndex:4&gt;         one per kept version; -1 for an empty tree
 *   // a&lt;version:8&gt;&lt;chunk:4&gt;     -> record*               the nodes created for version, chunk 0, 1, ...
 * </pre>
 * Records (little-endian), all stamped with the chunk's version:
 * <pre>
 *   leaf : &lt;nodeIndex:4&gt;&lt;height:1 = 0&gt;&lt;hash:32&gt;&lt;keyLength:4&gt;&lt;valueLength:4&gt;&lt;key&gt;&lt;value&gt;
 *   inner: &lt;nodeIndex:4&gt;&lt;height:1&gt;&lt;hash:32&gt;&lt;size:4&gt;&lt;left:4&gt;&lt;right:4&gt;
 * </pre>
 * An inner node's key is not stored: on load it is the key of the leftmost leaf of its right subtree. A chunk is
 * deleted once none of its version's nodes is live; until then its dead records stay, unless the version is mostly
 * dead, when its chunks are rewritten with only the live records ({@link ArrayVersions#compactStore}). A reopen
 * resolves a
 * reused index by taking the record of the newest version (a live node is always the newest holder of its index).
 *
 * <p>Not thread-safe; owned by one {@link ArrayTree}.
 */
final class ArrayNodeStore {
    static final byte META_PREFIX = 'm';
    static final byte ROOT_PREFIX = 'r';
    static final byte CHUNK_PREFIX = 'a';
    static final byte[] META_KEY = {META_PREFIX};
    static final byte[] FORMAT = "array-v1".getBytes(StandardCharsets.US_ASCII);
    /** A chunk closes once it reaches this many bytes: large enough to amortise per-entry store cost. */
    static final int CHUNK_TARGET_BYTES = 64 * 1024;

    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle BIG_LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle BIG_INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final int RECORD_HEADER_LENGTH = 4 + 1 + NodeHashing.HASH_LENGTH;

    private final KvStore store;
    private final ArrayNodes nodes;
    private byte[] chunk = new byte[CHUNK_TARGET_BYTES * 2];

    ArrayNodeStore(final KvStore store, final ArrayNodes nodes) {
        this.store = store;
        this.nodes = nodes;
    }

    /** Adds the version's root record and node chunks to {@code batch}; returns the chunk count. */
    int writeVersion(final WriteBatch batch, final long version, final int rootIndex,
                     final ArrayNodeIndexList newNodes) {
        batch.put(META_KEY, FORMAT);
        final byte[] rootValue = new byte[4];
        INT.set(rootValue, 0, rootIndex);
        batch.put(rootKey(version), rootValue);
        return writeChunks(batch, version, newNodes);
    }

    /**
     * Replaces the chunks of {@code version} by chunks holding only {@code liveNodes} (store compaction); returns
     * the new chunk count. Chunk keys stay contiguous from 0: the old keys past the new count are deleted.
     */
    int rewriteChunks(final WriteBatch batch, final long version, final int oldChunkCount,
                      final ArrayNodeIndexList liveNodes) {
        deleteChunks(batch, version, oldChunkCount);
        return writeChunks(batch, version, liveNodes);
    }

    private int writeChunks(final WriteBatch batch, final long version, final ArrayNodeIndexList newNodes) {
        int chunkIndex = 0;
        int position = 0;
        final byte[] arena = nodes.arenaBytes();
        for (int i = 0; i < newNodes.size(); i++) {
            final int node = newNodes.get(i);
            final boolean leaf = nodes.isLeaf(node);
            final int keyLength = nodes.keyLength(node);
            final int valueLength = leaf ? nodes.valueLength(node) : 0;
            final int recordLength = RECORD_HEADER_LENGTH + (leaf ? 8 + keyLength + valueLength : 12);
            ensureChunkCapacity(position + recordLength);
            final byte[] out = chunk;
            INT.set(out, position, node);
            out[position + 4] = (byte)nodes.height(node);
            nodes.copyHash(node, out, position + 5);
            int field = position + RECORD_HEADER_LENGTH;
            if (leaf) {
                INT.set(out, field, keyLength);
                INT.set(out, field + 4, valueLength);
                System.arraycopy(arena, nodes.keyOffset(node), out, field + 8, keyLength + valueLength);
            } else {
                INT.set(out, field, nodes.size(node));
                INT.set(out, field + 4, nodes.left(node));
                INT.set(out, field + 8, nodes.right(node));
            }
            position += recordLength;
            if (position >= CHUNK_TARGET_BYTES) {
                batch.put(chunkKey(version, chunkIndex++), Arrays.copyOf(out, position));
                position = 0;
            }
        }
        if (position > 0) {
            batch.put(chunkKey(version, chunkIndex++), Arrays.copyOf(chunk, position));
        }
        return chunkIndex;
    }

    void deleteVersionRoot(final WriteBatch batch, final long version) {
        batch.delete(rootKey(version));
    }

    void deleteChunks(final WriteBatch batch, final long version, final int chunkCount) {
        for (int chunkIndex = 0; chunkIndex < chunkCount; chunkIndex++) {
            batch.delete(chunkKey(version, chunkIndex));
        }
    }

    /**
     * Loads every kept version into the (empty) {@code nodes} and {@code versions}: each record goes back to its
     * index, records no kept version reaches are freed, orphan lists and live counts are rebuilt.
     *
     * @return versions whose chunks hold no live node (left by an interrupted cleanup) and their chunk counts,
     *         for the caller to delete at its next commit
     * @throws IllegalStateException when the store holds data this engine did not write
     * @throws StoreDamageException when it is inconsistent (damaged)
     */
    Map<Long, Integer> load(final ArrayVersions versions, final ArrayHashing checkHashing) {
        final byte[] format = store.get(META_KEY);
        if (format == null) {
            final boolean[] empty = {true};
            store.iterate(null, null, (key, value) -> {
                empty[0] = false;
                return false;
            });
            if (!empty[0]) {
                throw new IllegalStateException(describeStore() + " holds data that the array engine did not write"
                    + " (no format marker key 'm')");
            }
            return Map.of();
        }
        if (!Arrays.equals(format, FORMAT)) {
            throw new IllegalStateException(describeStore() + " holds array engine data of an unknown format: format="
                + new String(format, StandardCharsets.US_ASCII) + " expected=" + new String(FORMAT, StandardCharsets.US_ASCII));
        }
        store.iterate(new byte[]{ROOT_PREFIX}, new byte[]{ROOT_PREFIX + 1}, (key, value) -> {
            if (key.length != 9 || value.length != 4) {
                throw corrupt("malformed version root entry: keyLength=" + key.length + " valueLength=" + value.length);
            }
            versions.addLoaded((long)BIG_LONG.get(key, 1), (int)INT.get(value, 0));
            return true;
        });
        final Map<Long, Integer> chunkCounts = new HashMap<>();
        final Map<Long, Integer> recordCounts = new HashMap<>();
        store.iterate(new byte[]{CHUNK_PREFIX}, new byte[]{CHUNK_PREFIX + 1}, (key, value) -> {
            if (key.length != 13) {
                throw corrupt("malformed node chunk key: keyLength=" + key.length);
            }
            final long version = (long)BIG_LONG.get(key, 1);
            chunkCounts.merge(version, 1, Integer::sum);
            recordCounts.merge(version, loadChunk(version, (int)BIG_INT.get(key, 9), value), Integer::sum);
            return true;
        });
        final boolean[] live = markLive(versions);
        nodes.freeUnmarked(live);
        for (int node = 0; node < live.length; node++) {
            if (live[node]) {
                final long createdAt = nodes.version(node);
                final Integer chunkCount = chunkCounts.get(createdAt);
                if (chunkCount == null) {
                    throw corrupt("live nodeIndex=" + node + " has version=" + createdAt + " but no chunk of that version");
                }
                versions.countLoadedNode(createdAt, chunkCount, recordCounts.get(createdAt));
                if (!nodes.isLeaf(node)) {
                    int leftmost = nodes.right(node);
                    while (!nodes.isLeaf(leftmost)) {
                        leftmost = nodes.left(leftmost);
                    }
                    nodes.copyKeyRange(node, leftmost);
                }
                if (checkHashing != null) {
                    check(node, checkHashing);
                }
            }
        }
        final Map<Long, Integer> stale = new HashMap<>(chunkCounts);
        for (int node = 0; node < live.length; node++) {
            if (live[node]) {
                stale.remove(nodes.version(node));
            }
        }
        ArrayArenaCompaction.compactIfWasteful(nodes);
        return stale;
    }

    /** Loads one chunk's records; returns how many it held. */
    private int loadChunk(final long version, final int chunkIndex, final byte[] value) {
        int position = 0;
        int recordCount = 0;
        while (position < value.length) {
            if (position + RECORD_HEADER_LENGTH > value.length) {
                throw corrupt("truncated record in chunk version=" + version + " chunk=" + chunkIndex + " offset=" + position);
            }
            final int node = (int)INT.get(value, position);
            final int height = value[position + 4];
            final int hashOffset = position + 5;
            final int field = position + RECORD_HEADER_LENGTH;
            if (node < 0 || height < 0) {
                throw corrupt("bad record in chunk version=" + version + " chunk=" + chunkIndex + " offset=" + position
                    + ": nodeIndex=" + node + " height=" + height);
            }
            nodes.claimAt(node);
            if (height == 0) {
                final int keyLength = (int)INT.get(value, field);
                final int valueLength = (int)INT.get(value, field + 4);
                if (keyLength <= 0 || keyLength > ArrayLayout.MAX_KEY_LENGTH || valueLength < 0 || field + 8L + keyLength + valueLength > value.length) {
                    throw corrupt("bad leaf record in chunk version=" + version + " chunk=" + chunkIndex
                        + " offset=" + position + ": keyLength=" + keyLength + " valueLength=" + valueLength);
                }
                nodes.loadLeaf(node, version, value, field + 8, keyLength, valueLength, value, hashOffset);
                position = field + 8 + keyLength + valueLength;
            } else {
                if (field + 12 > value.length) {
                    throw corrupt("truncated inner record in chunk version=" + version + " chunk=" + chunkIndex);
                }
                nodes.loadInner(node, version, height, (int)INT.get(value, field), (int)INT.get(value, field + 4),
                    (int)INT.get(value, field + 8), value, hashOffset);
                position = field + 12;
            }
            recordCount++;
        }
        return recordCount;
    }

    /**
     * Marks what the last version reaches, then each older kept version from newest to oldest: a node first reached
     * from an older version {@code v} is not in any newer one, so it is filed as an orphan under {@code v}.
     */
    private boolean[] markLive(final ArrayVersions versions) {
        final boolean[] live = new boolean[nodes.highWaterIndex()];
        final long[] kept = versions.keptVersions();
        for (int i = kept.length - 1; i >= 0; i--) {
            final ArrayVersions.VersionInfo info = versions.kept(kept[i]);
            final ArrayNodeIndexList orphans = i == kept.length - 1 ? null : info.orphans;
            if (info.rootIndex != NULL_NODE_INDEX) {
                mark(info.rootIndex, live, orphans, info.version);
            }
        }
        return live;
    }

    private void mark(final int node, final boolean[] live, final ArrayNodeIndexList orphans, final long keptVersion) {
        if (node < 0 || node >= live.length || nodes.isFree(node)) {
            throw corrupt("version=" + keptVersion + " reaches nodeIndex=" + node + " which no record holds");
        }
        if (live[node]) {
            return;
        }
        if (nodes.version(node) > keptVersion) {
            throw corrupt("version=" + keptVersion + " reaches nodeIndex=" + node + " of newer version=" + nodes.version(node));
        }
        live[node] = true;
        if (orphans != null) {
            orphans.add(node);
        }
        if (!nodes.isLeaf(node)) {
            mark(nodes.left(node), live, orphans, keptVersion);
            mark(nodes.right(node), live, orphans, keptVersion);
        }
    }

    /**
     * Checks a live node's stored hash against its fields and its children's stored hashes: with every live node
     * checked, each one matches the hash its parent was computed from, up to the root hash each version reports.
     */
    private void check(final int node, final ArrayHashing checkHashing) {
        if (!checkHashing.storedHashMatches(node)) {
            throw new StoreDamageException("store damage: array node nodeIndex=" + node + " version="
                + nodes.version(node) + " height=" + nodes.height(node) + " key=" + Bytes.toHex(nodes.key(node))
                + " in " + describeStore() + " does not match the hash its parent holds: stored="
                + Bytes.toHex(nodes.hashCopy(node)));
        }
    }

    private void ensureChunkCapacity(final int length) {
        if (length > chunk.length) {
            chunk = Arrays.copyOf(chunk, Math.max(length, chunk.length * 2));
        }
    }

    private StoreDamageException corrupt(final String detail) {
        return new StoreDamageException(describeStore() + " has inconsistent array engine data: " + detail);
    }

    private String describeStore() {
        return store.kind() + " store at " + store.directory().toAbsolutePath();
    }

    static byte[] rootKey(final long version) {
        final byte[] key = new byte[9];
        key[0] = ROOT_PREFIX;
        BIG_LONG.set(key, 1, version);
        return key;
    }

    static byte[] chunkKey(final long version, final int chunkIndex) {
        final byte[] key = new byte[13];
        key[0] = CHUNK_PREFIX;
        BIG_LONG.set(key, 1, version);
        BIG_INT.set(key, 9, chunkIndex);
        return key;
    }
}
