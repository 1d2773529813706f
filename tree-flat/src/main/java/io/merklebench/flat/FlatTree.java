package io.merklebench.flat;

import io.merklebench.core.store.KvStore;
import io.merklebench.core.tree.AbstractMerkleTree;
import io.merklebench.core.tree.TreeOptions;
import io.merklebench.core.tree.TreeView;
import io.merklebench.core.tree.WorkingTree;

/**
 * Flat's versioned "tree": the store's entries, a {@link FlatWorkingTree} of changes on top, and a save that commits
 * the changes and the version record in one batch (one sync when durable). Only the last saved version is readable:
 * {@code view} of an older one is refused, and deleting versions frees nothing (there is nothing to free).
 *
 * <p>Owns its store. Not thread-safe, except that the view of the last version may be read from other threads while
 * nobody calls {@code save} or {@code close}.
 */
final class FlatTree extends AbstractMerkleTree<FlatWorkingTree> {
    private final FlatEntryStore entries;
    private long savedSize;

    FlatTree(final KvStore store, final TreeOptions options) {
        super(FlatEngine.NAME, store, options);
        this.entries = new FlatEntryStore(store);
        final FlatEntryStore.SavedState saved = entries.readSavedState();
        if (saved != null) {
            restoreSavedVersions(new long[] {saved.version()});
            savedSize = saved.size();
        }
        replaceWorking(newWorkingTree());
    }

    @Override
    protected byte[] writeVersion(final long version) {
        final FlatWorkingTree working = working();
        final long previous = savedVersionList().isEmpty() ? 0 : savedVersionList().last();
        entries.save(version, previous, working.size(), working.changes(), FlatWorkingTree.DELETED, durableCommits());
        savedSize = working.size();
        replaceWorking(new FlatWorkingTree(entries, guard(), version + 1, savedSize));
        return FlatEngine.NO_ROOT_HASH.clone();
    }

    /** Nothing to free: older versions were overwritten by the save that followed them. */
    @Override
    protected void freeVersion(final long version, final long previousKept, final long nextKept, final boolean pruning) {
    }


    /** @throws IllegalArgumentException for any version but the last: flat keeps no older state */
    @Override
    protected TreeView openView(final long version) {
        final long last = savedVersionList().last();
        if (version != last) {
            throw new IllegalArgumentException("flat keeps only the last saved version (no tree, no history):"
                + " version=" + version + " last=" + last);
        }
        return new FlatTreeView(entries, guard(), version, savedSize);
    }

    @Override
    protected WorkingTree newWorkingCopy() {
        return newWorkingTree();
    }

    @Override
    protected void resetWorking() {
        replaceWorking(newWorkingTree());
    }

    private FlatWorkingTree newWorkingTree() {
        return new FlatWorkingTree(entries, guard(), savedVersionList().last() + 1, savedSize);
    }
}
