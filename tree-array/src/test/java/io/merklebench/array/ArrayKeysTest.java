package io.merklebench.array;

import io.merklebench.core.Bytes;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static io.merklebench.array.ArrayTestTrees.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;

class ArrayKeysTest {
    @Test
    void shouldFindLeavesAndMissAbsentKeysBetweenThem() {
        final ArrayNodes nodes = new ArrayNodes();
        final int a = nodes.newLeaf(1, bytes("a"), bytes("1"));
        final int b = nodes.newLeaf(1, bytes("b"), bytes("2"));
        final int c = nodes.newLeaf(1, bytes("c"), bytes("3"));
        final int top = nodes.newInner(1, c, nodes.newInner(1, b, a, b), c);
        assertEquals(c, ArrayKeys.findLeaf(nodes, top, bytes("c")));
        assertEquals(a, ArrayKeys.findLeaf(nodes, top, bytes("a")));
        assertEquals(ArrayLayout.NULL_NODE_INDEX, ArrayKeys.findLeaf(nodes, top, bytes("bb")));
        assertEquals(ArrayLayout.NULL_NODE_INDEX, ArrayKeys.findLeaf(nodes, ArrayLayout.NULL_NODE_INDEX, bytes("a")),
            "an empty tree has no leaf");
    }

    /**
     * Keys around the 4-byte prefix boundary: shorter than the prefix, zero bytes that look like the zero padding,
     * equal prefixes with different tails, high (negative as signed) bytes. Every pair must compare as
     * {@link Arrays#compareUnsigned} does, whether the prefix or the arena decides, and findLeaf must find each key.
     */
    @Test
    void shouldOrderKeysLikeUnsignedLexicographicAcrossThePrefix() {
        final byte[][] keys = {
            {0}, {0, 0}, {0, 0, 0, 0}, {0, 0, 0, 0, 0}, {0, 0, 0, 1}, {1}, {1, 0}, {1, 0, 0}, {1, 0, 0, 0},
            {1, 0, 0, 0, 0}, {1, 0, 0, 0, 1}, {1, 0, 0, 1}, {1, 2, 3}, {1, 2, 3, 4}, {1, 2, 3, 4, 5}, {1, 2, 3, 4, 6},
            {1, 2, 3, 5}, {1, 2, 4}, {(byte)0x7F}, {(byte)0x80}, {(byte)0x80, 0}, {(byte)0xFF},
            {(byte)0xFF, (byte)0xFF, (byte)0xFF, (byte)0xFF}, {(byte)0xFF, (byte)0xFF, (byte)0xFF, (byte)0xFF, 0},
        };
        final ArrayNodes nodes = new ArrayNodes();
        final int[] leaves = new int[keys.length];
        for (int i = 0; i < keys.length; i++) {
            leaves[i] = nodes.newLeaf(1, keys[i], new byte[]{(byte)i});
        }
        for (final byte[] search : keys) {
            for (int i = 0; i < keys.length; i++) {
                assertEquals(Integer.signum(Arrays.compareUnsigned(search, keys[i])),
                    Integer.signum(ArrayKeys.compare(nodes, search, leaves[i])),
                    "search=" + Bytes.toHex(search) + " nodeKey=" + Bytes.toHex(keys[i]));
            }
        }
        // keys[] is sorted: a balanced tree over them, inner keys = leftmost key on the right, as IAVL builds it
        final int root = build(nodes, leaves, 0, leaves.length);
        for (int i = 0; i < keys.length; i++) {
            assertEquals(leaves[i], ArrayKeys.findLeaf(nodes, root, keys[i]), "key=" + Bytes.toHex(keys[i]));
            final byte[] absent = Arrays.copyOf(keys[i], keys[i].length + 1);
            absent[keys[i].length] = (byte)0xFE;
            assertEquals(ArrayLayout.NULL_NODE_INDEX, ArrayKeys.findLeaf(nodes, root, absent),
                "absent=" + Bytes.toHex(absent));
        }
    }

    private static int build(final ArrayNodes nodes, final int[] leaves, final int from, final int to) {
        if (to - from == 1) {
            return leaves[from];
        }
        final int middle = (from + to) >>> 1;
        return nodes.newInner(1, leaves[middle], build(nodes, leaves, from, middle), build(nodes, leaves, middle, to));
    }
}
