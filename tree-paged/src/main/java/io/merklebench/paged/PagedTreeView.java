package io.merklebench.paged;

import io.merklebench.core.NodeHashing;
import io.merklebench.core.store.EntryVisitor;
import io.merklebench.core.tree.NodeView;
import io.merklebench.core.tree.TreeGuard;
import io.merklebench.core.tree.TreeView;

import static io.merklebench.paged.PageLayout.NULL_PAGE_INDEX;

/**
 * One saved version read straight from its pages: a lookup walks slots in place, page by page, without decoding
 * nodes; nothing is loaded up front. Thread-safe for reads; valid until the version is deleted or the tree closed.
 * Arrays returned belong to the caller.
 */
public final class PagedTreeView implements TreeView {
    private final PageReader reader;
    private final long version;
    private final int rootPageIndex;
    /** The owning tree's open check: pages must not be read once the page store is closed (or unmapped). */
    private final TreeGuard guard;

    PagedTreeView(final PageReader reader, final long version, final int rootPageIndex, final TreeGuard guard) {
        this.reader = reader;
        this.version = version;
        this.rootPageIndex = rootPageIndex;
        this.guard = guard;
    }

    @Override
    public long version() {
        guard.ensureOpen();
        return version;
    }

    /** The page holding this version's root node (slot 0), or {@link PageLayout#NULL_PAGE_INDEX} when empty. */
    public int rootPageIndex() {
        return rootPageIndex;
    }

    @Override
    public byte[] get(final byte[] key) {
        guard.ensureOpen();
        TreeGuard.requireKey(key);
        return rootPageIndex == NULL_PAGE_INDEX ? null : reader.get(rootPageIndex, 0, key);
    }

    @Override
    public long size() {
        guard.ensureOpen();
        return rootPageIndex == NULL_PAGE_INDEX ? 0 : reader.treePage(rootPageIndex).size(0);
    }

    @Override
    public byte[] rootHash() {
        guard.ensureOpen();
        return rootPageIndex == NULL_PAGE_INDEX ? NodeHashing.emptyTreeHash() : reader.treePage(rootPageIndex).hash(0);
    }

    @Override
    public void iterate(final byte[] fromInclusive, final byte[] toExclusive, final EntryVisitor visitor) {
        guard.ensureOpen();
        PagedIterator.iterate(reader, reader.root(rootPageIndex), fromInclusive, toExclusive, visitor);
    }

    @Override
    public NodeView root() {
        guard.ensureOpen();
        final PagedNode root = reader.root(rootPageIndex);
        return root == null ? null : new PagedNodeView(reader, root);
    }
}
