package io.merklebench.mpt;

import io.merklebench.core.store.EntryVisitor;
import io.merklebench.core.tree.NodeView;
import io.merklebench.core.tree.TreeGuard;
import io.merklebench.core.tree.TreeReader;

/**
 * The reads shared by the mpt working tree, its check copies and saved views: lookups, size and the root hash of one
 * {@link MptTrie}. Every call checks the owning tree's {@link TreeGuard} first. Values returned are copies.
 *
 * <p>Ordered iteration and {@code root()} are refused: Tuweni's trie offers no key iterator, and its nodes are not
 * IAVL nodes. Benchmarks and plans that need them name the engine they cannot run.
 */
abstract class MptReadableState implements TreeReader {
    final TreeGuard guard;
    final long version;
    MptTrie trie;
    long size;

    MptReadableState(final MptTrie trie, final TreeGuard guard, final long version, final long size) {
        this.trie = trie;
        this.guard = guard;
        this.version = version;
        this.size = size;
    }

    @Override
    public final long version() {
        guard.ensureOpen();
        return version;
    }

    @Override
    public final byte[] get(final byte[] key) {
        guard.ensureOpen();
        return trie.get(TreeGuard.requireKey(key));
    }

    @Override
    public final long size() {
        guard.ensureOpen();
        return size;
    }

    /** The Ethereum trie root (Keccak-256, 32 bytes); the empty trie's is keccak256(RLP("")) = 56e81f...b421. */
    @Override
    public final byte[] rootHash() {
        guard.ensureOpen();
        return trie.rootHash().toArray();
    }

    @Override
    public final void iterate(final byte[] fromInclusive, final byte[] toExclusive, final EntryVisitor visitor) {
        guard.ensureOpen();
        throw new UnsupportedOperationException("engine mpt cannot iterate: Tuweni's Merkle Patricia trie has no"
            + " ordered key iterator");
    }

    @Override
    public final NodeView root() {
        guard.ensureOpen();
        throw new UnsupportedOperationException("engine mpt has no IAVL nodes (hash scheme eth-mpt): root() is for"
            + " iavl-v1 engines");
    }
}
