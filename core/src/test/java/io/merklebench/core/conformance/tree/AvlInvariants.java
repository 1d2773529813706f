package io.merklebench.core.conformance.tree;

import io.merklebench.core.Bytes;
import io.merklebench.core.NodeHashing;
import io.merklebench.core.tree.NodeView;
import io.merklebench.core.tree.TreeReader;

import java.util.Arrays;

/**
 * Checks the structure of a tree state through {@link NodeView}: AVL heights and balance, sizes, leaf shape, inner
 * keys (the smallest key of the right subtree), key order, node versions not above the state's version, and every
 * stored hash against one recomputed with {@link NodeHashing}. Failures throw {@link AssertionError} naming the node's
 * path from the root ({@code L}/{@code R} steps) and the context given (e.g. the seed).
 */
public final class AvlInvariants {
    private final NodeHashing hashing = new NodeHashing();
    private final String context;
    private final long maxVersion;

    private AvlInvariants(final String context, final long maxVersion) {
        this.context = context;
        this.maxVersion = maxVersion;
    }

    /**
     * Checks every node of {@code state} and that its root hash is the root node's hash.
     *
     * @param context printed in failure messages (seed, version, step)
     */
    public static void check(final TreeReader state, final String context) {
        final NodeView root = state.root();
        final byte[] rootHash = state.rootHash();
        if (root == null) {
            if (state.size() != 0) {
                fail(context, "root is null but size=" + state.size());
            }
            if (!Arrays.equals(rootHash, NodeHashing.emptyTreeHash())) {
                fail(context, "empty tree root hash must be SHA-256 of nothing: rootHash=" + Bytes.toHex(rootHash));
            }
            return;
        }
        final AvlInvariants checker = new AvlInvariants(context, state.version());
        checker.checkNode(root, "root");
        if (root.size() != state.size()) {
            fail(context, "root size=" + root.size() + " but tree size=" + state.size());
        }
        if (!Arrays.equals(root.hash(), rootHash)) {
            fail(context, "rootHash()=" + Bytes.toHex(rootHash) + " but root node hash=" + Bytes.toHex(root.hash()));
        }
    }

    /** Returns the smallest key of the subtree (its leftmost leaf's key). */
    private byte[] checkNode(final NodeView node, final String path) {
        if (node.version() > maxVersion || node.version() < 1) {
            failAt(path, "node version=" + node.version() + " must be between 1 and the tree version=" + maxVersion);
        }
        if (node.isLeaf()) {
            if (node.height() != 0 || node.size() != 1) {
                failAt(path, "leaf must have height 0 and size 1: height=" + node.height() + " size=" + node.size());
            }
            if (node.key() == null || node.key().length == 0 || node.value() == null) {
                failAt(path, "leaf must have a non-empty key and a value");
            }
            checkHash(node, path, hashing.leafHash(node.version(), node.key(), node.value()));
            return node.key();
        }
        final NodeView left = node.left();
        final NodeView right = node.right();
        if (left == null || right == null) {
            failAt(path, "inner node must have two children");
        }
        final byte[] leftSmallest = checkNode(left, path + "L");
        final byte[] rightSmallest = checkNode(right, path + "R");
        if (node.height() != Math.max(left.height(), right.height()) + 1) {
            failAt(path, "height=" + node.height() + " but children heights are " + left.height() + " and " + right.height());
        }
        final int balance = left.height() - right.height();
        if (balance < -1 || balance > 1) {
            failAt(path, "AVL balance must be within -1..1: balance=" + balance);
        }
        if (node.size() != left.size() + right.size()) {
            failAt(path, "size=" + node.size() + " but children sizes are " + left.size() + " and " + right.size());
        }
        if (!Arrays.equals(node.key(), rightSmallest)) {
            failAt(path, "inner key must be the smallest key of the right subtree: key=" + Bytes.toHex(node.key())
                + " smallest right key=" + Bytes.toHex(rightSmallest));
        }
        if (Bytes.compare(maxKey(left), rightSmallest) >= 0) {
            failAt(path, "left subtree keys must sort below the right subtree's: largest left key="
                + Bytes.toHex(maxKey(left)) + " smallest right key=" + Bytes.toHex(rightSmallest));
        }
        if (node.value() != null) {
            failAt(path, "inner node must have no value");
        }
        checkHash(node, path, hashing.innerHash(node.height(), node.size(), node.version(), left.hash(), right.hash()));
        return leftSmallest;
    }

    private static byte[] maxKey(final NodeView subtree) {
        NodeView node = subtree;
        while (!node.isLeaf()) {
            node = node.right();
        }
        return node.key();
    }

    private void checkHash(final NodeView node, final String path, final byte[] expected) {
        if (!Arrays.equals(node.hash(), expected)) {
            failAt(path, "stored hash=" + Bytes.toHex(node.hash()) + " but recomputed=" + Bytes.toHex(expected)
                + " (height=" + node.height() + " size=" + node.size() + " version=" + node.version() + ")");
        }
    }

    private void failAt(final String path, final String message) {
        fail(context, "node " + path + ": " + message);
    }

    private static void fail(final String context, final String message) {
        throw new AssertionError(context + ": " + message);
    }
}
