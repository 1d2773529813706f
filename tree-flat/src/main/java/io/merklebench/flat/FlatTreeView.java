package io.merklebench.flat;

import io.merklebench.core.store.EntryVisitor;
import io.merklebench.core.tree.NodeView;
import io.merklebench.core.tree.TreeGuard;
import io.merklebench.core.tree.TreeView;

/**
 * The last saved version, read from the store. Flat keeps no older state, so this view is valid until the next save
 * (a tree engine's view lives until its version is deleted): the baseline pays for no versioning at all.
 * Thread-safe for reads, as the store is.
 */
final class FlatTreeView implements TreeView {
    private final FlatEntryStore entries;
    private final TreeGuard guard;
    private final long version;
    private final long size;

    FlatTreeView(final FlatEntryStore entries, final TreeGuard guard, final long version, final long size) {
        this.entries = entries;
        this.guard = guard;
        this.version = version;
        this.size = size;
    }

    @Override
    public long version() {
        guard.ensureOpen();
        return version;
    }

    @Override
    public byte[] get(final byte[] key) {
        guard.ensureOpen();
        return entries.get(TreeGuard.requireKey(key));
    }

    @Override
    public long size() {
        guard.ensureOpen();
        return size;
    }

    @Override
    public byte[] rootHash() {
        guard.ensureOpen();
        return FlatEngine.NO_ROOT_HASH.clone();
    }

    @Override
    public void iterate(final byte[] fromInclusive, final byte[] toExclusive, final EntryVisitor visitor) {
        guard.ensureOpen();
        entries.iterate(fromInclusive, toExclusive, visitor);
    }

    @Override
    public NodeView root() {
        guard.ensureOpen();
        throw new UnsupportedOperationException("flat has no tree nodes (hash scheme none): root() is for tree engines");
    }
}
