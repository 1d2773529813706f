package io.merklebench.core.store;

/**
 * Receives entries of an ordered iteration. The arrays belong to the visitor: the caller does not reuse them.
 */
@FunctionalInterface
public interface EntryVisitor {
    /** Returns {@code false} to stop the iteration. */
    boolean visit(byte[] key, byte[] value);
}
