package io.merklebench.heap;

import io.merklebench.core.Bytes;
import io.merklebench.core.NodeHashing;
import io.merklebench.core.store.EntryVisitor;
import io.merklebench.core.tree.NodeView;
import io.merklebench.core.tree.TreeReader;

import java.util.Arrays;

/**
 * The read operations shared by a saved view and a working tree: lookups, size, hash and iteration over the state
 * rooted at {@link #rootNode()}. Values returned are copies; keys passed in are read, never kept.
 */
abstract class HeapReadableTree implements TreeReader {
    final HeapNodeStore store;

    HeapReadableTree(final HeapNodeStore store) {
        this.store = store;
    }

    /** The root of this state, or {@code null} when empty. */
    abstract HeapNode rootNode();

    /** Hashing for dirty nodes; saved states have none. */
    abstract NodeHashing hashing();

    /** Throws if the owning tree is closed. */
    abstract void ensureOpen();

    @Override
    public byte[] get(final byte[] key) {
        requireNonEmptyKey(key);
        ensureOpen();
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
        ensureOpen();
        final HeapNode root = rootNode();
        return root == null ? 0 : root.size;
    }

    @Override
    public byte[] rootHash() {
        ensureOpen();
        final HeapNode root = rootNode();
        return root == null ? NodeHashing.emptyTreeHash() : root.hash(hashing(), store).clone();
    }

    @Override
    public void iterate(final byte[] fromInclusive, final byte[] toExclusive, final EntryVisitor visitor) {
        ensureOpen();
        new HeapIterator(store, fromInclusive, toExclusive).visit(rootNode(), visitor);
    }

    @Override
    public NodeView root() {
        ensureOpen();
        final HeapNode root = rootNode();
        if (root == null) {
            return null;
        }
        root.hash(hashing(), store);
        return new HeapNodeView(root, store);
    }

    static void requireNonEmptyKey(final byte[] key) {
        if (Bytes.requireKey(key).length == 0) {
            throw new IllegalArgumentException("key must be at least one byte long: key.length=0");
        }
    }
}
