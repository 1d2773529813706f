package io.merklebench.core.tree;

import io.merklebench.core.store.EntryVisitor;

/**
 * Read access to one state of a tree: a saved version ({@link TreeView}) or a working tree ({@link WorkingTree}).
 * Arrays returned belong to the caller; keys passed in are read, never kept.
 */
public interface TreeReader {
    /** For a saved view, its version; for a working tree, the version it will be saved as (last saved + 1). */
    long version();

    /** The value stored under {@code key}, or {@code null}. */
    byte[] get(byte[] key);

    /** Number of keys. */
    long size();

    /** The IAVL root hash of this state (32 bytes; SHA-256 of nothing when empty). Hashes dirty nodes if needed. */
    byte[] rootHash();

    /**
     * Visits entries in ascending unsigned key order from {@code fromInclusive} to {@code toExclusive}
     * ({@code null} bounds are open); stops when the visitor returns {@code false}.
     */
    void iterate(byte[] fromInclusive, byte[] toExclusive, EntryVisitor visitor);

    /**
     * The root node for structural checks (tests, debugging), or {@code null} when empty. Slow: allocates a view
     * per node visited. Hashes dirty nodes first.
     */
    NodeView root();
}
