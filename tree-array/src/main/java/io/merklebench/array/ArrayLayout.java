package io.merklebench.array;

import io.merklebench.core.NodeHashing;

/**
 * Byte layout of one node record in the {@code array} engine. Every node, leaf or inner, is one 64-byte record in
 * a page of {@link #PAGE_NODES} records; a node is named by its {@code nodeIndex} (page = index >>> PAGE_SHIFT,
 * record = index & PAGE_MASK). Multi-byte fields are little-endian.
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1   (byte)
 *  +---------------------------------------------------------------+
 *  |                  hash (32 bytes, valid when HASH_VALID)       |  0
 *  +-------------------------------+-------------------------------+
 *  |            version (8)        | keyOffset (4) | keyLength (4) | 32
 *  +---------------+---------------+---------------+-+-+-----------+
 *  | left (4)      | right (4)     | size (4)      |h|f| reserved  | 48
 *  +---------------+---------------+---------------+-+-+-----------+
 *   h = height (1 byte), f = flags (1 byte)
 * </pre>
 *
 * <ul>
 *   <li>{@code keyOffset}/{@code keyLength}: the key's bytes in the arena. A leaf's value follows its key in the arena
 *       ({@code valueOffset = keyOffset + keyLength}); an inner node's key range is a copy of the range of the
 *       leftmost leaf of its right subtree, so inner nodes own no arena bytes.</li>
 *   <li>{@code left}: an inner node's left child index; for a leaf, the value length (leaves have no children).
 *       For a free record, the next free record ({@link #NULL_NODE_INDEX} ends the free list).</li>
 *   <li>{@code right}: an inner node's right child index; {@link #NULL_NODE_INDEX} for a leaf.</li>
 *   <li>{@code size}: number of leaves below (1 for a leaf). IAVL's size is an int64; node indices are ints, so a
 *       tree never holds more than 2^31 leaves here.</li>
 * </ul>
 * 64 bytes per node is the whole per-node overhead: there is no Java object, header or pointer per node. The hash
 * is in the record so hashing reads and writes {@code (page, offset)} pairs and allocates nothing.
 */
final class ArrayLayout {
    /** Sentinel for "no node" (an absent child, the end of the free list, an empty tree's root). */
    static final int NULL_NODE_INDEX = -1;

    static final int SIZE_OF_BYTE = 1;
    static final int SIZE_OF_INT = 4;
    static final int SIZE_OF_LONG = 8;

    static final int HASH_OFFSET = 0;
    static final int VERSION_OFFSET = HASH_OFFSET + NodeHashing.HASH_LENGTH;
    static final int KEY_OFFSET_OFFSET = VERSION_OFFSET + SIZE_OF_LONG;
    static final int KEY_LENGTH_OFFSET = KEY_OFFSET_OFFSET + SIZE_OF_INT;
    /** Inner: left child index. Leaf: value length. Free record: next free index. */
    static final int LEFT_OFFSET = KEY_LENGTH_OFFSET + SIZE_OF_INT;
    static final int RIGHT_OFFSET = LEFT_OFFSET + SIZE_OF_INT;
    static final int SIZE_OFFSET = RIGHT_OFFSET + SIZE_OF_INT;
    static final int HEIGHT_OFFSET = SIZE_OFFSET + SIZE_OF_INT;
    static final int FLAGS_OFFSET = HEIGHT_OFFSET + SIZE_OF_BYTE;
    static final int RESERVED_OFFSET = FLAGS_OFFSET + SIZE_OF_BYTE;
    /** Bytes of one node record; a power of two so a record never straddles two pages. */
    static final int NODE_LENGTH = 64;
    static final int NODE_SHIFT = 6;

    /** The hash bytes of this record are up to date. */
    static final byte FLAG_HASH_VALID = 1;
    /** The record is on the free list. */
    static final byte FLAG_FREE = 2;

    /** 2^16 records of 64 bytes: 4 MiB pages, so growing never copies existing records. */
    static final int PAGE_SHIFT = 16;
    static final int PAGE_NODES = 1 << PAGE_SHIFT;
    static final int PAGE_MASK = PAGE_NODES - 1;
    static final int PAGE_LENGTH = PAGE_NODES * NODE_LENGTH;

    static {
        if (RESERVED_OFFSET + 2 != NODE_LENGTH || 1 << NODE_SHIFT != NODE_LENGTH) {
            throw new AssertionError("node layout does not add up to NODE_LENGTH=" + NODE_LENGTH);
        }
    }

    private ArrayLayout() {
    }

    static int pageIndex(final int nodeIndex) {
        return nodeIndex >>> PAGE_SHIFT;
    }

    /** Byte offset of the record of {@code nodeIndex} inside its page. */
    static int nodeOffset(final int nodeIndex) {
        return (nodeIndex & PAGE_MASK) << NODE_SHIFT;
    }
}
