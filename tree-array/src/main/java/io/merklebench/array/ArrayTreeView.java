package io.merklebench.array;

import io.merklebench.core.NodeHashing;
import io.merklebench.core.store.EntryVisitor;
import io.merklebench.core.tree.NodeView;
import io.merklebench.core.tree.TreeGuard;
import io.merklebench.core.tree.TreeView;

import static io.merklebench.array.ArrayLayout.NULL_NODE_INDEX;

/**
 * One saved version of an {@code array} tree, read-only. Its nodes are never written again (only their arena
 * offsets move when the arena is compacted, during {@code save} or {@code deleteVersion}), so reads from other
 * threads are safe while nobody calls those or {@code close}. Using it after its version was deleted or the tree
 * closed throws {@link IllegalStateException}. Returned arrays belong to the caller.
 */
final class ArrayTreeView implements TreeView {
    private final TreeGuard guard;
    private final ArrayNodes nodes;
    private final ArrayVersions.VersionInfo info;

    ArrayTreeView(final TreeGuard guard, final ArrayNodes nodes, final ArrayVersions.VersionInfo info) {
        this.guard = guard;
        this.nodes = nodes;
        this.info = info;
    }

    @Override
    public long version() {
        guard.ensureOpen();
        return info.version;
    }

    @Override
    public byte[] get(final byte[] key) {
        ensureReadable();
        TreeGuard.requireKey(key);
        final int leaf = ArrayKeys.findLeaf(nodes, info.rootIndex, key);
        return leaf == NULL_NODE_INDEX ? null : nodes.value(leaf);
    }

    @Override
    public long size() {
        ensureReadable();
        return info.rootIndex == NULL_NODE_INDEX ? 0 : nodes.size(info.rootIndex);
    }

    @Override
    public byte[] rootHash() {
        ensureReadable();
        return info.rootIndex == NULL_NODE_INDEX ? NodeHashing.emptyTreeHash() : nodes.hashCopy(info.rootIndex);
    }

    @Override
    public void iterate(final byte[] fromInclusive, final byte[] toExclusive, final EntryVisitor visitor) {
        ensureReadable();
        ArrayIterator.iterate(nodes, info.rootIndex, fromInclusive, toExclusive, visitor);
    }

    @Override
    public NodeView root() {
        ensureReadable();
        return info.rootIndex == NULL_NODE_INDEX ? null : new ArrayNodeView(nodes, info.rootIndex);
    }

    private void ensureReadable() {
        guard.ensureOpen();
        if (!info.kept) {
            throw new IllegalStateException("version " + info.version + " was deleted: this view is no longer readable");
        }
    }
}
