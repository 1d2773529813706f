package io.merklebench.array;

import io.merklebench.core.tree.NodeView;

/**
 * A {@link NodeView} of one record, for structural checks. Allocates a view per node visited and copies on every
 * call; reads the record when called, so it is valid only as long as the tree state it came from.
 */
final class ArrayNodeView implements NodeView {
    private final ArrayNodes nodes;
    private final int nodeIndex;

    ArrayNodeView(final ArrayNodes nodes, final int nodeIndex) {
        this.nodes = nodes;
        this.nodeIndex = nodeIndex;
    }

    @Override
    public boolean isLeaf() {
        return nodes.isLeaf(nodeIndex);
    }

    @Override
    public int height() {
        return nodes.height(nodeIndex);
    }

    @Override
    public long size() {
        return nodes.size(nodeIndex);
    }

    @Override
    public long version() {
        return nodes.version(nodeIndex);
    }

    @Override
    public byte[] key() {
        return nodes.key(nodeIndex);
    }

    @Override
    public byte[] value() {
        return isLeaf() ? nodes.value(nodeIndex) : null;
    }

    @Override
    public byte[] hash() {
        return nodes.hashCopy(nodeIndex);
    }

    @Override
    public NodeView left() {
        return isLeaf() ? null : new ArrayNodeView(nodes, nodes.left(nodeIndex));
    }

    @Override
    public NodeView right() {
        return isLeaf() ? null : new ArrayNodeView(nodes, nodes.right(nodeIndex));
    }

    @Override
    public String toString() {
        return "ArrayNodeView[nodeIndex=" + nodeIndex + " height=" + height() + " size=" + size()
            + " version=" + version() + "]";
    }
}
