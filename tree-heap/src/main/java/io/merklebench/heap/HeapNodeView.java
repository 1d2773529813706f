package io.merklebench.heap;

import io.merklebench.core.tree.NodeView;

/**
 * A {@link NodeView} over a hashed {@link HeapNode}, for structural checks in tests. Children are resolved (and loaded
 * from the store if evicted) on each call. Arrays returned are copies.
 */
final class HeapNodeView implements NodeView {
    private final HeapNode node;
    private final HeapNodeStore store;

    HeapNodeView(final HeapNode node, final HeapNodeStore store) {
        this.node = node;
        this.store = store;
    }

    @Override
    public boolean isLeaf() {
        return node.isLeaf();
    }

    @Override
    public int height() {
        return node.height;
    }

    @Override
    public long size() {
        return node.size;
    }

    @Override
    public long version() {
        return node.version;
    }

    @Override
    public byte[] key() {
        return node.key.clone();
    }

    @Override
    public byte[] value() {
        return node.isLeaf() ? node.value.clone() : null;
    }

    @Override
    public byte[] hash() {
        return node.hash.clone();
    }

    @Override
    public NodeView left() {
        return node.isLeaf() ? null : new HeapNodeView(node.left(store), store);
    }

    @Override
    public NodeView right() {
        return node.isLeaf() ? null : new HeapNodeView(node.right(store), store);
    }

    @Override
    public String toString() {
        return (node.isLeaf() ? "leaf" : "inner") + " version=" + node.version + " sequence=" + node.sequence
            + " height=" + node.height + " size=" + node.size;
    }
}
