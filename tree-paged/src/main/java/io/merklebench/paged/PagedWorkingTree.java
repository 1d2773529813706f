package io.merklebench.paged;

import io.merklebench.core.Bytes;
import io.merklebench.core.NodeHashing;
import io.merklebench.core.store.EntryVisitor;
import io.merklebench.core.tree.NodeView;
import io.merklebench.core.tree.TreeGuard;
import io.merklebench.core.tree.WorkingTree;

import static io.merklebench.core.NodeHashing.HASH_LENGTH;

/**
 * A mutable IAVL state over saved pages: the working tree of a {@link PagedTree}, or a scratch copy of its last
 * version. Changed nodes are {@link PagedNode} objects in the heap; unchanged ones stay in their pages and are decoded
 * when a path passes through them. Version stamping follows IAVL v1: every inner node on a set path gets the new
 * version (also for a pure value update), both nodes of a rotation get it, and on remove the promoted sibling keeps
 * its old one.
 *
 * <p>Not thread-safe. Keeps references to the key and value arrays passed to {@link #set}; arrays returned belong to
 * the caller.
 */
public final class PagedWorkingTree implements WorkingTree {
    private final PageReader reader;
    private final NodeHashing hashing = new NodeHashing();
    /** The owning tree's open check. */
    private final TreeGuard guard;
    private PagedNode root;
    private long version;

    /** Results of the current remove, kept in fields so the recursion returns one node. */
    private boolean removed;
    private byte[] replacementKey;
    private boolean updated;

    PagedWorkingTree(final PageReader reader, final PagedNode root, final long version, final TreeGuard guard) {
        this.reader = reader;
        this.root = root;
        this.version = version;
        this.guard = guard;
    }

    /** Starts again from a saved root (after save or rollback); {@code version} is the one the next save makes. */
    void reset(final PagedNode savedRoot, final long nextVersion) {
        this.root = savedRoot;
        this.version = nextVersion;
    }

    PagedNode rootNode() {
        return root;
    }

    @Override
    public long version() {
        guard.ensureOpen();
        return version;
    }

    @Override
    public byte[] get(final byte[] key) {
        guard.ensureOpen();
        TreeGuard.requireKey(key);
        PagedNode node = root;
        while (node != null) {
            if (node.isPersisted()) {
                return reader.get(node.pageIndex, node.slotIndex, key);
            }
            if (node.isLeaf()) {
                return Bytes.compare(key, node.key) == 0 ? node.value.clone() : null;
            }
            node = Bytes.compare(key, node.key) < 0 ? node.left : node.right;
        }
        return null;
    }

    @Override
    public long size() {
        guard.ensureOpen();
        return root == null ? 0 : root.size;
    }

    @Override
    public byte[] rootHash() {
        guard.ensureOpen();
        if (root == null) {
            return NodeHashing.emptyTreeHash();
        }
        return hash(root).clone();
    }

    @Override
    public void iterate(final byte[] fromInclusive, final byte[] toExclusive, final EntryVisitor visitor) {
        guard.ensureOpen();
        PagedIterator.iterate(reader, root, fromInclusive, toExclusive, visitor);
    }

    @Override
    public NodeView root() {
        guard.ensureOpen();
        if (root == null) {
            return null;
        }
        hash(root);
        return new PagedNodeView(reader, root);
    }

    @Override
    public boolean set(final byte[] key, final byte[] value) {
        guard.ensureOpen();
        TreeGuard.requireKey(key);
        Bytes.requireValue(value);
        if (root == null) {
            root = PagedNode.newLeaf(key, value, version);
            return false;
        }
        updated = false;
        root = set(root, key, value);
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
        final PagedNode newRoot = remove(root, key);
        if (!removed) {
            return false;
        }
        root = newRoot;
        replacementKey = null;
        return true;
    }

    /** Hashes dirty nodes below {@code node} (post-order) and returns its hash. */
    byte[] hash(final PagedNode node) {
        if (node.hash != null) {
            return node.hash;
        }
        final byte[] hash = new byte[HASH_LENGTH];
        if (node.isLeaf()) {
            hashing.leafHashInto(node.version, node.key, 0, node.key.length, node.value, 0, node.value.length, hash, 0);
        } else {
            final byte[] leftHash = hash(node.left);
            final byte[] rightHash = hash(node.right);
            hashing.innerHashInto(node.height, node.size, node.version, leftHash, 0, rightHash, 0, hash, 0);
        }
        node.hash = hash;
        return hash;
    }

    private PagedNode set(final PagedNode node, final byte[] key, final byte[] value) {
        if (node.isLeaf()) {
            final int comparison = Bytes.compare(key, node.key);
            if (comparison < 0) {
                return PagedNode.newInner(node.key, PagedNode.newLeaf(key, value, version), node, version);
            }
            if (comparison > 0) {
                return PagedNode.newInner(key, node, PagedNode.newLeaf(key, value, version), version);
            }
            updated = true;
            return PagedNode.newLeaf(key, value, version);
        }
        final PagedNode copy = mutable(node);
        if (Bytes.compare(key, copy.key) < 0) {
            copy.left = set(copy.left, key, value);
        } else {
            copy.right = set(copy.right, key, value);
        }
        if (updated) {
            return copy;
        }
        copy.updateHeightAndSize();
        return balance(copy);
    }

    private PagedNode remove(final PagedNode node, final byte[] key) {
        if (node.isLeaf()) {
            if (Bytes.compare(key, node.key) == 0) {
                removed = true;
                return null;
            }
            return node;
        }
        if (Bytes.compare(key, node.key) < 0) {
            final PagedNode newLeft = remove(reader.left(node), key);
            if (!removed) {
                return node;
            }
            if (newLeft == null) {
                replacementKey = node.key;
                return reader.right(node);
            }
            final PagedNode copy = mutable(node);
            copy.left = newLeft;
            copy.updateHeightAndSize();
            return balance(copy);
        }
        final PagedNode newRight = remove(reader.right(node), key);
        if (!removed) {
            return node;
        }
        if (newRight == null) {
            replacementKey = null;
            return reader.left(node);
        }
        final PagedNode copy = mutable(node);
        copy.right = newRight;
        if (replacementKey != null) {
            copy.key = replacementKey;
            replacementKey = null;
        }
        copy.updateHeightAndSize();
        return balance(copy);
    }

    /** The node itself when dirty (restamped), else a dirty copy of the persisted inner node. */
    private PagedNode mutable(final PagedNode node) {
        if (!node.isPersisted()) {
            node.version = version;
            node.hash = null;
            return node;
        }
        return PagedNode.dirtyInnerCopy(node, reader.left(node), reader.right(node), version);
    }

    private PagedNode balance(final PagedNode node) {
        final int balance = node.left.height - node.right.height;
        if (balance > 1) {
            if (balanceOf(node.left) >= 0) {
                return rotateRight(node);
            }
            node.left = rotateLeft(node.left);
            return rotateRight(node);
        }
        if (balance < -1) {
            if (balanceOf(node.right) <= 0) {
                return rotateLeft(node);
            }
            node.right = rotateRight(node.right);
            return rotateLeft(node);
        }
        return node;
    }

    private int balanceOf(final PagedNode node) {
        if (node.isLeaf()) {
            return 0;
        }
        return reader.left(node).height - reader.right(node).height;
    }

    private PagedNode rotateRight(final PagedNode node) {
        final PagedNode dirtyNode = mutable(node);
        final PagedNode newTop = mutable(dirtyNode.left);
        dirtyNode.left = newTop.right;
        newTop.right = dirtyNode;
        dirtyNode.updateHeightAndSize();
        newTop.updateHeightAndSize();
        return newTop;
    }

    private PagedNode rotateLeft(final PagedNode node) {
        final PagedNode dirtyNode = mutable(node);
        final PagedNode newTop = mutable(dirtyNode.right);
        dirtyNode.right = newTop.left;
        newTop.left = dirtyNode;
        dirtyNode.updateHeightAndSize();
        newTop.updateHeightAndSize();
        return newTop;
    }
}
