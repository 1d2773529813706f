package io.merklebench.array;

import io.merklebench.core.store.EntryVisitor;

import static io.merklebench.array.ArrayLayout.NULL_NODE_INDEX;

/**
 * In-order iteration over one tree state of the {@code array} engine, pruned to a key range. An inner node's key
 * is the smallest key of its right subtree, so the left subtree is skipped when {@code from >= key} and the walk
 * stops when {@code to <= key}. Recursion depth is the tree height (at most about 45 for 2^31 leaves). Stateless;
 * allocates only the key and value copies handed to the visitor, which owns them.
 */
final class ArrayIterator {
    private ArrayIterator() {
    }

    static void iterate(final ArrayNodes nodes, final int root, final byte[] fromInclusive, final byte[] toExclusive,
                        final EntryVisitor visitor) {
        if (root != NULL_NODE_INDEX) {
            visit(nodes, root, fromInclusive, toExclusive, visitor);
        }
    }

    /** Returns {@code false} once the visitor stopped or the range end was passed. */
    private static boolean visit(final ArrayNodes nodes, final int node, final byte[] fromInclusive,
                                 final byte[] toExclusive, final EntryVisitor visitor) {
        if (nodes.isLeaf(node)) {
            if (fromInclusive != null && ArrayKeys.compare(nodes, fromInclusive, node) > 0) {
                return true;
            }
            if (toExclusive != null && ArrayKeys.compare(nodes, toExclusive, node) <= 0) {
                return false;
            }
            return visitor.visit(nodes.key(node), nodes.value(node));
        }
        if (fromInclusive == null || ArrayKeys.compare(nodes, fromInclusive, node) < 0) {
            if (!visit(nodes, nodes.left(node), fromInclusive, toExclusive, visitor)) {
                return false;
            }
        }
        if (toExclusive != null && ArrayKeys.compare(nodes, toExclusive, node) <= 0) {
            return false;
        }
        return visit(nodes, nodes.right(node), fromInclusive, toExclusive, visitor);
    }
}
