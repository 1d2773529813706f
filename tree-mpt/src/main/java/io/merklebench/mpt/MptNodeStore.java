package io.merklebench.mpt;

import io.merklebench.core.store.StoreDamageException;
import io.merklebench.core.Bytes;
import io.merklebench.core.store.KvStore;
import io.merklebench.core.store.WriteBatch;
import io.merklebench.core.tree.StoreFormat;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.crypto.Hash;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Persists the trie's nodes and the root of every saved version to a {@link KvStore}. Nodes are keyed by their
 * Keccak-256 hash, as in Ethereum clients: a node is written once and shared by every version that reaches it.
 *
 * <p>Deleting a version removes its root record only; its nodes stay (no reference counts: Ethereum's "forest"
 * layout without a pruner). So {@code keepRecent} bounds the versions readable, not the disk used.
 *
 * <p>Thread-safe for {@link #readNode}; the writing methods are called by the owning {@link MptTree} only.
 */
final class MptNodeStore {
    // Store key layout (version big-endian, so version records sort by number):
    //   m                  -> FORMAT_MARKER; written with the first save
    //   n<hash:32>         -> the node's RLP encoding, hash = keccak256(RLP)
    //   v<version:8>       -> <rootHash:32><size:8>: the version's root and its number of keys
    private static final byte NODE_PREFIX = 'n';
    private static final byte VERSION_PREFIX = 'v';
    private static final int NODE_KEY_LENGTH = 1 + Bytes32.SIZE;
    private static final int VERSION_KEY_LENGTH = 1 + Long.BYTES;
    private static final int VERSION_RECORD_LENGTH = Bytes32.SIZE + Long.BYTES;

    static final byte[] FORMAT_MARKER = "mpt-v1".getBytes(StandardCharsets.US_ASCII);

    /** A saved version: its root hash and key count. */
    record SavedRoot(Bytes32 rootHash, long size) {
    }

    private final KvStore store;
    /** Whether {@link #readNode} checks that a node's bytes hash to the hash it was asked for. */
    private final boolean checkNodes;
    private boolean markerWritten;

    /** @throws IllegalStateException when the store holds another engine's data, naming both engines */
    MptNodeStore(final KvStore store, final boolean checkNodes) {
        this.store = store;
        this.checkNodes = checkNodes;
        this.markerWritten = !StoreFormat.requireOwnOrEmpty(store, MptEngine.NAME, FORMAT_MARKER);
    }

    KvStore kvStore() {
        return store;
    }

    /**
     * The committed RLP of the node with {@code hash}, checked (when the tree checks nodes) against that hash, the
     * one its parent or the version record holds: Tuweni reads a node by hash without hashing it again.
     *
     * @throws StoreDamageException when the store has no such node: the trie asks only for nodes a saved root or
     *                              a parent refers to, so a missing one is damage (Tuweni would read it as an empty
     *                              subtrie, answering {@code null} for keys that are there); or when its bytes hash
     *                              to something else
     */
    org.apache.tuweni.bytes.Bytes readNode(final Bytes32 hash) {
        final org.apache.tuweni.bytes.Bytes encoded = readNodeUnchecked(hash);
        if (checkNodes) {
            final Bytes32 recomputed = Hash.keccak256(encoded);
            if (!recomputed.equals(hash)) {
                throw new StoreDamageException("store damage: mpt node hash=" + hash.toUnprefixedHexString() + " in "
                    + describe() + " does not match the hash its parent holds: its bytes hash to "
                    + recomputed.toUnprefixedHexString());
            }
        }
        return encoded;
    }

    /** {@link #readNode} without the hash check, for the verifier, which reports a mismatch in its own terms. */
    org.apache.tuweni.bytes.Bytes readNodeUnchecked(final Bytes32 hash) {
        final byte[] encoded = store.get(nodeKey(hash));
        if (encoded == null) {
            throw new StoreDamageException("store damage: mpt node hash=" + hash.toUnprefixedHexString()
                + " is missing from " + describe() + ", although a saved trie refers to it");
        }
        return org.apache.tuweni.bytes.Bytes.wrap(encoded);
    }

    /** Every saved version's root, by version. */
    NavigableMap<Long, SavedRoot> readSavedRoots() {
        final NavigableMap<Long, SavedRoot> roots = new TreeMap<>();
        store.iterate(new byte[] {VERSION_PREFIX}, new byte[] {VERSION_PREFIX + 1}, (key, value) -> {
            if (key.length != VERSION_KEY_LENGTH || value.length != VERSION_RECORD_LENGTH) {
                throw new StoreDamageException("malformed mpt version record in " + describe() + ": key="
                    + Bytes.toHex(key) + " value.length=" + value.length);
            }
            final ByteBuffer record = ByteBuffer.wrap(value);
            final byte[] root = new byte[Bytes32.SIZE];
            record.get(root);
            roots.put(ByteBuffer.wrap(key, 1, Long.BYTES).getLong(), new SavedRoot(Bytes32.wrap(root), record.getLong()));
            return true;
        });
        return roots;
    }

    /** Writes {@code newNodes} and the version's root record in one commit. */
    void saveVersion(final long version, final SavedRoot root,
                     final Map<Bytes32, org.apache.tuweni.bytes.Bytes> newNodes, final boolean durable) {
        final WriteBatch batch = store.newBatch();
        if (!markerWritten) {
            batch.put(StoreFormat.FORMAT_KEY, FORMAT_MARKER);
        }
        for (final Map.Entry<Bytes32, org.apache.tuweni.bytes.Bytes> node : newNodes.entrySet()) {
            batch.put(nodeKey(node.getKey()), node.getValue().toArrayUnsafe());
        }
        batch.put(versionKey(version), ByteBuffer.allocate(VERSION_RECORD_LENGTH)
            .put(root.rootHash().toArrayUnsafe()).putLong(root.size()).array());
        store.commit(batch, durable);
        markerWritten = true;
    }

    /** Removes the version's root record (its nodes stay, see the class comment). */
    void deleteVersion(final long version, final boolean durable) {
        store.delete(versionKey(version), durable);
    }

    String describe() {
        return "store=" + store.kind() + " directory=" + store.directory().toAbsolutePath();
    }

    private static byte[] nodeKey(final Bytes32 hash) {
        final byte[] key = new byte[NODE_KEY_LENGTH];
        key[0] = NODE_PREFIX;
        System.arraycopy(hash.toArrayUnsafe(), 0, key, 1, Bytes32.SIZE);
        return key;
    }

    private static byte[] versionKey(final long version) {
        return ByteBuffer.allocate(VERSION_KEY_LENGTH).put(VERSION_PREFIX).putLong(version).array();
    }
}
