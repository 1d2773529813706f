package io.merklebench.flat;

import io.merklebench.core.Bytes;
import io.merklebench.core.store.EntryVisitor;
import io.merklebench.core.tree.NodeView;
import io.merklebench.core.tree.TreeGuard;
import io.merklebench.core.tree.TreeView;
import io.merklebench.core.verify.Damage;
import io.merklebench.core.verify.SelfVerifying;
import io.merklebench.core.verify.VerifyProgress;
import io.merklebench.core.verify.VerifyResult;

/**
 * The last saved version, read from the store. Flat keeps no older state, so this view is valid until the next save
 * (a tree engine's view lives until its version is deleted): the baseline pays for no versioning at all.
 * Thread-safe for reads, as the store is.
 */
final class FlatTreeView implements TreeView, SelfVerifying {
    private static final String CHECKS = "no Merkle tree (hash scheme none), so no hash to recompute: every entry"
        + " read in key order and counted against the saved size";
    private static final int PROGRESS_EVERY = 4096;

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

    /**
     * What can be checked without a tree: that every entry reads back (the store's own checksums apply), in strictly
     * ascending key order, and that there are as many as the version's saved size.
     */
    @Override
    public VerifyResult verify(final VerifyProgress progress) {
        guard.ensureOpen();
        final long[] count = {0};
        final byte[][] previous = {null};
        final Damage[] damage = {null};
        try {
            entries.iterate(null, null, (key, value) -> {
                if (previous[0] != null && Bytes.compare(previous[0], key) >= 0) {
                    damage[0] = new Damage("entry " + (count[0] + 1), key, -1, -1, "keys out of order: after "
                        + Bytes.toHex(previous[0]));
                    return false;
                }
                previous[0] = key;
                if (++count[0] % PROGRESS_EVERY == 0) {
                    progress.checked(count[0], size);
                }
                return true;
            });
        } catch (final RuntimeException e) {
            damage[0] = Damage.at("entry " + (count[0] + 1) + (previous[0] == null ? "" : " (after key "
                + Bytes.toHex(previous[0]) + ")"), "could not be read: " + e.getMessage());
        }
        if (damage[0] == null && count[0] != size) {
            damage[0] = Damage.at("all entries", count[0] + " entries read but the saved size is " + size);
        }
        progress.checked(count[0], size);
        return new VerifyResult(CHECKS, count[0], "entries", damage[0]);
    }

    @Override
    public NodeView root() {
        guard.ensureOpen();
        throw new UnsupportedOperationException("flat has no tree nodes (hash scheme none): root() is for tree engines");
    }
}
