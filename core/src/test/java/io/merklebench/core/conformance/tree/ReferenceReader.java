package io.merklebench.core.conformance.tree;

import io.merklebench.core.store.EntryVisitor;
import io.merklebench.core.tree.NodeView;
import io.merklebench.core.tree.TreeReader;

import java.util.Arrays;

/**
 * Reads of one {@link IavlReference} state (the working tree or a saved version) given its root: a walk from the root
 * for {@code get}, an in-order walk for {@code iterate}. Keys compare with {@link Arrays#compareUnsigned}. Arrays
 * returned are copies.
 */
abstract class ReferenceReader implements TreeReader {
    /** The state's root, {@code null} when empty. */
    abstract ReferenceNode rootNode();

    @Override
    public byte[] get(final byte[] key) {
        requireKey(key);
        ReferenceNode node = rootNode();
        while (node != null && !node.isLeaf()) {
            node = compare(key, node.keyBytes()) < 0 ? node.left() : node.right();
        }
        return node != null && compare(key, node.keyBytes()) == 0 ? node.valueBytes().clone() : null;
    }

    @Override
    public long size() {
        final ReferenceNode root = rootNode();
        return root == null ? 0 : root.size();
    }

    @Override
    public byte[] rootHash() {
        final ReferenceNode root = rootNode();
        return root == null ? ReferenceNode.emptyTreeHash() : root.hash();
    }

    @Override
    public void iterate(final byte[] fromInclusive, final byte[] toExclusive, final EntryVisitor visitor) {
        iterate(rootNode(), fromInclusive, toExclusive, visitor);
    }

    @Override
    public NodeView root() {
        return rootNode();
    }

    /** In-order walk of the leaves in {@code [from, to)}; returns {@code false} once the visitor asked to stop. */
    private static boolean iterate(final ReferenceNode node, final byte[] fromInclusive, final byte[] toExclusive,
                                   final EntryVisitor visitor) {
        if (node == null) {
            return true;
        }
        if (node.isLeaf()) {
            final byte[] key = node.keyBytes();
            final boolean inRange = (fromInclusive == null || compare(key, fromInclusive) >= 0)
                && (toExclusive == null || compare(key, toExclusive) < 0);
            return !inRange || visitor.visit(key.clone(), node.valueBytes().clone());
        }
        return iterate(node.left(), fromInclusive, toExclusive, visitor)
            && iterate(node.right(), fromInclusive, toExclusive, visitor);
    }

    static int compare(final byte[] a, final byte[] b) {
        return Arrays.compareUnsigned(a, b);
    }

    static void requireKey(final byte[] key) {
        if (key == null || key.length == 0) {
            throw new IllegalArgumentException("key must be at least one byte: key=" + Arrays.toString(key));
        }
    }
}
