package io.merklebench.heap;

import io.merklebench.core.store.StoreDamageException;
import io.merklebench.core.NodeHashing;

import java.nio.ByteBuffer;

/**
 * One IAVL node as a Java object (cosmos/iavl {@code node.go}), and its encoding as a store value.
 *
 * <p>A node is <em>saved</em> once it has a {@link #sequence} (its store key is its version and sequence, see
 * {@link HeapNodeStore}); a saved node is never changed again, so every saved version and every working copy can
 * share it. A node without a sequence is <em>unsaved</em>: it belongs to exactly one working tree, which may change
 * it in place until it is saved. Every inner node names its children by (version, sequence) once they are saved,
 * and may also hold them directly:
 * <ul>
 *   <li>an unsaved node holds its unsaved children (that is the only reference to them);</li>
 *   <li>a saved node in the {@link HeapNodeCache} remembers the children it has resolved, so walking the hot top of
 *       the tree costs a field read per level instead of a cache lookup;</li>
 *   <li>a saved node evicted from the cache drops those references ({@link #evicted()}) and remembers no new ones,
 *       so the heap holds at most the cached nodes plus one level of evicted children below them, whatever the
 *       tree's size, and evicted nodes are reloaded from the store by key (IAVL v1 keeps only keys).</li>
 * </ul>
 *
 * <p>Not thread-safe while unsaved; saved nodes may be read from any thread (the child references and the cached
 * flag are volatile, since readers fill them in). The key and value arrays are shared, never modified: callers copy
 * what they hand out.
 *
 * <p>An inner node holds its children's hashes (as IAVL's legacy node encoding does), and no node stores its own:
 * whoever refers to a node holds its hash (its parent, or the version's root entry), so a node read from the store
 * takes that hash, or is checked against it ({@link HeapNodeStore#load}): from a trusted root, damage anywhere below
 * is found on the way down. Against format 1 (every node its own hash, children by key only) a save writes 32 bytes
 * more per inner node and 32 fewer per leaf.
 *
 * <pre>
 * store value of a node (its version and sequence are in the store key), node format 2:
 *   height:1 | size:uvarint | keyLength:uvarint | key | leaf:  value (the rest of the bytes)
 *                                                    | inner: leftVersion:8 leftSequence:4 leftHash:32
 *                                                             rightVersion:8 rightSequence:4 rightHash:32
 * </pre>
 */
final class HeapNode {
    /** The sequence of a node not saved yet; saved nodes are numbered from 1 within their version. */
    static final int UNSAVED_SEQUENCE = 0;

    private static final int HEIGHT_LENGTH = 1;
    private static final int CHILD_REFERENCE_LENGTH = Long.BYTES + Integer.BYTES + NodeHashing.HASH_LENGTH;
    private static final int CHILDREN_LENGTH = 2 * CHILD_REFERENCE_LENGTH;

    /** A leaf's key, or an inner node's: the smallest key of its right subtree. */
    byte[] key;
    /** A leaf's value; {@code null} for an inner node. */
    byte[] value;
    int height;
    long size;
    /** The version this node was created in (also the version part of its store key once saved). */
    long version;
    /** The IAVL hash, or {@code null} while an unsaved node is dirty. Saved nodes always have one. */
    byte[] hash;
    /** Position of this node among the nodes saved in {@link #version}, from 1; {@link #UNSAVED_SEQUENCE} until saved. */
    int sequence = UNSAVED_SEQUENCE;

    /** Direct children, when in hand (see the class comment); otherwise resolved by key through the cache. */
    private volatile HeapNode leftNode;
    private volatile HeapNode rightNode;
    /** Whether this saved node is in the node cache, and so may remember its children. */
    private volatile boolean cached;
    private long leftVersion;
    private int leftSequence = UNSAVED_SEQUENCE;
    private long rightVersion;
    private int rightSequence = UNSAVED_SEQUENCE;
    /**
     * The saved children's hashes, known with their store keys: {@code null} while the child in hand is unsaved (its
     * own hash is the one that counts). Shared arrays, never modified.
     */
    private byte[] leftHash;
    private byte[] rightHash;

    private HeapNode() {
    }

    static HeapNode newLeaf(final byte[] key, final byte[] value, final long version) {
        final HeapNode leaf = new HeapNode();
        leaf.key = key;
        leaf.value = value;
        leaf.height = 0;
        leaf.size = 1;
        leaf.version = version;
        return leaf;
    }

    /** A new inner node over two nodes already in hand (height and size computed from them). */
    static HeapNode newInner(final byte[] key, final HeapNode left, final HeapNode right, final long version) {
        final HeapNode inner = new HeapNode();
        inner.key = key;
        inner.version = version;
        inner.leftNode = left;
        inner.rightNode = right;
        inner.height = Math.max(left.height, right.height) + 1;
        inner.size = left.size + right.size;
        return inner;
    }

    /** An unsaved copy stamped with {@code newVersion}, to be changed in place by a working tree. */
    HeapNode copyForVersion(final long newVersion) {
        final HeapNode copy = new HeapNode();
        copy.key = key;
        copy.value = value;
        copy.height = height;
        copy.size = size;
        copy.version = newVersion;
        copy.leftNode = leftNode;
        copy.rightNode = rightNode;
        copy.leftVersion = leftVersion;
        copy.leftSequence = leftSequence;
        copy.rightVersion = rightVersion;
        copy.rightSequence = rightSequence;
        copy.leftHash = leftHash;
        copy.rightHash = rightHash;
        return copy;
    }

    boolean isLeaf() {
        return height == 0;
    }

    boolean isSaved() {
        return sequence != UNSAVED_SEQUENCE;
    }

    HeapNode left(final HeapNodeStore store) {
        HeapNode child = leftNode;
        if (child != null && (!isSaved() || child.cached)) {
            return child;
        }
        child = store.load(leftVersion, leftSequence, leftHash);
        if (!isSaved() || cached) {
            leftNode = child;
        }
        return child;
    }

    HeapNode right(final HeapNodeStore store) {
        HeapNode child = rightNode;
        if (child != null && (!isSaved() || child.cached)) {
            return child;
        }
        child = store.load(rightVersion, rightSequence, rightHash);
        if (!isSaved() || cached) {
            rightNode = child;
        }
        return child;
    }

    /** The unsaved child in hand, or {@code null} when the left child is only known by its store key. */
    HeapNode leftInMemory() {
        return leftNode;
    }

    HeapNode rightInMemory() {
        return rightNode;
    }

    void setLeft(final HeapNode child) {
        leftNode = child;
        leftSequence = UNSAVED_SEQUENCE;
        leftHash = null;
    }

    void setRight(final HeapNode child) {
        rightNode = child;
        rightSequence = UNSAVED_SEQUENCE;
        rightHash = null;
    }

    /** Recomputes height and size from the children (AVL bookkeeping after a change below). */
    void updateHeightAndSize(final HeapNodeStore store) {
        final HeapNode left = left(store);
        final HeapNode right = right(store);
        height = Math.max(left.height, right.height) + 1;
        size = left.size + right.size;
    }

    /** Left height minus right height. */
    int balanceFactor(final HeapNodeStore store) {
        return left(store).height - right(store).height;
    }

    /**
     * The node's hash, computing it (and its dirty descendants') when missing. Only unsaved nodes can be dirty; a
     * saved child's hash is the one this node holds, so the child is not loaded for it. The returned array is shared:
     * do not modify.
     */
    byte[] hash(final NodeHashing hashing, final HeapNodeStore store) {
        if (hash == null) {
            if (isLeaf()) {
                hash = hashing.leafHash(version, key, value);
            } else {
                hash = hashing.innerHash(height, size, version, childHash(leftNode, leftHash, hashing, store),
                    childHash(rightNode, rightHash, hashing, store));
            }
        }
        return hash;
    }

    private static byte[] childHash(final HeapNode inHand, final byte[] savedHash, final NodeHashing hashing,
                                    final HeapNodeStore store) {
        return inHand != null ? inHand.hash(hashing, store) : savedHash;
    }

    /**
     * The hash this node's stored fields give (a leaf's version, key and value; an inner node's height, size,
     * version and children's hashes): equal to {@link #hash} unless the stored bytes are damaged. Saved nodes only.
     */
    byte[] recomputeHash(final NodeHashing hashing) {
        return isLeaf() ? hashing.leafHash(version, key, value)
            : hashing.innerHash(height, size, version, leftHash, rightHash);
    }

    /**
     * Takes the store keys of the in-hand children (which must be saved, or numbered for saving, already): called
     * while saving this node. A child known only by its key keeps it.
     */
    void linkSavedChildren() {
        if (leftNode != null) {
            leftVersion = leftNode.version;
            leftSequence = leftNode.sequence;
            leftHash = leftNode.hash;
        }
        if (rightNode != null) {
            rightVersion = rightNode.version;
            rightSequence = rightNode.sequence;
            rightHash = rightNode.hash;
        }
    }

    /** Called when the node cache takes this saved node: from now on it may remember its children. */
    void cachedNow() {
        cached = true;
    }

    /** Called when the node cache drops this node: it forgets its children so they can be collected. */
    void evicted() {
        cached = false;
        leftNode = null;
        rightNode = null;
    }

    byte[] encode() {
        final int keyLength = key.length;
        final int bodyLength = isLeaf() ? value.length : CHILDREN_LENGTH;
        final byte[] encoded = new byte[HEIGHT_LENGTH + uvarintLength(size) + uvarintLength(keyLength) + keyLength
            + bodyLength];
        int position = 0;
        encoded[position++] = (byte)height;
        position = NodeHashing.putUvarint(encoded, position, size);
        position = NodeHashing.putUvarint(encoded, position, keyLength);
        System.arraycopy(key, 0, encoded, position, keyLength);
        position += keyLength;
        if (isLeaf()) {
            System.arraycopy(value, 0, encoded, position, value.length);
        } else {
            ByteBuffer.wrap(encoded, position, CHILDREN_LENGTH)
                .putLong(leftVersion).putInt(leftSequence).put(leftHash)
                .putLong(rightVersion).putInt(rightSequence).put(rightHash);
        }
        return encoded;
    }

    /**
     * Decodes a saved node, without its hash: the caller sets {@link #hash} from the reference it followed, or from
     * {@link #recomputeHash} checked against it.
     *
     * @throws StoreDamageException when the bytes are not a node encoding, naming the node
     */
    static HeapNode decode(final long version, final int sequence, final byte[] encoded) {
        try {
            final HeapNode node = new HeapNode();
            node.version = version;
            node.sequence = sequence;
            int position = 0;
            node.height = encoded[position++];
            node.size = readUvarint(encoded, position);
            position += uvarintLength(node.size);
            final int keyLength = Math.toIntExact(readUvarint(encoded, position));
            position += uvarintLength(keyLength);
            node.key = new byte[keyLength];
            System.arraycopy(encoded, position, node.key, 0, keyLength);
            position += keyLength;
            if (node.height == 0) {
                node.value = new byte[encoded.length - position];
                System.arraycopy(encoded, position, node.value, 0, node.value.length);
            } else {
                final ByteBuffer children = ByteBuffer.wrap(encoded, position, CHILDREN_LENGTH);
                node.leftVersion = children.getLong();
                node.leftSequence = children.getInt();
                node.leftHash = new byte[NodeHashing.HASH_LENGTH];
                children.get(node.leftHash);
                node.rightVersion = children.getLong();
                node.rightSequence = children.getInt();
                node.rightHash = new byte[NodeHashing.HASH_LENGTH];
                children.get(node.rightHash);
                if (position + CHILDREN_LENGTH != encoded.length) {
                    throw new IllegalStateException("trailing bytes after the child references");
                }
            }
            if (node.height < 0 || node.size < 1) {
                throw new IllegalStateException("height=" + node.height + " size=" + node.size);
            }
            return node;
        } catch (final RuntimeException e) {
            throw new StoreDamageException("corrupt heap node: version=" + version + " sequence=" + sequence
                + " length=" + encoded.length + ": " + e.getMessage(), e);
        }
    }

    private static long readUvarint(final byte[] source, final int offset) {
        long result = 0;
        int shift = 0;
        int position = offset;
        while (true) {
            final byte b = source[position++];
            result |= (long)(b & 0x7F) << shift;
            if (b >= 0) {
                return result;
            }
            shift += 7;
            if (shift > 63) {
                throw new IllegalStateException("uvarint longer than 10 bytes at offset=" + offset);
            }
        }
    }

    private static int uvarintLength(final long value) {
        int length = 1;
        long remaining = value >>> 7;
        while (remaining != 0) {
            length++;
            remaining >>>= 7;
        }
        return length;
    }
}
