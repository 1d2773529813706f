package io.merklebench.array;

import io.merklebench.core.Bytes;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static io.merklebench.array.ArrayTestTrees.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ArrayNodesTest {
    @Test
    void shouldReuseFreedRecordsBeforeGrowing() {
        final ArrayNodes nodes = new ArrayNodes();
        final int first = nodes.newLeaf(1, bytes("a"), bytes("1"));
        final int second = nodes.newLeaf(1, bytes("b"), bytes("2"));
        nodes.free(first);
        assertTrue(nodes.isFree(first));
        final int third = nodes.newLeaf(2, bytes("c"), bytes("3"));
        assertEquals(first, third, "the freed record is reused");
        assertFalse(nodes.isFree(third));
        assertEquals(2, nodes.highWaterIndex());
        assertEquals(2, nodes.allocatedCount());
        assertArrayEquals(bytes("b"), nodes.key(second));
        assertArrayEquals(bytes("3"), nodes.value(third));
        assertEquals(2, nodes.version(third));
    }

    @Test
    void shouldRefuseDoubleFree() {
        final ArrayNodes nodes = new ArrayNodes();
        final int leaf = nodes.newLeaf(1, bytes("a"), bytes("1"));
        nodes.free(leaf);
        assertEquals("array engine bug: node freed twice: nodeIndex=" + leaf,
            assertThrows(IllegalStateException.class, () -> nodes.free(leaf)).getMessage());
    }

    @Test
    void shouldComputeHeightSizeAndBalanceOfInnerNodes() {
        final ArrayNodes nodes = new ArrayNodes();
        final int a = nodes.newLeaf(1, bytes("a"), bytes("1"));
        final int b = nodes.newLeaf(1, bytes("b"), bytes("2"));
        final int c = nodes.newLeaf(1, bytes("c"), bytes("3"));
        final int inner = nodes.newInner(1, b, a, b);
        final int top = nodes.newInner(1, c, inner, c);
        assertEquals(2, nodes.height(top));
        assertEquals(3, nodes.size(top));
        assertEquals(1, nodes.balance(top));
        assertArrayEquals(bytes("c"), nodes.key(top), "inner keys share the leaf's arena bytes");
        assertEquals(c, nodes.findLeaf(top, bytes("c")));
        assertEquals(ArrayLayout.NULL_NODE_INDEX, nodes.findLeaf(top, bytes("bb")));
    }

    @Test
    void shouldKeepKeysAndValuesAcrossArenaCompaction() {
        final ArrayNodes nodes = new ArrayNodes();
        final int kept = nodes.newLeaf(1, bytes("kept"), bytes("value-kept"));
        for (int i = 0; i < 1000; i++) {
            nodes.free(nodes.newLeaf(1, bytes("garbage" + i), new byte[2000]));
        }
        final int other = nodes.newLeaf(1, bytes("other"), bytes("value-other"));
        final int inner = nodes.newInner(1, other, kept, other);
        final long usedBefore = nodes.arena().usedBytes();
        assertTrue(nodes.compactArenaIfWasteful(), "2 MB of garbage triggers compaction");
        assertTrue(nodes.arena().usedBytes() < usedBefore / 100, "usedBytes=" + nodes.arena().usedBytes());
        assertArrayEquals(bytes("kept"), nodes.key(kept));
        assertArrayEquals(bytes("value-kept"), nodes.value(kept));
        assertArrayEquals(bytes("other"), nodes.key(inner));
        assertArrayEquals(bytes("value-other"), nodes.value(other));
        assertEquals(nodes.keyOffset(other), nodes.keyOffset(inner), "a shared key range stays shared");
        assertEquals(1, nodes.compactionCount());
        assertEquals(nodes.arena().usedBytes(), nodes.arena().leafBytes());
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
                    Integer.signum(nodes.compareKey(search, leaves[i])),
                    "search=" + Bytes.toHex(search) + " nodeKey=" + Bytes.toHex(keys[i]));
            }
        }
        // keys[] is sorted: a balanced tree over them, inner keys = leftmost key on the right, as IAVL builds it
        final int root = build(nodes, leaves, 0, leaves.length);
        for (int i = 0; i < keys.length; i++) {
            assertEquals(leaves[i], nodes.findLeaf(root, keys[i]), "key=" + Bytes.toHex(keys[i]));
            final byte[] absent = Arrays.copyOf(keys[i], keys[i].length + 1);
            absent[keys[i].length] = (byte)0xFE;
            assertEquals(ArrayLayout.NULL_NODE_INDEX, nodes.findLeaf(root, absent), "absent=" + Bytes.toHex(absent));
        }
    }

    private static int build(final ArrayNodes nodes, final int[] leaves, final int from, final int to) {
        if (to - from == 1) {
            return leaves[from];
        }
        final int middle = (from + to) >>> 1;
        return nodes.newInner(1, leaves[middle], build(nodes, leaves, from, middle), build(nodes, leaves, middle, to));
    }

    @Test
    void shouldFitRecordInHalfACacheLineAndRecordPlusHashInSixtyFourBytes() {
        assertEquals(32, ArrayLayout.NODE_LENGTH);
        assertEquals(31, ArrayLayout.FLAGS_OFFSET + 0);
        assertEquals(64, ArrayLayout.BYTES_PER_NODE);
        assertEquals(0, ArrayLayout.nodeOffset(ArrayLayout.PAGE_NODES));
        assertEquals(1, ArrayLayout.pageIndex(ArrayLayout.PAGE_NODES));
    }
}
