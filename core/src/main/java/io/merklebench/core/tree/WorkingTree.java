package io.merklebench.core.tree;

/**
 * A mutable tree state: the working tree of a {@link MerkleTree}, or a scratch copy of a saved version
 * (the TMSP <em>check</em> state) that is never saved. Not thread-safe.
 *
 * <p>Keys are non-null and at least one byte; values are non-null and may be empty. The tree keeps references to
 * the arrays passed to {@link #set}: the caller must not modify them afterwards.
 */
public interface WorkingTree extends TreeReader {
    /** Inserts or replaces; returns {@code true} when the key was already present (an update). */
    boolean set(byte[] key, byte[] value);

    /** Removes {@code key}; returns {@code true} when it was present. */
    boolean remove(byte[] key);
}
