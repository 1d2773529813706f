package io.merklebench.core.tree;

/**
 * One node of a tree state, for structural checks. Leaves have height 0, size 1 and a value; inner nodes have two
 * children and a key equal to the smallest key of their right subtree.
 */
public interface NodeView {
    boolean isLeaf();

    int height();

    long size();

    long version();

    byte[] key();

    /** The value of a leaf; {@code null} for an inner node. */
    byte[] value();

    byte[] hash();

    NodeView left();

    NodeView right();
}
