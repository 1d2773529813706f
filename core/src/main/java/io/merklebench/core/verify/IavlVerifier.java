package io.merklebench.core.verify;

import io.merklebench.core.Bytes;
import io.merklebench.core.NodeHashing;
import io.merklebench.core.tree.NodeView;
import io.merklebench.core.tree.TreeReader;

import java.util.Arrays;

/**
 * Checks every node of an IAVL tree state through {@link NodeView}: AVL heights and balance, sizes, leaf shape,
 * inner keys (the smallest key of the right subtree), key order, node versions between 1 and the state's version,
 * every stored hash against one recomputed with {@link NodeHashing}, and that the state's root hash and size are its
 * root node's. Stops at the first damage and reports it with the node's path from the root ({@code L}/{@code R}
 * steps), key, version and height; a node the engine cannot read (a failed checksum, a missing entry) is damage at
 * that path too, with the engine's own message. {@code mbench verify} and the conformance kit's {@code AvlInvariants}
 * both use it.
 *
 * <p>Depth-first, left before right. A node's height, balance and size are checked before its children are read, so
 * heights strictly fall along every path walked and damaged child references cannot make the walk loop; the
 * recursion is as deep as the tree (about 30 levels at 1M keys). Not thread-safe: one instance per walk.
 */
public final class IavlVerifier {
    /** No AVL tree of at most 2^63 keys is taller than 1.44 * 63 levels: a taller height is damage. */
    private static final int MAX_HEIGHT = 92;
    /** Progress is reported every this many nodes. */
    private static final int PROGRESS_EVERY = 4096;
    private static final String CHECKS = "every node: AVL heights and balance, sizes, key order, inner keys, node"
        + " versions, every hash recomputed (iavl-v1)";

    private final NodeHashing hashing = new NodeHashing();
    private final long maxVersion;
    private final long totalNodes;
    private final VerifyProgress progress;
    private long checked;

    private IavlVerifier(final long maxVersion, final long totalNodes, final VerifyProgress progress) {
        this.maxVersion = maxVersion;
        this.totalNodes = totalNodes;
        this.progress = progress;
    }

    /** Checks every node of {@code state}; the result holds the first damage, or none. */
    public static VerifyResult verify(final TreeReader state, final VerifyProgress progress) {
        final NodeView root;
        final byte[] rootHash;
        final long size;
        try {
            root = state.root();
            rootHash = state.rootHash();
            size = state.size();
        } catch (final RuntimeException e) {
            return result(0, Damage.at("root", "could not be read: " + e.getMessage()));
        }
        if (root == null) {
            if (size != 0) {
                return result(0, Damage.at("root", "the tree has no root node but its size is " + size));
            }
            if (!Arrays.equals(rootHash, NodeHashing.emptyTreeHash())) {
                return result(0, Damage.at("root", "an empty tree's root hash must be SHA-256 of nothing, not "
                    + Bytes.toHex(rootHash)));
            }
            return result(0, null);
        }
        final IavlVerifier verifier = new IavlVerifier(state.version(), size < 1 ? -1 : 2 * size - 1, progress);
        try {
            verifier.checkNode(root, "root");
            if (root.size() != size) {
                throw verifier.found(root, "root", "root node size=" + root.size() + " but the tree's size=" + size);
            }
            if (!Arrays.equals(root.hash(), rootHash)) {
                throw verifier.found(root, "root", "the tree's root hash=" + Bytes.toHex(rootHash) + " but the root"
                    + " node's hash=" + Bytes.toHex(root.hash()));
            }
        } catch (final Found found) {
            return result(verifier.checked, found.damage);
        }
        progress.checked(verifier.checked, verifier.totalNodes);
        return result(verifier.checked, null);
    }

    private static VerifyResult result(final long checked, final Damage damage) {
        return new VerifyResult(CHECKS, checked, "nodes", damage);
    }

    /** The smallest and largest key of a subtree. */
    private record KeyRange(byte[] smallest, byte[] largest) {
    }

    private KeyRange checkNode(final NodeView node, final String path) {
        if (++checked % PROGRESS_EVERY == 0) {
            progress.checked(checked, totalNodes);
        }
        if (node.version() > maxVersion || node.version() < 1) {
            throw found(node, path, "node version=" + node.version() + " must be between 1 and the tree version="
                + maxVersion);
        }
        if (node.isLeaf()) {
            if (node.height() != 0 || node.size() != 1) {
                throw found(node, path, "a leaf must have height 0 and size 1: height=" + node.height() + " size="
                    + node.size());
            }
            if (node.key() == null || node.key().length == 0 || node.value() == null) {
                throw found(node, path, "a leaf must have a non-empty key and a value");
            }
            checkHash(node, path, hashing.leafHash(node.version(), node.key(), node.value()));
            return new KeyRange(node.key(), node.key());
        }
        if (node.height() > MAX_HEIGHT) {
            throw found(node, path, "height=" + node.height() + " is taller than any AVL tree can be");
        }
        final NodeView left = child(node, path, "L");
        final NodeView right = child(node, path, "R");
        if (node.height() != Math.max(left.height(), right.height()) + 1) {
            throw found(node, path, "height=" + node.height() + " but the children's heights are " + left.height()
                + " and " + right.height());
        }
        final int balance = left.height() - right.height();
        if (balance < -1 || balance > 1) {
            throw found(node, path, "AVL balance must be within -1..1: balance=" + balance);
        }
        if (node.size() != left.size() + right.size()) {
            throw found(node, path, "size=" + node.size() + " but the children's sizes are " + left.size() + " and "
                + right.size());
        }
        if (node.value() != null) {
            throw found(node, path, "an inner node must have no value");
        }
        final KeyRange leftKeys = checkNode(left, path + "L");
        final KeyRange rightKeys = checkNode(right, path + "R");
        if (!Arrays.equals(node.key(), rightKeys.smallest())) {
            throw found(node, path, "the inner key must be the smallest key of the right subtree: smallest right key="
                + Bytes.toHex(rightKeys.smallest()));
        }
        if (Bytes.compare(leftKeys.largest(), rightKeys.smallest()) >= 0) {
            throw found(node, path, "left subtree keys must sort below the right subtree's: largest left key="
                + Bytes.toHex(leftKeys.largest()) + " smallest right key=" + Bytes.toHex(rightKeys.smallest()));
        }
        checkHash(node, path, hashing.innerHash(node.height(), node.size(), node.version(), left.hash(), right.hash()));
        return new KeyRange(leftKeys.smallest(), rightKeys.largest());
    }

    /** A child, read from the store if the engine must: a read that fails is damage at the child's path. */
    private NodeView child(final NodeView node, final String path, final String step) {
        final NodeView child;
        try {
            child = "L".equals(step) ? node.left() : node.right();
        } catch (final RuntimeException e) {
            throw new Found(Damage.at(path + step, "could not be read: " + e.getMessage()));
        }
        if (child == null) {
            throw found(node, path, "an inner node must have two children; the " + ("L".equals(step) ? "left" : "right")
                + " one is missing");
        }
        return child;
    }

    private void checkHash(final NodeView node, final String path, final byte[] expected) {
        if (!Arrays.equals(node.hash(), expected)) {
            throw found(node, path, "stored hash=" + Bytes.toHex(node.hash()) + " but recomputed="
                + Bytes.toHex(expected) + " (size=" + node.size() + ")");
        }
    }

    private Found found(final NodeView node, final String path, final String problem) {
        return new Found(new Damage(path, node.key(), node.version(), node.height(), problem));
    }

    /** Unwinds the walk at the first damage; no stack trace, since it is an answer, not an error. */
    private static final class Found extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient Damage damage;

        Found(final Damage damage) {
            super(damage.toString(), null, false, false);
            this.damage = damage;
        }
    }
}
