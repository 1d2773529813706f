package io.merklebench.array;

import org.junit.jupiter.api.Test;

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
