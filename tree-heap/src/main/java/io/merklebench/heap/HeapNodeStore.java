package io.merklebench.heap;

import io.merklebench.core.store.StoreDamageException;
import io.merklebench.core.Bytes;
import io.merklebench.core.NodeHashing;
import io.merklebench.core.store.KvStore;
import io.merklebench.core.store.WriteBatch;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.NavigableSet;
import java.util.TreeSet;

/**
 * Persists heap nodes to a {@link KvStore} (cosmos/iavl {@code nodedb.go}), one store entry per node, keyed by the
 * version that created the node and its sequence within that version, so the nodes of one save are contiguous in the
 * store (hash-keyed nodes would scatter every save's writes across the key space).
 *
 * <p>Versions are kept with IAVL's orphan scheme: a saved node lives from its version to the last version before the
 * save that replaced it; that save records an orphan entry under that last version. Deleting a version walks its
 * orphan entries: a node still used by the previous kept version is handed to that version, any other is deleted.
 *
 * <p>Thread-safe for {@link #load}; the writing methods are called by the owning {@link HeapTree} only.
 */
final class HeapNodeStore {
    // Store key layout (versions and sequences big-endian, so keys sort by number):
    //   m                                           -> FORMAT_MARKER; written with the first saved version
    //   r<version:8>                                -> root reference <version:8><sequence:4><hash:32>; empty for an empty tree
    //   n<version:8><sequence:4>                    -> HeapNode encoding
    //   o<toVersion:8><nodeVersion:8><sequence:4>   -> empty; node n<nodeVersion><sequence> is used up to toVersion only
    private static final byte[] FORMAT_KEY = {'m'};
    private static final byte ROOT_PREFIX = 'r';
    private static final byte NODE_PREFIX = 'n';
    private static final byte ORPHAN_PREFIX = 'o';
    private static final int ROOT_KEY_LENGTH = 1 + Long.BYTES;
    private static final int NODE_KEY_LENGTH = 1 + Long.BYTES + Integer.BYTES;
    private static final int ORPHAN_KEY_LENGTH = 1 + Long.BYTES + Long.BYTES + Integer.BYTES;
    private static final int NODE_REFERENCE_LENGTH = Long.BYTES + Integer.BYTES + NodeHashing.HASH_LENGTH;

    /**
     * Identifies stores written by this engine and the node encoding version (2: inner nodes and root entries hold
     * the hashes of the nodes they refer to).
     */
    static final byte[] FORMAT_MARKER = "merkle-bench heap engine, node format 2".getBytes(StandardCharsets.UTF_8);

    private static final byte[] EMPTY = new byte[0];

    private final KvStore store;
    private final HeapNodeCache cache;
    /** Whether a node read from the store is checked against the hash its parent (or root entry) holds. */
    private final boolean checkNodes;
    /** Hashing for those checks: {@link #load} may run on several threads. */
    private final ThreadLocal<NodeHashing> checkHashing = ThreadLocal.withInitial(NodeHashing::new);

    private HeapNodeStore(final KvStore store, final HeapNodeCache cache, final boolean checkNodes) {
        this.store = store;
        this.cache = cache;
        this.checkNodes = checkNodes;
    }

    /**
     * Opens the node store on {@code store}.
     *
     * @throws IllegalStateException when the store holds data this engine did not write, saying why
     */
    static HeapNodeStore open(final KvStore store, final int cacheCapacity, final boolean checkNodes) {
        final byte[] format = store.get(FORMAT_KEY);
        if (format == null) {
            final byte[][] firstKey = new byte[1][];
            store.iterate(null, null, (key, value) -> {
                firstKey[0] = key;
                return false;
            });
            if (firstKey[0] != null) {
                throw new IllegalStateException(describe(store) + " holds data the heap engine did not write (no format"
                    + " marker under key 'm'); first key=" + Bytes.toHex(firstKey[0]) + ". Use an empty directory.");
            }
        } else if (!Arrays.equals(format, FORMAT_MARKER)) {
            throw new IllegalStateException(describe(store) + " holds data of another engine or format: m='"
                + new String(format, StandardCharsets.UTF_8) + "'; the heap engine expects m='"
                + new String(FORMAT_MARKER, StandardCharsets.UTF_8) + "'");
        }
        return new HeapNodeStore(store, new HeapNodeCache(cacheCapacity), checkNodes);
    }

    KvStore kvStore() {
        return store;
    }

    HeapNodeCache cache() {
        return cache;
    }

    /**
     * The saved node (version, sequence), from the cache or the store. A node read from the store gets
     * {@code expectedHash}, the hash its parent or root entry holds (nodes do not store their own), and is checked
     * against it when the tree checks nodes: a node in the cache came from a checked read or from this process's own
     * save.
     *
     * @throws StoreDamageException when the store has no such node (its versions were deleted, or the data is
     *                              damaged), or the node's bytes do not give the hash its parent holds
     */
    HeapNode load(final long version, final int sequence, final byte[] expectedHash) {
        final HeapNode cached = cache.get(version, sequence);
        if (cached != null) {
            return cached;
        }
        final byte[] encoded = store.get(nodeKey(version, sequence));
        if (encoded == null) {
            // Every node a kept version reaches is in the store (deleting a version frees only what no kept version
            // uses), so a missing one is damage, or a view read after its own version was deleted.
            throw new StoreDamageException("store damage: heap node version=" + version + " sequence=" + sequence
                + " is missing from " + describe(store) + ", although a saved version refers to it (or a view was"
                + " read after its version was deleted)");
        }
        final HeapNode node = HeapNode.decode(version, sequence, encoded);
        if (checkNodes) {
            check(node, expectedHash);
        }
        node.hash = expectedHash;
        cache.put(node);
        return node;
    }

    private void check(final HeapNode node, final byte[] expectedHash) {
        final byte[] recomputed = node.recomputeHash(checkHashing.get());
        if (!Arrays.equals(recomputed, expectedHash)) {
            throw new StoreDamageException("store damage: heap node version=" + node.version + " sequence="
                + node.sequence + " height=" + node.height + " key=" + Bytes.toHex(node.key) + " in " + describe(store)
                + " does not match the hash its parent holds: expected=" + Bytes.toHex(expectedHash)
                + " recomputed=" + Bytes.toHex(recomputed));
        }
    }

    /** Versions with a root entry, ascending. */
    NavigableSet<Long> readSavedVersions() {
        final NavigableSet<Long> versions = new TreeSet<>();
        store.iterate(new byte[] {ROOT_PREFIX}, new byte[] {ROOT_PREFIX + 1}, (key, value) -> {
            if (key.length != ROOT_KEY_LENGTH) {
                throw new StoreDamageException("malformed root key in " + describe(store) + ": key=" + Bytes.toHex(key));
            }
            versions.add(ByteBuffer.wrap(key, 1, Long.BYTES).getLong());
            return true;
        });
        return versions;
    }

    /**
     * The root node of a saved version, or {@code null} for an empty tree.
     *
     * @throws IllegalArgumentException when the version has no root entry
     */
    HeapNode readRoot(final long version) {
        final byte[] reference = store.get(rootKey(version));
        if (reference == null) {
            throw new IllegalArgumentException("unknown version: version=" + version + " has no root in " + describe(store));
        }
        if (reference.length == 0) {
            return null;
        }
        if (reference.length != NODE_REFERENCE_LENGTH) {
            throw new StoreDamageException("malformed root entry for version=" + version + " in " + describe(store)
                + ": length=" + reference.length);
        }
        final ByteBuffer buffer = ByteBuffer.wrap(reference);
        final long rootVersion = buffer.getLong();
        final int rootSequence = buffer.getInt();
        final byte[] rootHash = new byte[NodeHashing.HASH_LENGTH];
        buffer.get(rootHash);
        return load(rootVersion, rootSequence, rootHash);
    }

    /**
     * Writes version {@code version} in one batch: its new nodes (numbered in pre-order, so the root of a changed tree
     * is sequence 1), its root entry, the orphan entries of the nodes it replaced (under {@code version - 1}) and, for
     * the first save, the format marker. After the commit the new nodes are saved nodes, handed to the cache.
     *
     * @param root    the working root, hashed already; {@code null} for an empty tree
     * @param orphans saved nodes replaced or removed since the previous version
     */
    void saveVersion(final long version, final HeapNode root, final HeapOrphanList orphans,
                     final boolean firstSave, final boolean durable) {
        final WriteBatch batch = store.newBatch();
        final List<HeapNode> newNodes = new ArrayList<>();
        if (root != null && !root.isSaved()) {
            numberNewNodes(root, version, 1, newNodes);
        }
        try {
            if (firstSave) {
                batch.put(FORMAT_KEY, FORMAT_MARKER);
            }
            for (final HeapNode node : newNodes) {
                batch.put(nodeKey(node.version, node.sequence), node.encode());
            }
            batch.put(rootKey(version), root == null ? EMPTY : nodeReference(root));
            for (int i = 0; i < orphans.count(); i++) {
                batch.put(orphanKey(version - 1, orphans.version(i), orphans.sequence(i)), EMPTY);
            }
            store.commit(batch, durable);
        } catch (final RuntimeException | Error e) {
            // Nothing was saved: the nodes stay unsaved so the working tree remains consistent.
            for (final HeapNode node : newNodes) {
                node.sequence = HeapNode.UNSAVED_SEQUENCE;
            }
            throw e;
        }
        // Cache in reverse pre-order so the top of the tree is the most recently used and evicted last.
        for (int i = newNodes.size() - 1; i >= 0; i--) {
            cache.put(newNodes.get(i));
        }
    }

    /**
     * Deletes a saved version: its root entry, and every node whose last use it was unless {@code previousKept} (the
     * closest older version still kept, or {@code null}) uses it too, in which case the orphan entry moves there.
     */
    void deleteVersion(final long version, final Long previousKept, final boolean durable) {
        final List<byte[]> orphanKeys = new ArrayList<>();
        store.iterate(orphanPrefix(version), orphanPrefix(version + 1), (key, value) -> orphanKeys.add(key));
        final WriteBatch batch = store.newBatch();
        batch.delete(rootKey(version));
        final long[] freedVersions = new long[orphanKeys.size()];
        final int[] freedSequences = new int[orphanKeys.size()];
        int freedCount = 0;
        for (final byte[] orphanKey : orphanKeys) {
            final ByteBuffer fields = ByteBuffer.wrap(orphanKey, 1 + Long.BYTES, Long.BYTES + Integer.BYTES);
            final long nodeVersion = fields.getLong();
            final int sequence = fields.getInt();
            batch.delete(orphanKey);
            if (previousKept != null && previousKept >= nodeVersion) {
                batch.put(orphanKey(previousKept, nodeVersion, sequence), EMPTY);
            } else {
                batch.delete(nodeKey(nodeVersion, sequence));
                freedVersions[freedCount] = nodeVersion;
                freedSequences[freedCount] = sequence;
                freedCount++;
            }
        }
        store.commit(batch, durable);
        for (int i = 0; i < freedCount; i++) {
            cache.remove(freedVersions[i], freedSequences[i]);
        }
    }

    /** {@code n<version:8><sequence:4>}. */
    static byte[] nodeKey(final long version, final int sequence) {
        return ByteBuffer.allocate(NODE_KEY_LENGTH).put(NODE_PREFIX).putLong(version).putInt(sequence).array();
    }

    /** {@code r<version:8>}. */
    static byte[] rootKey(final long version) {
        return ByteBuffer.allocate(ROOT_KEY_LENGTH).put(ROOT_PREFIX).putLong(version).array();
    }

    /** {@code o<toVersion:8><nodeVersion:8><sequence:4>}. */
    static byte[] orphanKey(final long toVersion, final long nodeVersion, final int sequence) {
        return ByteBuffer.allocate(ORPHAN_KEY_LENGTH)
            .put(ORPHAN_PREFIX).putLong(toVersion).putLong(nodeVersion).putInt(sequence).array();
    }

    private static byte[] orphanPrefix(final long toVersion) {
        return ByteBuffer.allocate(1 + Long.BYTES).put(ORPHAN_PREFIX).putLong(toVersion).array();
    }

    private static byte[] nodeReference(final HeapNode savedNode) {
        return ByteBuffer.allocate(NODE_REFERENCE_LENGTH).putLong(savedNode.version).putInt(savedNode.sequence)
            .put(savedNode.hash).array();
    }

    /** Numbers the unsaved nodes under {@code node} in pre-order from {@code nextSequence}; returns the next free one. */
    private static int numberNewNodes(
        final HeapNode node, final long version, final int nextSequence, final List<HeapNode> newNodes) {
        if (nextSequence == Integer.MAX_VALUE) {
            throw new IllegalStateException("too many new nodes in one version: version=" + version
                + " limit=" + (Integer.MAX_VALUE - 1));
        }
        node.sequence = nextSequence;
        newNodes.add(node);
        int sequence = nextSequence + 1;
        if (!node.isLeaf()) {
            // A child not in hand is a saved node, known by its store key already.
            final HeapNode left = node.leftInMemory();
            if (left != null && !left.isSaved()) {
                sequence = numberNewNodes(left, version, sequence, newNodes);
            }
            final HeapNode right = node.rightInMemory();
            if (right != null && !right.isSaved()) {
                sequence = numberNewNodes(right, version, sequence, newNodes);
            }
            node.linkSavedChildren();
        }
        return sequence;
    }

    private static String describe(final KvStore store) {
        return store.kind() + " store at " + store.directory().toAbsolutePath();
    }
}
