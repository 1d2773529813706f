package io.merklebench.heap;

import io.merklebench.core.Bytes;
import io.merklebench.core.store.EntryVisitor;

import java.util.ArrayDeque;

/**
 * In-order iteration over one tree state (cosmos/iavl {@code iterator.go}), restricted to a key range. Subtrees
 * wholly outside the range are never loaded: an inner node's left subtree holds keys below its key, its right subtree
 * keys from its key up. Uses an explicit stack, so no recursion depth limit applies.
 *
 * <p>One iteration per instance; not thread-safe. Keys and values handed to the visitor are fresh copies.
 */
final class HeapIterator {
    private final HeapNodeStore store;
    private final byte[] fromInclusive;
    private final byte[] toExclusive;

    /** @param fromInclusive lower bound, or {@code null}; @param toExclusive upper bound, or {@code null} */
    HeapIterator(final HeapNodeStore store, final byte[] fromInclusive, final byte[] toExclusive) {
        this.store = store;
        this.fromInclusive = fromInclusive;
        this.toExclusive = toExclusive;
    }

    /** Visits the leaves of {@code root} within the range, ascending; returns {@code false} if the visitor stopped. */
    boolean visit(final HeapNode root, final EntryVisitor visitor) {
        if (root == null) {
            return true;
        }
        final ArrayDeque<HeapNode> pending = new ArrayDeque<>();
        pending.push(root);
        while (!pending.isEmpty()) {
            final HeapNode node = pending.pop();
            if (node.isLeaf()) {
                if (inRange(node.key) && !visitor.visit(node.key.clone(), node.value.clone())) {
                    return false;
                }
                continue;
            }
            // Push right first so the left subtree is visited first.
            if (toExclusive == null || Bytes.compare(toExclusive, node.key) > 0) {
                pending.push(node.right(store));
            }
            if (fromInclusive == null || Bytes.compare(fromInclusive, node.key) < 0) {
                pending.push(node.left(store));
            }
        }
        return true;
    }

    private boolean inRange(final byte[] key) {
        return (fromInclusive == null || Bytes.compare(key, fromInclusive) >= 0)
            && (toExclusive == null || Bytes.compare(key, toExclusive) < 0);
    }
}
