package io.merklebench.paged;

import io.merklebench.core.NodeHashing;
import io.merklebench.core.store.EntryVisitor;
import io.merklebench.core.tree.NodeView;
import io.merklebench.core.tree.TreeView;

import static io.merklebench.paged.PageLayout.NULL_PAGE_INDEX;

/**
 * One saved version read straight from its pages: a lookup walks slots in place, page by page, without decoding
 * nodes; nothing is loaded up front. Thread-safe for reads; valid until the version is deleted or the tree closed.
 * Arrays returned belong to the caller.
 */
public final class PagedTreeView implements TreeView {
    private final PagedNodeStore nodes;
    private final long version;
    private final int rootPageIndex;

    PagedTreeView(final PagedNodeStore nodes, final long version, final int rootPageIndex) {
        this.nodes = nodes;
        this.version = version;
        this.rootPageIndex = rootPageIndex;
    }

    @Override
    public long version() {
        return version;
    }

    /** The page holding this version's root node (slot 0), or {@link PageLayout#NULL_PAGE_INDEX} when empty. */
    public int rootPageIndex() {
        return rootPageIndex;
    }

    @Override
    public byte[] get(final byte[] key) {
        io.merklebench.core.Bytes.requireKey(key);
        return rootPageIndex == NULL_PAGE_INDEX ? null : nodes.get(rootPageIndex, 0, key);
    }

    @Override
    public long size() {
        return rootPageIndex == NULL_PAGE_INDEX ? 0 : nodes.treePage(rootPageIndex).size(0);
    }

    @Override
    public byte[] rootHash() {
        return rootPageIndex == NULL_PAGE_INDEX ? NodeHashing.emptyTreeHash() : nodes.treePage(rootPageIndex).hash(0);
    }

    @Override
    public void iterate(final byte[] fromInclusive, final byte[] toExclusive, final EntryVisitor visitor) {
        PagedIterator.iterate(nodes, nodes.root(rootPageIndex), fromInclusive, toExclusive, visitor);
    }

    @Override
    public NodeView root() {
        final PagedNode root = nodes.root(rootPageIndex);
        return root == null ? null : new PagedNodeView(nodes, root);
    }
}
