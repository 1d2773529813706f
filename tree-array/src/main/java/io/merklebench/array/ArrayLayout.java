package io.merklebench.array;

import io.merklebench.core.NodeHashing;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Byte layout of the nodes of the {@code array} engine. A node is named by its {@code nodeIndex}; it owns a 32-byte
 * record in a record page and a 32-byte hash in the parallel hash page (page = index >>> PAGE_SHIFT, slot =
 * index & PAGE_MASK in both). Record fields are little-endian.
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1   (byte)
 *  +---------------+-------+-------+-------+-------+-------+---+-+-+
 *  |  version (8)  |keyOff |left   |right  |size   |prefix |kLn|h|f|
 *  +---------------+-------+-------+-------+-------+-------+---+-+-+
 *   keyOff = keyOffset (4), prefix = keyPrefix (4), kLn = keyLength (2), h = height (1), f = flags (1)
 * </pre>
 *
 * <ul>
 *   <li>{@code keyOffset}/{@code keyLength}: the key's bytes in the arena. A leaf's value follows its key in the arena
 *       ({@code valueOffset = keyOffset + keyLength}); an inner node's key range is a copy of the range of the
 *       leftmost leaf of its right subtree, so inner nodes own no arena bytes. {@code keyLength} is unsigned 16-bit:
 *       keys are at most {@link #MAX_KEY_LENGTH} bytes (the conformance kit uses at most 64).</li>
 *   <li>{@code keyPrefix}: the key's first {@link #KEY_PREFIX_LENGTH} bytes as a big-endian int, zero-padded when
 *       the key is shorter. Comparing two padded prefixes as unsigned ints gives the order of the keys whenever
 *       they differ (a zero pad only differs from a real byte that is non-zero, and then the shorter key is a
 *       prefix of the longer one, so it sorts first); equal prefixes say nothing and the arena decides. A lookup
 *       thus reads the arena only at the leaf and where prefixes tie: one cache line per level instead of two.</li>
 *   <li>{@code left}: an inner node's left child index; for a leaf, the value length (leaves have no children).
 *       For a free record, the next free record ({@link #NULL_NODE_INDEX} ends the free list).</li>
 *   <li>{@code right}: an inner node's right child index; {@link #NULL_NODE_INDEX} for a leaf.</li>
 *   <li>{@code size}: number of leaves below (1 for a leaf). IAVL's size is an int64; node indices are ints, so a
 *       tree never holds more than 2^31 leaves here.</li>
 * </ul>
 * Record (32) + hash (32) = 64 bytes is the whole per-node overhead: there is no Java object, header or pointer per
 * node. Hashes live apart because lookups never read them: two records share a cache line and the records of a
 * 1M-key tree take 64 MB instead of 128 MB. Hashing still reads and writes {@code (page, offset)} pairs and
 * allocates nothing.
 */
final class ArrayLayout {
    /** Sentinel for "no node" (an absent child, the end of the free list, an empty tree's root). */
    static final int NULL_NODE_INDEX = -1;

    static final int SIZE_OF_BYTE = 1;
    static final int SIZE_OF_SHORT = 2;
    static final int SIZE_OF_INT = 4;
    static final int SIZE_OF_LONG = 8;

    /** Little-endian views of record pages: {@code INT.get(page, nodeOffset + LEFT_OFFSET)}. */
    static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    static final int VERSION_OFFSET = 0;
    static final int KEY_OFFSET_OFFSET = VERSION_OFFSET + SIZE_OF_LONG;
    /** Inner: left child index. Leaf: value length. Free record: next free index. */
    static final int LEFT_OFFSET = KEY_OFFSET_OFFSET + SIZE_OF_INT;
    static final int RIGHT_OFFSET = LEFT_OFFSET + SIZE_OF_INT;
    static final int SIZE_OFFSET = RIGHT_OFFSET + SIZE_OF_INT;
    static final int KEY_PREFIX_OFFSET = SIZE_OFFSET + SIZE_OF_INT;
    static final int KEY_LENGTH_OFFSET = KEY_PREFIX_OFFSET + SIZE_OF_INT;
    static final int HEIGHT_OFFSET = KEY_LENGTH_OFFSET + SIZE_OF_SHORT;
    static final int FLAGS_OFFSET = HEIGHT_OFFSET + SIZE_OF_BYTE;
    /** Bytes of one node record; a power of two so a record never straddles a page or a 64-byte cache line. */
    static final int NODE_LENGTH = 32;
    static final int NODE_SHIFT = 5;

    /** Key bytes copied into the record's {@code keyPrefix}. */
    static final int KEY_PREFIX_LENGTH = SIZE_OF_INT;
    /** Longest key the 16-bit {@code keyLength} holds. */
    static final int MAX_KEY_LENGTH = 0xFFFF;

    /** Bytes of one node's hash in its hash page. */
    static final int HASH_LENGTH = NodeHashing.HASH_LENGTH;
    static final int HASH_SHIFT = 5;

    /** The hash of this node is up to date. */
    static final byte FLAG_HASH_VALID = 1;
    /** The record is on the free list. */
    static final byte FLAG_FREE = 2;

    /**
     * 2^14 nodes per page: 512 KiB record pages and 512 KiB hash pages, so growing never copies nodes and wastes at
     * most 1 MiB.
     */
    static final int PAGE_SHIFT = 14;
    static final int PAGE_NODES = 1 << PAGE_SHIFT;
    static final int PAGE_MASK = PAGE_NODES - 1;
    static final int PAGE_LENGTH = PAGE_NODES * NODE_LENGTH;
    static final int HASH_PAGE_LENGTH = PAGE_NODES * HASH_LENGTH;
    /** Record and hash bytes of one node: the per-node overhead, key and value bytes excluded. */
    static final int BYTES_PER_NODE = NODE_LENGTH + HASH_LENGTH;

    static {
        if (FLAGS_OFFSET + SIZE_OF_BYTE != NODE_LENGTH || 1 << NODE_SHIFT != NODE_LENGTH || 1 << HASH_SHIFT != HASH_LENGTH) {
            throw new AssertionError("node layout does not add up to NODE_LENGTH=" + NODE_LENGTH);
        }
    }

    private ArrayLayout() {
    }

    static int pageIndex(final int nodeIndex) {
        return nodeIndex >>> PAGE_SHIFT;
    }

    /** Byte offset of the record of {@code nodeIndex} inside its record page. */
    static int nodeOffset(final int nodeIndex) {
        return (nodeIndex & PAGE_MASK) << NODE_SHIFT;
    }

    /** Byte offset of the hash of {@code nodeIndex} inside its hash page. */
    static int hashOffset(final int nodeIndex) {
        return (nodeIndex & PAGE_MASK) << HASH_SHIFT;
    }

    /** The {@code keyPrefix} of the {@code length} key bytes at {@code offset}: see the class comment. */
    static int keyPrefix(final byte[] bytes, final int offset, final int length) {
        int prefix = 0;
        for (int i = 0; i < KEY_PREFIX_LENGTH; i++) {
            prefix = (prefix << 8) | (i < length ? bytes[offset + i] & 0xFF : 0);
        }
        return prefix;
    }
}
