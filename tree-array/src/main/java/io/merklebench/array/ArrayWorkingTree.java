package io.merklebench.array;

import io.merklebench.core.Bytes;
import io.merklebench.core.NodeHashing;
import io.merklebench.core.store.EntryVisitor;
import io.merklebench.core.tree.NodeView;
import io.merklebench.core.tree.TreeGuard;
import io.merklebench.core.tree.WorkingTree;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;

import static io.merklebench.array.ArrayLayout.NULL_NODE_INDEX;

/**
 * A mutable IAVL state over {@link ArrayNodes}: the working tree of an {@link ArrayTree}, or a working copy of its
 * last saved version (the TMSP check state). Inserts, removes and rotations follow cosmos/iavl
 * {@code mutable_tree.go} so root hashes match the other engines byte for byte.
 *
 * <p>Copy-on-write by version stamp: every node this state creates carries {@link #version()} (last saved + 1) and
 * may be changed in place; a node with an older version belongs to a saved version and is copied first. No other
 * state can reach a node stamped with this state's version, because every state starts from a saved root. A
 * replaced saved node is recorded as an orphan (main working tree only) so {@link ArrayVersions} can free it once
 * no kept version needs it; a replaced unsaved node is freed at once.
 *
 * <p>Not thread-safe; shares its {@link ArrayNodes} with every other state of the same tree, so all of them must be
 * used from one thread. Keys and values are copied into the arena; returned arrays belong to the caller.
 */
final class ArrayWorkingTree implements WorkingTree {
    private final ArrayNodes nodes;
    /** The tree's hashing, shared with its other states. */
    private final ArrayHashing hashing;
    private final long version;
    /** Saved nodes this state replaced; {@code null} for a working copy (its replacements stay in the saved tree). */
    private final ArrayNodeIndexList orphans;
    private final String description;
    /** The owning tree's open check. */
    private final TreeGuard guard;
    private int root;
    private String invalidReason;
    /** For a working copy: where the owning tree finds our root if we are dropped without being discarded. */
    private CopyTracker tracker;

    // results passed up the recursion (fields, so the hot path allocates nothing)
    private boolean updated;
    private boolean removed;
    private int newKeyOffset = NULL_NODE_INDEX;
    private int newKeyLength;
    private int newKeyPrefix;
    /** {@link ArrayKeys#searchPrefix} of the key being set or removed, computed once per operation. */
    private int keyPrefix;

    ArrayWorkingTree(final ArrayNodes nodes, final ArrayHashing hashing, final long version, final int root,
                     final boolean recordOrphans, final String description, final TreeGuard guard) {
        this.nodes = nodes;
        this.hashing = hashing;
        this.version = version;
        this.root = root;
        this.orphans = recordOrphans ? new ArrayNodeIndexList() : null;
        this.description = description;
        this.guard = guard;
    }

    /**
     * Lets the owning tree free a working copy that callers drop without a save (benchmarks may make millions):
     * the tracker is weakly reachable from the tree and always knows the copy's current root.
     */
    static final class CopyTracker extends WeakReference<ArrayWorkingTree> {
        final long version;
        int rootIndex;
        /** Set once the copy's nodes were freed (discarded, or found dropped), so they are never freed twice. */
        boolean released;

        CopyTracker(final ArrayWorkingTree copy, final ReferenceQueue<ArrayWorkingTree> queue) {
            super(copy, queue);
            this.version = copy.version;
            this.rootIndex = copy.root;
        }
    }

    /** Registers this copy with {@code queue}; see {@link CopyTracker}. */
    CopyTracker track(final ReferenceQueue<ArrayWorkingTree> queue) {
        tracker = new CopyTracker(this, queue);
        return tracker;
    }

    @Override
    public long version() {
        ensureValid();
        return version;
    }

    int rootIndex() {
        return root;
    }

    /** Saved nodes replaced by this state since it started (main working tree only). */
    ArrayNodeIndexList orphans() {
        return orphans;
    }

    @Override
    public boolean set(final byte[] key, final byte[] value) {
        ensureValid();
        TreeGuard.requireKey(key);
        ArrayNodes.requireKeyLength(key.length);
        Bytes.requireValue(value);
        if (root == NULL_NODE_INDEX) {
            setRoot(nodes.newLeaf(version, key, value));
            return false;
        }
        updated = false;
        keyPrefix = ArrayKeys.searchPrefix(key);
        setRoot(setRecursive(root, key, value));
        return updated;
    }

    @Override
    public boolean remove(final byte[] key) {
        ensureValid();
        TreeGuard.requireKey(key);
        if (root == NULL_NODE_INDEX) {
            return false;
        }
        removed = false;
        newKeyOffset = NULL_NODE_INDEX;
        keyPrefix = ArrayKeys.searchPrefix(key);
        final int newRoot = removeRecursive(root, key);
        if (!removed) {
            return false;
        }
        setRoot(newRoot);
        return true;
    }

    @Override
    public byte[] get(final byte[] key) {
        ensureValid();
        TreeGuard.requireKey(key);
        final int leaf = ArrayKeys.findLeaf(nodes, root, key);
        return leaf == NULL_NODE_INDEX ? null : nodes.value(leaf);
    }

    @Override
    public long size() {
        ensureValid();
        return root == NULL_NODE_INDEX ? 0 : nodes.size(root);
    }

    @Override
    public byte[] rootHash() {
        ensureValid();
        if (root == NULL_NODE_INDEX) {
            return NodeHashing.emptyTreeHash();
        }
        hashing.hash(root);
        return nodes.hashCopy(root);
    }

    @Override
    public void iterate(final byte[] fromInclusive, final byte[] toExclusive, final EntryVisitor visitor) {
        ensureValid();
        ArrayIterator.iterate(nodes, root, fromInclusive, toExclusive, visitor);
    }

    @Override
    public NodeView root() {
        ensureValid();
        if (root == NULL_NODE_INDEX) {
            return null;
        }
        hashing.hash(root);
        return new ArrayNodeView(nodes, root);
    }

    /**
     * Frees every node this state created and ends it: later calls throw {@link IllegalStateException} with
     * {@code reason}. Used for rollback, for working copies at the next save, and at close.
     */
    void discard(final String reason) {
        if (invalidReason != null) {
            return;
        }
        freeUnsaved(nodes, version, root);
        setRoot(NULL_NODE_INDEX);
        invalidReason = reason;
        if (tracker != null) {
            tracker.released = true;
            tracker.clear();
        }
    }

    /** Frees every node stamped {@code version} reachable from {@code root} (the unsaved part of a state). */
    static void freeUnsaved(final ArrayNodes nodes, final long version, final int root) {
        if (root == NULL_NODE_INDEX || nodes.version(root) != version) {
            return;
        }
        if (!nodes.isLeaf(root)) {
            freeUnsaved(nodes, version, nodes.left(root));
            freeUnsaved(nodes, version, nodes.right(root));
        }
        nodes.free(root);
    }

    /** Ends this state without freeing anything: its nodes now belong to the version just saved. */
    void retire(final String reason) {
        invalidReason = reason;
    }

    /** Appends this state's new nodes (stamped with its version) to {@code out}, children before parents. */
    void collectNewNodes(final ArrayNodeIndexList out) {
        if (root != NULL_NODE_INDEX) {
            collectNew(root, out);
        }
    }

    private void collectNew(final int node, final ArrayNodeIndexList out) {
        if (nodes.version(node) != version) {
            return;
        }
        if (!nodes.isLeaf(node)) {
            collectNew(nodes.left(node), out);
            collectNew(nodes.right(node), out);
        }
        out.add(node);
    }

    private void setRoot(final int newRoot) {
        root = newRoot;
        if (tracker != null) {
            tracker.rootIndex = newRoot;
        }
    }

    // ---- set -----------------------------------------------------------------------------------------------------

    private int setRecursive(final int node, final byte[] key, final byte[] value) {
        final ArrayNodes nodes = this.nodes;
        if (nodes.isLeaf(node)) {
            final int comparison = ArrayKeys.compare(nodes, key, keyPrefix, node);
            if (comparison < 0) {
                final int leaf = nodes.newLeaf(version, key, value);
                return nodes.newInner(version, node, leaf, node);
            }
            if (comparison > 0) {
                final int leaf = nodes.newLeaf(version, key, value);
                return nodes.newInner(version, leaf, node, leaf);
            }
            updated = true;
            if (nodes.version(node) == version && nodes.overwriteValue(node, value)) {
                return node;
            }
            final int leaf = nodes.newLeaf(version, key, value);
            discardNode(node);
            return leaf;
        }
        final int inner = ownedCopy(node);
        if (ArrayKeys.compare(nodes, key, keyPrefix, inner) < 0) {
            nodes.setLeft(inner, setRecursive(nodes.left(inner), key, value));
        } else {
            nodes.setRight(inner, setRecursive(nodes.right(inner), key, value));
        }
        if (updated) {
            // a value update changes no height or size: IAVL stamps the path but does not rebalance
            return inner;
        }
        nodes.updateHeightAndSize(inner);
        return rebalance(inner);
    }

    // ---- remove --------------------------------------------------------------------------------------------------

    /**
     * Returns the new subtree (or {@link ArrayLayout#NULL_NODE_INDEX} when {@code node} was the removed leaf); sets
     * {@link #removed}, and {@link #newKeyOffset}/{@link #newKeyLength} when the smallest key of the subtree
     * changed (IAVL's {@code newKey}).
     */
    private int removeRecursive(final int node, final byte[] key) {
        final ArrayNodes nodes = this.nodes;
        if (nodes.isLeaf(node)) {
            if (ArrayKeys.compare(nodes, key, keyPrefix, node) == 0) {
                removed = true;
                discardNode(node);
                return NULL_NODE_INDEX;
            }
            return node;
        }
        if (ArrayKeys.compare(nodes, key, keyPrefix, node) < 0) {
            final int newLeft = removeRecursive(nodes.left(node), key);
            if (!removed) {
                return node;
            }
            if (newLeft == NULL_NODE_INDEX) {
                // the left leaf went: the right sibling moves up unchanged (keeping its version), and this node's
                // key (smallest key on the right) becomes the smallest key of the subtree
                final int promoted = nodes.right(node);
                newKeyOffset = nodes.keyOffset(node);
                newKeyLength = nodes.keyLength(node);
                newKeyPrefix = nodes.keyPrefix(node);
                discardNode(node);
                return promoted;
            }
            final int inner = ownedCopy(node);
            nodes.setLeft(inner, newLeft);
            nodes.updateHeightAndSize(inner);
            return rebalance(inner);
        }
        final int newRight = removeRecursive(nodes.right(node), key);
        if (!removed) {
            return node;
        }
        if (newRight == NULL_NODE_INDEX) {
            final int promoted = nodes.left(node);
            discardNode(node);
            newKeyOffset = NULL_NODE_INDEX;
            return promoted;
        }
        final int inner = ownedCopy(node);
        nodes.setRight(inner, newRight);
        if (newKeyOffset != NULL_NODE_INDEX) {
            nodes.setKeyRange(inner, newKeyOffset, newKeyLength, newKeyPrefix);
            newKeyOffset = NULL_NODE_INDEX;
        }
        nodes.updateHeightAndSize(inner);
        return rebalance(inner);
    }

    // ---- balance -------------------------------------------------------------------------------------------------

    private int rebalance(final int node) {
        final ArrayNodes nodes = this.nodes;
        final int balance = nodes.balance(node);
        if (balance > 1) {
            final int left = nodes.left(node);
            if (nodes.balance(left) >= 0) {
                return rotateRight(node);
            }
            nodes.setLeft(node, rotateLeft(left));
            return rotateRight(node);
        }
        if (balance < -1) {
            final int right = nodes.right(node);
            if (nodes.balance(right) <= 0) {
                return rotateLeft(node);
            }
            nodes.setRight(node, rotateRight(right));
            return rotateLeft(node);
        }
        return node;
    }

    /** Both nodes of a rotation get this state's version (IAVL clones both). Keys do not change. */
    private int rotateRight(final int node) {
        final ArrayNodes nodes = this.nodes;
        final int top = ownedCopy(node);
        final int newTop = ownedCopy(nodes.left(top));
        nodes.setLeft(top, nodes.right(newTop));
        nodes.setRight(newTop, top);
        nodes.updateHeightAndSize(top);
        nodes.updateHeightAndSize(newTop);
        return newTop;
    }

    private int rotateLeft(final int node) {
        final ArrayNodes nodes = this.nodes;
        final int top = ownedCopy(node);
        final int newTop = ownedCopy(nodes.right(top));
        nodes.setRight(top, nodes.left(newTop));
        nodes.setLeft(newTop, top);
        nodes.updateHeightAndSize(top);
        nodes.updateHeightAndSize(newTop);
        return newTop;
    }

    // ---- copy-on-write -------------------------------------------------------------------------------------------

    /** {@code node} itself when this state created it (its hash marked stale), else a copy stamped with our version. */
    private int ownedCopy(final int node) {
        if (nodes.version(node) == version) {
            nodes.invalidateHash(node);
            return node;
        }
        final int copy = nodes.copyInner(node, version);
        if (orphans != null) {
            orphans.add(node);
        }
        return copy;
    }

    /** {@code node} leaves this state: freed when unsaved, an orphan of the saved versions otherwise. */
    private void discardNode(final int node) {
        if (nodes.version(node) == version) {
            nodes.free(node);
        } else if (orphans != null) {
            orphans.add(node);
        }
    }

    /** The tree is open (one check shared with the tree) and this state was not discarded or retired. */
    private void ensureValid() {
        guard.ensureOpen();
        if (invalidReason != null) {
            throw new IllegalStateException(description + " is no longer usable: " + invalidReason);
        }
    }
}
