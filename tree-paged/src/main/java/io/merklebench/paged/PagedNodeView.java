package io.merklebench.paged;

import io.merklebench.core.tree.NodeView;

/** A {@link NodeView} over a hashed {@link PagedNode}; children are decoded on each call. Returns copies. */
final class PagedNodeView implements NodeView {
    private final PageReader reader;
    private final PagedNode node;

    PagedNodeView(final PageReader reader, final PagedNode node) {
        this.reader = reader;
        this.node = node;
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
        return node.isLeaf() ? null : new PagedNodeView(reader, reader.left(node));
    }

    @Override
    public NodeView right() {
        return node.isLeaf() ? null : new PagedNodeView(reader, reader.right(node));
    }
}
