package io.merklebench.core.tree;

import io.merklebench.core.store.KvStore;

/**
 * A versioned IAVL tree persisted to a {@link KvStore} (cosmos/iavl's {@code MutableTree}): the working tree plus
 * its saved versions.
 *
 * <p>The working tree starts from the last saved version. {@link #save()} stamps a new immutable version
 * ({@code lastSavedVersion() + 1}; the first is {@link TreeOptions#initialVersion()}), writes its new nodes to the
 * store and commits (durably when {@link TreeOptions#durable()}), then returns the root hash. Saving with no changes
 * keeps the root hash and still advances the version.
 *
 * <p>Owns its store: {@link #close()} closes it. Not thread-safe, except that saved {@link TreeView}s may be read
 * from other threads while nobody calls {@code save}, {@code deleteVersion} or {@code close}.
 *
 * <p>After {@code close} every method but {@link #engine()}, {@link #store()}, {@link #usesFastIndex()} and
 * {@code close} throws
 * {@link IllegalStateException} naming the engine, and so does every method of the working copies and views the
 * tree handed out. Engines build on {@link AbstractMerkleTree}, which holds what they share.
 */
public interface MerkleTree extends WorkingTree, AutoCloseable {
    /** The registry name of the engine ({@code heap}, {@code array}, ...). */
    String engine();

    /** The store this tree persists to. */
    KvStore store();

    /** The last saved version, or {@code initialVersion - 1} when nothing was saved yet. */
    long lastSavedVersion();

    /**
     * Saves the working tree as version {@code lastSavedVersion() + 1} and returns its root hash; durably when
     * {@link TreeOptions#durable()}.
     */
    byte[] save();

    /**
     * As {@link #save()}, durably or not whatever the options say: a chain that syncs every k-th version
     * ({@code mbench simulate}'s {@code durability.every}). A non-durable save may be lost in a crash, with the
     * saves after it, but never leaves a partial version.
     */
    byte[] save(boolean durable);

    /** Discards unsaved changes: the working tree goes back to the last saved version. */
    void rollback();

    /** Opens a saved version read-only; throws {@link IllegalArgumentException} naming the version if it is unknown. */
    TreeView view(long version);

    /**
     * A cheap mutable copy of the last saved version (the TMSP <em>check</em> state): changes to it never reach a
     * saved version or this working tree, and it cannot be saved. Valid until the next {@code save} or close.
     */
    WorkingTree workingCopy();

    /** Saved versions still readable, ascending. */
    long[] savedVersions();

    /**
     * Forgets a saved version (never the last one) so its nodes that no kept version uses can be freed. Unknown
     * versions are an error.
     */
    void deleteVersion(long version);

    /**
     * Whether {@code get} on the latest state is answered from a {@link FastIndex} ({@link TreeOptions#fastIndex()}):
     * what a result labelled {@code fastIndex=true} must have run with.
     */
    default boolean usesFastIndex() {
        return false;
    }

    /** Heap bytes the fast index holds ({@link FastIndex#retainedBytes()}), 0 without one. Walks the index: slow. */
    default long fastIndexBytes() {
        return 0;
    }

    /** Closes the tree and its store. Idempotent. */
    @Override
    void close();
}
