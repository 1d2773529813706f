package io.merklebench.array;

import org.junit.jupiter.api.Test;

import static io.merklebench.array.TreeFixture.bytes;
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
        final int inner = nodes.newInner(1, nodes.keyOffset(b), nodes.keyLength(b), a, b);
        final int top = nodes.newInner(1, nodes.keyOffset(c), nodes.keyLength(c), inner, c);
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
        final int inner = nodes.newInner(1, nodes.keyOffset(other), nodes.keyLength(other), kept, other);
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

    @Test
    void shouldFitRecordLayoutInSixtyFourBytes() {
        assertEquals(64, ArrayLayout.NODE_LENGTH);
        assertEquals(62, ArrayLayout.RESERVED_OFFSET + 0);
        assertEquals(0, ArrayLayout.nodeOffset(ArrayLayout.PAGE_NODES));
        assertEquals(1, ArrayLayout.pageIndex(ArrayLayout.PAGE_NODES));
    }
}
