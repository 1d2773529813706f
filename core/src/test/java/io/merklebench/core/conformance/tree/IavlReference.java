package io.merklebench.core.conformance.tree;

import io.merklebench.core.tree.TreeReader;
import io.merklebench.core.tree.WorkingTree;

import java.util.Arrays;
import java.util.TreeMap;

/**
 * A deliberately simple, slow model of an IAVL v1 tree and its saved versions, the oracle the randomized tests
 * compare every engine's root hashes with. Written from cosmos/iavl's documented rules, not from an engine here:
 * recursive, every node immutable ({@link ReferenceNode}), hashed with its own SHA-256 encoding (no
 * {@code NodeHashing}), keys ordered by {@link Arrays#compareUnsigned} (no {@code Bytes}).
 *
 * <p>The rules, and where cosmos/iavl documents them ({@code docs/tree/mutable_tree.md}, {@code docs/node/node.md},
 * code in {@code mutable_tree.go} and {@code node.go}):
 * <ul>
 *   <li><b>Version stamping.</b> Every node made while changing the working tree carries the working version: the
 *       last saved version + 1, or {@code initialVersion} before the first save ({@code WorkingVersion()}). Nodes
 *       the change does not rebuild keep the version they were made in; saving does not restamp anything.</li>
 *   <li><b>Set.</b> Go left when {@code key < node.key}, else right ({@code recursiveSet}). At a leaf with the same
 *       key: a new leaf (an update; nothing above is rebalanced). At another leaf: a new inner node of height 1 whose
 *       children are the new leaf and the <em>original</em> leaf (kept with its old version), ordered by key, and
 *       whose key is the right child's key. Every inner node on the path is rebuilt, then rebalanced.</li>
 *   <li><b>Remove</b> ({@code recursiveRemove}). Removing an absent key changes nothing. When a leaf goes, its parent
 *       is replaced by the other child, unchanged and keeping its version; every other inner node on the path is
 *       rebuilt and rebalanced. A node reached by going right takes a new key when the leftmost leaf of its right
 *       subtree was removed (the new leftmost key travels up from where the parent vanished).</li>
 *   <li><b>Balance</b> ({@code balance}, "Balance" in mutable_tree.md). When the child heights differ by 2: left
 *       heavy with the left child's balance {@code >= 0} rotates right, otherwise rotates the left child left first;
 *       mirrored for right heavy ({@code <= 0} rotates left). A rotation rebuilds both the rotated node and the child
 *       it lifts ({@code rotateRight}/{@code rotateLeft} clone both), so both take the working version; the
 *       subtrees moved across keep theirs.</li>
 *   <li><b>Hashing.</b> See {@link ReferenceNode}; an empty tree hashes to SHA-256 of nothing.</li>
 *   <li><b>Saving.</b> {@link #save()} records the working root as version {@link #version()} (saving without
 *       changes keeps the root and its hash) and returns its hash; {@link #rollback()} drops unsaved changes.</li>
 * </ul>
 * Not thread-safe. Keeps the key and value arrays it is given; callers never modify them.
 */
public final class IavlReference extends ReferenceReader implements WorkingTree {
    private final TreeMap<Long, ReferenceNode> savedRoots = new TreeMap<>();
    private long lastSavedVersion;
    /** The root of {@link #lastSavedVersion}, where {@link #rollback()} goes; {@code null} when empty or none. */
    private ReferenceNode lastSavedRoot;
    /** {@code null} when the working tree is empty. */
    private ReferenceNode root;

    /** An empty tree whose first save is version {@code initialVersion} (IAVL's {@code InitialVersion}, at least 1). */
    public IavlReference(final long initialVersion) {
        if (initialVersion < 1) {
            throw new IllegalArgumentException("initialVersion must be at least 1: initialVersion=" + initialVersion);
        }
        this.lastSavedVersion = initialVersion - 1;
    }

    /** A working copy based on {@code baseVersion} with {@code baseRoot}; it has no saved versions of its own. */
    private IavlReference(final long baseVersion, final ReferenceNode baseRoot) {
        this.lastSavedVersion = baseVersion;
        this.lastSavedRoot = baseRoot;
        this.root = baseRoot;
    }

    /** The version the working tree will be saved as: what new nodes are stamped with. */
    @Override
    public long version() {
        return lastSavedVersion + 1;
    }

    /** {@code initialVersion - 1} until the first save. */
    public long lastSavedVersion() {
        return lastSavedVersion;
    }

    /** Saves the working tree as {@link #version()} and returns its root hash. */
    public byte[] save() {
        lastSavedVersion = version();
        lastSavedRoot = root;
        savedRoots.put(lastSavedVersion, root);
        return rootHash();
    }

    /** Back to the last saved version (or the empty tree before the first save). */
    public void rollback() {
        root = lastSavedRoot;
    }

    /** A saved version, read-only; every saved version stays readable. */
    public TreeReader view(final long version) {
        if (!savedRoots.containsKey(version)) {
            throw new IllegalArgumentException("the reference never saved version=" + version + "; saved: "
                + savedRoots.keySet());
        }
        final ReferenceNode savedRoot = savedRoots.get(version);
        return new ReferenceReader() {
            @Override
            public long version() {
                return version;
            }

            @Override
            ReferenceNode rootNode() {
                return savedRoot;
            }
        };
    }

    /**
     * A mutable copy of the last saved version, or of the empty tree before the first save (an engine's
     * {@code workingCopy()}): its changes are stamped with the same working version and reach neither this tree nor
     * its saved versions. Saving it is allowed but means nothing to an engine (whose copies cannot be saved).
     */
    public IavlReference workingCopy() {
        return new IavlReference(lastSavedVersion, lastSavedRoot);
    }

    @Override
    public boolean set(final byte[] key, final byte[] value) {
        requireKey(key);
        if (value == null) {
            throw new IllegalArgumentException("value must not be null: key=" + Arrays.toString(key));
        }
        if (root == null) {
            root = ReferenceNode.leaf(key, value, version());
            return false;
        }
        final Insertion insertion = insert(root, key, value);
        root = insertion.node();
        return insertion.updated();
    }

    @Override
    public boolean remove(final byte[] key) {
        requireKey(key);
        if (root == null) {
            return false;
        }
        final Removal removal = remove(root, key);
        if (removal.removed()) {
            root = removal.node();
        }
        return removal.removed();
    }

    @Override
    ReferenceNode rootNode() {
        return root;
    }

    // ---- set

    private record Insertion(ReferenceNode node, boolean updated) {
    }

    private Insertion insert(final ReferenceNode node, final byte[] key, final byte[] value) {
        final long version = version();
        if (node.isLeaf()) {
            final int order = compare(key, node.keyBytes());
            final ReferenceNode newLeaf = ReferenceNode.leaf(key, value, version);
            if (order == 0) {
                return new Insertion(newLeaf, true);
            }
            // The original leaf is reused as it is, keeping its version.
            return new Insertion(order < 0
                ? ReferenceNode.inner(node.keyBytes(), newLeaf, node, version)
                : ReferenceNode.inner(key, node, newLeaf, version), false);
        }
        final ReferenceNode rebuilt;
        final boolean updated;
        if (compare(key, node.keyBytes()) < 0) {
            final Insertion below = insert(node.left(), key, value);
            rebuilt = ReferenceNode.inner(node.keyBytes(), below.node(), node.right(), version);
            updated = below.updated();
        } else {
            final Insertion below = insert(node.right(), key, value);
            rebuilt = ReferenceNode.inner(node.keyBytes(), node.left(), below.node(), version);
            updated = below.updated();
        }
        // An update changes no height, so IAVL returns without balancing.
        return new Insertion(updated ? rebuilt : balance(rebuilt), updated);
    }

    // ---- remove

    /**
     * @param node           what replaces the subtree ({@code null} when it was the removed leaf)
     * @param newLeftmostKey the subtree's new smallest key, when removing changed it and an ancestor must take it
     */
    private record Removal(ReferenceNode node, byte[] newLeftmostKey, boolean removed) {
        static final Removal NOT_FOUND = new Removal(null, null, false);
    }

    private Removal remove(final ReferenceNode node, final byte[] key) {
        if (node.isLeaf()) {
            return compare(key, node.keyBytes()) == 0 ? new Removal(null, null, true) : Removal.NOT_FOUND;
        }
        final long version = version();
        if (compare(key, node.keyBytes()) < 0) {
            final Removal below = remove(node.left(), key);
            if (!below.removed()) {
                return Removal.NOT_FOUND;
            }
            if (below.node() == null) {
                // The left leaf went: the right child takes this node's place, and its smallest key is this key.
                return new Removal(node.right(), node.keyBytes(), true);
            }
            return new Removal(balance(ReferenceNode.inner(node.keyBytes(), below.node(), node.right(), version)),
                below.newLeftmostKey(), true);
        }
        final Removal below = remove(node.right(), key);
        if (!below.removed()) {
            return Removal.NOT_FOUND;
        }
        if (below.node() == null) {
            return new Removal(node.left(), null, true);
        }
        final byte[] newKey = below.newLeftmostKey() != null ? below.newLeftmostKey() : node.keyBytes();
        return new Removal(balance(ReferenceNode.inner(newKey, node.left(), below.node(), version)), null, true);
    }

    // ---- balance

    private ReferenceNode balance(final ReferenceNode node) {
        final int balance = node.balance();
        if (balance > 1) {
            if (node.left().balance() >= 0) {
                return rotateRight(node);
            }
            return rotateRight(ReferenceNode.inner(node.keyBytes(), rotateLeft(node.left()), node.right(), version()));
        }
        if (balance < -1) {
            if (node.right().balance() <= 0) {
                return rotateLeft(node);
            }
            return rotateLeft(ReferenceNode.inner(node.keyBytes(), node.left(), rotateRight(node.right()), version()));
        }
        return node;
    }

    /** The left child becomes the top; {@code node} takes the child's right subtree as its new left. */
    private ReferenceNode rotateRight(final ReferenceNode node) {
        final ReferenceNode lifted = node.left();
        final ReferenceNode lowered = ReferenceNode.inner(node.keyBytes(), lifted.right(), node.right(), version());
        return ReferenceNode.inner(lifted.keyBytes(), lifted.left(), lowered, version());
    }

    /** The right child becomes the top; {@code node} takes the child's left subtree as its new right. */
    private ReferenceNode rotateLeft(final ReferenceNode node) {
        final ReferenceNode lifted = node.right();
        final ReferenceNode lowered = ReferenceNode.inner(node.keyBytes(), node.left(), lifted.left(), version());
        return ReferenceNode.inner(lifted.keyBytes(), lowered, lifted.right(), version());
    }
}
