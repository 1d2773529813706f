package io.merklebench.heap;

import io.merklebench.core.Bytes;
import io.merklebench.core.NodeHashing;
import io.merklebench.core.tree.TreeGuard;
import io.merklebench.core.tree.WorkingTree;

/**
 * A mutable tree state: inserts, removes and AVL rotations with IAVL's version stamping (cosmos/iavl
 * {@code mutable_tree.go}). Used for the working tree of a {@link HeapTree} and for its scratch copies.
 *
 * <p>Copy-on-write: a saved node on a changed path is copied (stamped with {@link #version()}), never changed; unsaved
 * nodes belong to this state alone and are changed in place. Every inner node on a {@code set} path gets the new
 * version (also for a pure value update), both nodes of a rotation get it, an existing leaf next to an inserted one
 * keeps its version, and on remove the promoted sibling keeps its version.
 *
 * <p>Not thread-safe. Keeps the key and value arrays passed to {@link #set}; values returned are copies.
 */
final class HeapWorkingTree extends HeapReadableTree implements WorkingTree {
    private final NodeHashing hashing;
    /** Saved nodes this state replaced; {@code null} for scratch copies, which are never saved. */
    private final HeapOrphanList orphans;
    private HeapNode root;

    /** Whether the last {@code set} replaced a value (then sizes and heights on the path did not change). */
    private boolean updated;
    /** Whether the last {@code remove} found its key. */
    private boolean removed;
    /** During a remove: the new smallest key of the subtree just returned, when it changed. */
    private byte[] replacementKey;

    /**
     * @param savedRoot the saved root this state starts from ({@code null} for empty)
     * @param version   the version new nodes are stamped with: the last saved version + 1
     * @param orphans   where to record replaced saved nodes, or {@code null} when this state will never be saved
     * @param hashing   hashes dirty nodes; not shared with a state used from another thread
     * @param guard     the owning tree's open check
     */
    HeapWorkingTree(final HeapNodeStore store, final HeapNode savedRoot, final long version,
                    final HeapOrphanList orphans, final NodeHashing hashing, final TreeGuard guard) {
        super(store, guard, version);
        this.root = savedRoot;
        this.orphans = orphans;
        this.hashing = hashing;
    }

    @Override
    HeapNode rootNode() {
        return root;
    }

    @Override
    NodeHashing hashing() {
        return hashing;
    }

    /** Saved nodes replaced since this state was created; {@code null} for a scratch copy. */
    HeapOrphanList orphans() {
        return orphans;
    }

    @Override
    public boolean set(final byte[] key, final byte[] value) {
        guard.ensureOpen();
        TreeGuard.requireKey(key);
        Bytes.requireValue(value);
        updated = false;
        root = root == null ? HeapNode.newLeaf(key, value, version) : set(root, key, value);
        return updated;
    }

    @Override
    public boolean remove(final byte[] key) {
        guard.ensureOpen();
        TreeGuard.requireKey(key);
        if (root == null) {
            return false;
        }
        removed = false;
        replacementKey = null;
        final HeapNode newRoot = remove(root, key);
        if (removed) {
            root = newRoot;
        }
        replacementKey = null;
        return removed;
    }

    private HeapNode set(final HeapNode node, final byte[] key, final byte[] value) {
        if (node.isLeaf()) {
            final int order = Bytes.compare(key, node.key);
            if (order < 0) {
                return HeapNode.newInner(node.key, HeapNode.newLeaf(key, value, version), node, version);
            }
            if (order > 0) {
                return HeapNode.newInner(key, node, HeapNode.newLeaf(key, value, version), version);
            }
            updated = true;
            orphanIfSaved(node);
            return HeapNode.newLeaf(key, value, version);
        }
        final HeapNode writable = writable(node);
        if (Bytes.compare(key, writable.key) < 0) {
            writable.setLeft(set(writable.left(store), key, value));
        } else {
            writable.setRight(set(writable.right(store), key, value));
        }
        if (updated) {
            return writable;
        }
        writable.updateHeightAndSize(store);
        return balance(writable);
    }

    /**
     * Removes {@code key} under {@code node}; returns the new subtree ({@code null} when it became empty) and sets
     * {@link #removed}. When nothing was removed, returns {@code node} untouched.
     */
    private HeapNode remove(final HeapNode node, final byte[] key) {
        if (node.isLeaf()) {
            if (Bytes.compare(key, node.key) == 0) {
                removed = true;
                orphanIfSaved(node);
                return null;
            }
            return node;
        }
        if (Bytes.compare(key, node.key) < 0) {
            final HeapNode newLeft = remove(node.left(store), key);
            if (!removed) {
                return node;
            }
            if (newLeft == null) {
                // The left leaf went: the right subtree is promoted as is, and its smallest key (this node's key)
                // becomes the smallest key of the whole subtree, which an ancestor on the right path must take.
                orphanIfSaved(node);
                replacementKey = node.key;
                return node.right(store);
            }
            final HeapNode writable = writable(node);
            writable.setLeft(newLeft);
            writable.updateHeightAndSize(store);
            return balance(writable);
        }
        final HeapNode newRight = remove(node.right(store), key);
        if (!removed) {
            return node;
        }
        if (newRight == null) {
            orphanIfSaved(node);
            replacementKey = null;
            return node.left(store);
        }
        final HeapNode writable = writable(node);
        writable.setRight(newRight);
        if (replacementKey != null) {
            writable.key = replacementKey;
            replacementKey = null;
        }
        writable.updateHeightAndSize(store);
        return balance(writable);
    }

    /** Restores the AVL balance of a writable node whose children changed; returns the subtree's new root. */
    private HeapNode balance(final HeapNode node) {
        final int balanceFactor = node.balanceFactor(store);
        if (balanceFactor > 1) {
            final HeapNode left = node.left(store);
            if (left.balanceFactor(store) < 0) {
                node.setLeft(rotateLeft(left));
            }
            return rotateRight(node);
        }
        if (balanceFactor < -1) {
            final HeapNode right = node.right(store);
            if (right.balanceFactor(store) > 0) {
                node.setRight(rotateRight(right));
            }
            return rotateLeft(node);
        }
        return node;
    }

    /** Lifts the left child above {@code node}; both get the new version. Inner keys do not change. */
    private HeapNode rotateRight(final HeapNode node) {
        final HeapNode pivot = writable(node);
        final HeapNode newTop = writable(pivot.left(store));
        pivot.setLeft(newTop.right(store));
        newTop.setRight(pivot);
        pivot.updateHeightAndSize(store);
        newTop.updateHeightAndSize(store);
        return newTop;
    }

    /** Lifts the right child above {@code node}; both get the new version. Inner keys do not change. */
    private HeapNode rotateLeft(final HeapNode node) {
        final HeapNode pivot = writable(node);
        final HeapNode newTop = writable(pivot.right(store));
        pivot.setRight(newTop.left(store));
        newTop.setLeft(pivot);
        pivot.updateHeightAndSize(store);
        newTop.updateHeightAndSize(store);
        return newTop;
    }

    /**
     * The node to change: an unsaved node is this state's own and is changed in place (its hash cleared); a saved
     * node is copied with the new version and recorded as orphaned.
     */
    private HeapNode writable(final HeapNode node) {
        if (node.isSaved()) {
            orphanIfSaved(node);
            return node.copyForVersion(version);
        }
        node.hash = null;
        return node;
    }

    private void orphanIfSaved(final HeapNode node) {
        if (orphans != null && node.isSaved()) {
            orphans.add(node);
        }
    }
}
