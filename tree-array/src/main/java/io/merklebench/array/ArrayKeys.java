package io.merklebench.array;

import java.util.Arrays;

import static io.merklebench.array.ArrayLayout.HEIGHT_OFFSET;
import static io.merklebench.array.ArrayLayout.INT;
import static io.merklebench.array.ArrayLayout.KEY_LENGTH_OFFSET;
import static io.merklebench.array.ArrayLayout.KEY_OFFSET_OFFSET;
import static io.merklebench.array.ArrayLayout.KEY_PREFIX_LENGTH;
import static io.merklebench.array.ArrayLayout.KEY_PREFIX_OFFSET;
import static io.merklebench.array.ArrayLayout.LEFT_OFFSET;
import static io.merklebench.array.ArrayLayout.NODE_SHIFT;
import static io.merklebench.array.ArrayLayout.NULL_NODE_INDEX;
import static io.merklebench.array.ArrayLayout.PAGE_MASK;
import static io.merklebench.array.ArrayLayout.PAGE_SHIFT;
import static io.merklebench.array.ArrayLayout.RIGHT_OFFSET;
import static io.merklebench.array.ArrayLayout.SHORT;
import static io.merklebench.array.ArrayLayout.nodeOffset;
import static io.merklebench.array.ArrayLayout.pageIndex;

/**
 * Key order and lookups over {@link ArrayNodes}: a search key against a node's key, unsigned lexicographic, by the
 * records' 4-byte key prefix first and the arena bytes only on a tie (see {@link ArrayLayout}), and
 * {@link #findLeaf}, the lookup every {@code get} runs. Static and allocation-free: the methods read the records
 * and the arena of the {@link ArrayNodes} they are given, and keys passed in are read, never kept.
 */
final class ArrayKeys {
    private ArrayKeys() {
    }

    /** The {@code keyPrefix} of a search key, for {@link #compare(ArrayNodes, byte[], int, int)}. */
    static int searchPrefix(final byte[] key) {
        return ArrayLayout.keyPrefix(key, 0, key.length);
    }

    /** Compares {@code key} with the key of {@code nodeIndex}, unsigned lexicographic. */
    static int compare(final ArrayNodes nodes, final byte[] key, final int nodeIndex) {
        return compare(nodes, key, searchPrefix(key), nodeIndex);
    }

    /**
     * Compares {@code key} (whose prefix is {@code keyPrefix}, from {@link #searchPrefix}) with the key of
     * {@code nodeIndex}, unsigned lexicographic. Reads the arena only when the prefixes are equal.
     */
    static int compare(final ArrayNodes nodes, final byte[] key, final int keyPrefix, final int nodeIndex) {
        final byte[] page = nodes.recordPages()[pageIndex(nodeIndex)];
        final int offset = nodeOffset(nodeIndex);
        final int nodePrefix = (int)INT.get(page, offset + KEY_PREFIX_OFFSET);
        if (nodePrefix != keyPrefix) {
            return Integer.compareUnsigned(keyPrefix, nodePrefix);
        }
        return compareTail(key, nodes.arenaBytes(), (int)INT.get(page, offset + KEY_OFFSET_OFFSET),
            (short)SHORT.get(page, offset + KEY_LENGTH_OFFSET) & 0xFFFF);
    }

    /**
     * The leaf holding {@code key} under {@code rootIndex}, or {@link ArrayLayout#NULL_NODE_INDEX}. Allocation-free.
     * Reads one record per level; the arena only where the key prefixes tie (at most the levels whose key is the
     * searched key, and the leaf of a hit).
     */
    static int findLeaf(final ArrayNodes nodes, final int rootIndex, final byte[] key) {
        if (rootIndex == NULL_NODE_INDEX) {
            return NULL_NODE_INDEX;
        }
        final byte[][] pages = nodes.recordPages();
        final byte[] arenaBytes = nodes.arenaBytes();
        final int prefix = searchPrefix(key);
        int nodeIndex = rootIndex;
        while (true) {
            final byte[] page = pages[nodeIndex >>> PAGE_SHIFT];
            final int offset = (nodeIndex & PAGE_MASK) << NODE_SHIFT;
            final int nodePrefix = (int)INT.get(page, offset + KEY_PREFIX_OFFSET);
            final int comparison = nodePrefix != prefix
                ? Integer.compareUnsigned(prefix, nodePrefix)
                : compareTail(key, arenaBytes, (int)INT.get(page, offset + KEY_OFFSET_OFFSET),
                    (short)SHORT.get(page, offset + KEY_LENGTH_OFFSET) & 0xFFFF);
            if (page[offset + HEIGHT_OFFSET] == 0) {
                return comparison == 0 ? nodeIndex : NULL_NODE_INDEX;
            }
            nodeIndex = (int)INT.get(page, offset + (comparison < 0 ? LEFT_OFFSET : RIGHT_OFFSET));
        }
    }

    /**
     * Compares {@code key} with the arena key at {@code nodeKeyOffset} when their prefixes are equal: the bytes
     * both keys really have inside the prefix are then equal, so the comparison starts after them.
     */
    private static int compareTail(final byte[] key, final byte[] arenaBytes, final int nodeKeyOffset,
                                   final int nodeKeyLength) {
        final int keyLength = key.length;
        final int skip = Math.min(KEY_PREFIX_LENGTH, Math.min(keyLength, nodeKeyLength));
        return Arrays.compareUnsigned(key, skip, keyLength,
            arenaBytes, nodeKeyOffset + skip, nodeKeyOffset + nodeKeyLength);
    }
}
