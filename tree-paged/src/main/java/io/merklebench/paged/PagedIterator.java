package io.merklebench.paged;

import io.merklebench.core.Bytes;
import io.merklebench.core.store.EntryVisitor;

/**
 * In-order iteration over a tree state, dirty nodes and pages alike. Subtrees outside the range are skipped using
 * the inner key (the smallest key of the right subtree): the left subtree holds keys below it, the right subtree
 * keys at or above it. Recursion depth is the tree height (at most about 1.44 log2(n), 29 for a million keys).
 * Stateless; thread-safe when the tree state is not changed during the walk.
 */
final class PagedIterator {
    private PagedIterator() {
    }

    static void iterate(
        final PageReader reader, final PagedNode root,
        final byte[] fromInclusive, final byte[] toExclusive, final EntryVisitor visitor) {
        if (root != null) {
            visit(reader, root, fromInclusive, toExclusive, visitor);
        }
    }

    /** Returns {@code false} once the visitor asked to stop. */
    private static boolean visit(
        final PageReader reader, final PagedNode node,
        final byte[] fromInclusive, final byte[] toExclusive, final EntryVisitor visitor) {
        if (node.isLeaf()) {
            if (fromInclusive != null && Bytes.compare(node.key, fromInclusive) < 0) {
                return true;
            }
            if (toExclusive != null && Bytes.compare(node.key, toExclusive) >= 0) {
                return true;
            }
            return visitor.visit(node.key.clone(), node.value.clone());
        }
        if (fromInclusive == null || Bytes.compare(fromInclusive, node.key) < 0) {
            if (!visit(reader, reader.left(node), fromInclusive, toExclusive, visitor)) {
                return false;
            }
        }
        if (toExclusive == null || Bytes.compare(node.key, toExclusive) < 0) {
            return visit(reader, reader.right(node), fromInclusive, toExclusive, visitor);
        }
        return true;
    }
}
