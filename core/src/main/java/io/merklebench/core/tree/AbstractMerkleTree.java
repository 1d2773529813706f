package io.merklebench.core.tree;

import io.merklebench.core.store.EntryVisitor;
import io.merklebench.core.store.KvStore;

/**
 * What every engine's {@link MerkleTree} does the same way, written once: the working tree's reads and writes
 * forwarded to the current working tree, the saved-version list ({@link SavedVersions}), the
 * {@link TreeOptions#keepRecent()} policy, the checks of {@code view} and {@code deleteVersion} and their messages,
 * and the open check ({@link TreeGuard}, shared with every working tree, copy and view the tree hands out). An engine
 * supplies only what differs: how it writes a version ({@link #writeVersion}), frees one ({@link #freeVersion}),
 * commits ({@link #finishSave}, {@link #finishDelete}), opens a view or a working copy, and resets its working tree.
 *
 * <p>Why a base class and not a helper each engine calls: the bulk of what the engines repeated is the eighteen
 * {@code MerkleTree} methods themselves (eight forwarded to the working tree, the others checked and passed on); a
 * composed helper would leave each engine declaring all of them again, only to forward to the helper. The engines
 * are final classes that extend nothing else, and the template methods keep the order of a save (write, record,
 * prune, commit) in one place.
 *
 * <p>Hot paths: {@code get}, {@code set}, {@code remove} and the other reads go straight to the working tree, one
 * call with no check of their own; the working tree checks the {@link #guard()} itself (it must, as copies and views
 * do), so each call makes exactly one open check and allocates nothing here.
 *
 * <p>The fast-node index ({@link TreeOptions#fastIndex()}, {@link FastIndex}) lives here too, so every engine built on
 * this class gets it with no code of its own: {@code get} on the latest state reads the index, {@code set} and
 * {@code remove} update it after the working tree accepted the change (a refused key or value leaves both alone),
 * a save forgets the journal of changes, a rollback undoes it, and the engine's first {@link #replaceWorking} (in its
 * constructor, the open) loads it from the latest saved version's leaves. Views and working copies never use it.
 *
 * <p>Use after close: every method but {@link #engine()}, {@link #store()}, {@link #usesFastIndex()} and
 * {@link #close()} throws {@link IllegalStateException} from the guard. Not thread-safe, as {@link MerkleTree} says.
 *
 * @param <W> the engine's working tree class
 */
public abstract class AbstractMerkleTree<W extends WorkingTree> implements MerkleTree {
    private final KvStore store;
    private final TreeOptions options;
    private final TreeGuard guard;
    private final SavedVersions versions;
    private W working;
    private boolean durableCommits;
    /** The latest state's keys and values when {@link TreeOptions#fastIndex()} is on; {@code null} otherwise. */
    private final FastIndex fastIndex;
    /** Whether {@link #fastIndex} was loaded from the opened version (at the first {@link #replaceWorking}). */
    private boolean fastIndexLoaded;

    /**
     * Call {@link #restoreSavedVersions} and {@link #replaceWorking} before the constructor returns.
     *
     * @param engine the registry name, which {@link #engine()} returns and every refusal names
     */
    protected AbstractMerkleTree(final String engine, final KvStore store, final TreeOptions options) {
        this.store = store;
        this.options = options;
        this.guard = new TreeGuard(engine, store.kind(), store.directory());
        this.versions = new SavedVersions(options.initialVersion());
        this.durableCommits = options.durable();
        this.fastIndex = options.fastIndex() ? new FastIndex() : null;
    }

    // ---- what an engine supplies

    /**
     * Writes the working tree as {@code version} (the last saved + 1) and returns its root hash; an engine may
     * commit here or leave that to {@link #finishSave}. Afterwards the working tree must start from the new version
     * (version {@code version + 1}), either now or in {@code finishSave}.
     */
    protected abstract byte[] writeVersion(long version);

    /**
     * Frees what only {@code version} uses: during {@code save} for each version {@code keepRecent} drops (the
     * new one is already recorded; {@link #finishSave} follows), or for {@code deleteVersion} ({@link #finishDelete}
     * follows). The version is still in {@link #savedVersionList()} during the call and is never the last one.
     *
     * @param previousKept the kept version just below, or {@link SavedVersions#NONE}
     * @param nextKept     the kept version just above
     * @param pruning      {@code true} when {@code keepRecent} drops it during a save
     */
    protected abstract void freeVersion(long version, long previousKept, long nextKept, boolean pruning);

    /**
     * Ends a save of {@code version} after pruning: commits what {@link #writeVersion} and pruning staged. Nothing by
     * default, for engines whose {@code writeVersion} and {@code freeVersion} commit as they go.
     */
    protected void finishSave(final long version, final byte[] rootHash) {
    }

    /** Ends a {@code deleteVersion}: commits what {@link #freeVersion} staged. Nothing by default, as above. */
    protected void finishDelete() {
    }

    /** A view of {@code version}, which is kept (checked already). */
    protected abstract TreeView openView(long version);

    /** A working copy of the last saved version. */
    protected abstract WorkingTree newWorkingCopy();

    /** Discards the working tree's unsaved changes: it starts again from the last saved version. */
    protected abstract void resetWorking();

    /** Releases what the tree holds, once, at the first {@link #close()}; closes the store by default. */
    protected void closeStorage() {
        store.close();
    }

    // ---- for engines

    /** The check every working tree, copy and view of this tree runs first. */
    protected final TreeGuard guard() {
        return guard;
    }

    /**
     * Whether the commits being made now sync: during {@link #save(boolean)} what its caller asked for, otherwise
     * {@link TreeOptions#durable()}. Engines pass it to their store commits instead of reading the options.
     */
    protected final boolean durableCommits() {
        return durableCommits;
    }

    protected final TreeOptions options() {
        return options;
    }

    /** The kept versions, ascending, for engines that look up neighbours; changed only here. */
    protected final SavedVersions savedVersionList() {
        return versions;
    }

    /** From the engine's constructor: the versions the store holds, ascending. */
    protected final void restoreSavedVersions(final long[] storedVersions) {
        for (final long version : storedVersions) {
            versions.add(version);
        }
    }

    protected final W working() {
        return working;
    }

    /**
     * Makes {@code next} the working tree the reads and writes of this tree go to. The first call (from the engine's
     * constructor: {@code next} holds the opened version) also loads the fast index from it; later calls (after a
     * save or a rollback) hand over a tree with the contents the index already mirrors.
     */
    protected final void replaceWorking(final W next) {
        working = next;
        if (fastIndex != null && !fastIndexLoaded) {
            fastIndexLoaded = true;
            fastIndex.load(next);
        }
    }

    // ---- MerkleTree

    @Override
    public final String engine() {
        return guard.engine();
    }

    @Override
    public final KvStore store() {
        return store;
    }

    @Override
    public final long lastSavedVersion() {
        guard.ensureOpen();
        return versions.last();
    }

    @Override
    public final byte[] save() {
        return save(options.durable());
    }

    @Override
    public final byte[] save(final boolean durable) {
        guard.ensureOpen();
        durableCommits = durable;
        try {
            return saveVersion();
        } finally {
            durableCommits = options.durable();
        }
    }

    private byte[] saveVersion() {
        if (versions.last() == Long.MAX_VALUE) {
            // The next number would wrap to a negative version, which reopens as the largest one and loses it.
            throw new IllegalStateException("cannot save: the last saved version " + Long.MAX_VALUE + " (2^63-1) is"
                + " the largest a version number can hold; the tree is unchanged and still holds its unsaved changes");
        }
        final long version = versions.last() + 1;
        final byte[] rootHash = writeVersion(version);
        if (fastIndex != null) {
            // The changes are in the saved version now: a rollback from here on returns to it, with nothing to undo.
            fastIndex.forgetJournal();
        }
        versions.add(version);
        if (options.keepRecent() > 0) {
            // By height (TreeOptions#keepRecent): a version deleted inside the window leaves a gap. Never the one
            // just saved, as keepRecent is at least 1.
            final long newestDropped = version - options.keepRecent();
            while (versions.first() <= newestDropped) {
                drop(versions.first(), true);
            }
        }
        finishSave(version, rootHash);
        return rootHash;
    }

    @Override
    public final void rollback() {
        guard.ensureOpen();
        resetWorking();
        if (fastIndex != null) {
            fastIndex.undoJournal();
        }
    }

    @Override
    public final TreeView view(final long version) {
        guard.ensureOpen();
        versions.requireSaved(version);
        return openView(version);
    }

    @Override
    public final WorkingTree workingCopy() {
        guard.ensureOpen();
        return newWorkingCopy();
    }

    @Override
    public final long[] savedVersions() {
        guard.ensureOpen();
        return versions.toArray();
    }

    @Override
    public final void deleteVersion(final long version) {
        guard.ensureOpen();
        versions.requireSaved(version);
        if (version == versions.last()) {
            throw new IllegalArgumentException("cannot delete the last saved version: version=" + version);
        }
        drop(version, false);
        finishDelete();
    }

    @Override
    public final boolean usesFastIndex() {
        return fastIndex != null;
    }

    @Override
    public final long fastIndexBytes() {
        guard.ensureOpen();
        return fastIndex == null ? 0 : fastIndex.retainedBytes();
    }

    /** Keys in the fast index, or -1 without one (for tests that compare it with {@link #size()}). */
    public final long fastIndexSize() {
        guard.ensureOpen();
        return fastIndex == null ? -1 : fastIndex.size();
    }

    @Override
    public final void close() {
        if (guard.close()) {
            closeStorage();
        }
    }

    // ---- the working tree's reads and writes; it checks the guard itself

    @Override
    public final long version() {
        return working.version();
    }

    @Override
    public final byte[] get(final byte[] key) {
        if (fastIndex == null) {
            return working.get(key);
        }
        guard.ensureOpen();
        final byte[] value = fastIndex.get(TreeGuard.requireKey(key));
        // The index's array may be the one a leaf holds: the caller gets its own, as from a tree walk.
        return value == null ? null : value.clone();
    }

    @Override
    public final long size() {
        return working.size();
    }

    @Override
    public final byte[] rootHash() {
        return working.rootHash();
    }

    @Override
    public final void iterate(final byte[] fromInclusive, final byte[] toExclusive, final EntryVisitor visitor) {
        working.iterate(fromInclusive, toExclusive, visitor);
    }

    @Override
    public final NodeView root() {
        return working.root();
    }

    @Override
    public final boolean set(final byte[] key, final byte[] value) {
        final boolean present = working.set(key, value);
        if (fastIndex != null) {
            fastIndex.set(key, value);
        }
        return present;
    }

    @Override
    public final boolean remove(final byte[] key) {
        final boolean present = working.remove(key);
        if (present && fastIndex != null) {
            fastIndex.remove(key);
        }
        return present;
    }

    private void drop(final long version, final boolean pruning) {
        freeVersion(version, versions.lower(version), versions.higher(version), pruning);
        versions.remove(version);
    }
}
