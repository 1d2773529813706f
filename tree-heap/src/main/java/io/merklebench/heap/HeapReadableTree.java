package io.merklebench.heap;

import io.merklebench.core.Bytes;
import io.merklebench.core.NodeHashing;
import io.merklebench.core.store.EntryVisitor;
import io.merklebench.core.tree.NodeView;
import io.merklebench.core.tree.TreeGuard;
import io.merklebench.core.tree.TreeReader;

import java.util.Arrays;

/**
 * The read operations shared by a saved view and a working tree: lookups, size, hash and iteration over the state
 * rooted at {@link #rootNode()}. Every call checks the owning tree's {@link TreeGuard} first. Values returned are
 * copies; keys passed in are read, never kept.
 */
abstract class HeapReadableTree implements TreeReader {
    final HeapNodeStore store;
    /** The owning tree's open check. */
    final TreeGuard guard;
    /** A view's version, or the version a working tree stamps new nodes with (the last saved + 1). */
    final long version;

    HeapReadableTree(final HeapNodeStore store, final TreeGuard guard, final long version) {
        this.store = store;
        this.guard = guard;
        this.version = version;
    }

    /** The root of this state, or {@code null} when empty. */
    abstract HeapNode rootNode();

    /** Hashing for dirty nodes; saved states have none. */
    abstract NodeHashing hashing();

    @Override
    public final long version() {
        guard.ensureOpen();
        return version;
    }

    @Override
    public byte[] get(final byte[] key) {
        guard.ensureOpen();
        TreeGuard.requireKey(key);
        HeapNode node = rootNode();
        if (node == null) {
            return null;
        }
        while (!node.isLeaf()) {
            node = Bytes.compare(key, node.key) < 0 ? node.left(store) : node.right(store);
        }
        return Arrays.equals(node.key, key) ? node.value.clone() : null;
    }

    @Override
    public long size() {
        guard.ensureOpen();
        final HeapNode root = rootNode();
        return root == null ? 0 : root.size;
    }

    @Override
    public byte[] rootHash() {
        guard.ensureOpen();
        final HeapNode root = rootNode();
        return root == null ? NodeHashing.emptyTreeHash() : root.hash(hashing(), store).clone();
    }

    @Override
    public void iterate(final byte[] fromInclusive, final byte[] toExclusive, final EntryVisitor visitor) {
        guard.ensureOpen();
        new HeapIterator(store, fromInclusive, toExclusive).visit(rootNode(), visitor);
    }

    @Override
    public NodeView root() {
        guard.ensureOpen();
        final HeapNode root = rootNode();
        if (root == null) {
            return null;
        }
        root.hash(hashing(), store);
        return new HeapNodeView(root, store);
    }
}
