package io.merklebench.mpt;

import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.trie.StoredMerklePatriciaTrie;

/**
 * One Tuweni {@code StoredMerklePatriciaTrie} of raw byte values over its own {@link MptPendingNodes}, with blocking
 * Java calls ({@link SuspendingCall}). Keys are used as the trie path as given (not hashed first: Ethereum's "secure"
 * trie hashes keys, the trie test fixtures do not), so the published roots of the plain trie apply.
 *
 * <p>Not thread-safe. Arrays passed in are wrapped, not copied: Tuweni keeps values by reference, as
 * {@code WorkingTree#set} allows; arrays returned are copies.
 */
final class MptTrie {
    private final MptPendingNodes nodes;
    private final StoredMerklePatriciaTrie<Bytes> trie;

    /** @param rootHash the root to start from; Tuweni's empty-trie root for an empty trie */
    MptTrie(final MptNodeStore store, final Bytes32 rootHash) {
        this.nodes = new MptPendingNodes(store);
        this.trie = StoredMerklePatriciaTrie.storingBytes(nodes, rootHash);
    }

    MptPendingNodes nodes() {
        return nodes;
    }

    byte[] get(final byte[] key) {
        final Bytes value = SuspendingCall.await(continuation -> trie.get(Bytes.wrap(key), continuation));
        return value == null ? null : value.toArray();
    }

    void put(final byte[] key, final byte[] value) {
        SuspendingCall.await(continuation -> trie.put(Bytes.wrap(key), Bytes.wrap(value), continuation));
        nodes.compactIfLarge(trie.rootHash());
    }

    void remove(final byte[] key) {
        SuspendingCall.await(continuation -> trie.remove(Bytes.wrap(key), continuation));
        nodes.compactIfLarge(trie.rootHash());
    }

    /** Keccak-256 of the root node's RLP; nodes are hashed as they are made, so this costs nothing more. */
    Bytes32 rootHash() {
        return trie.rootHash();
    }
}
