package io.merklebench.heap;

import io.merklebench.core.store.StoreDamageException;
import io.merklebench.core.NodeHashing;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HeapNodeTest {
    private static final byte[] HELLO = "hello".getBytes(StandardCharsets.UTF_8);
    private static final byte[] WORLD = "world".getBytes(StandardCharsets.UTF_8);

    @Test
    void shouldHashLeafThroughNodeHashing() {
        final HeapNode leaf = HeapNode.newLeaf(HELLO, WORLD, 1);
        assertEquals("6032661ab0d201132db7a8fa1da6a0afe427e6278bd122c301197680ab79ca02",
            io.merklebench.core.Bytes.toHex(leaf.hash(new NodeHashing(), null)));
    }

    @Test
    void shouldRoundTripLeafEncodingIncludingEmptyValue() {
        for (final byte[] value : new byte[][] {WORLD, new byte[0], new byte[300]}) {
            final HeapNode leaf = HeapNode.newLeaf(HELLO, value, 7);
            leaf.hash(new NodeHashing(), null);
            final HeapNode decoded = HeapNode.decode(7, 3, leaf.encode());
            assertTrue(decoded.isLeaf());
            assertArrayEquals(HELLO, decoded.key);
            assertArrayEquals(value, decoded.value);
            assertNull(decoded.hash, "a node's hash is its parent's to give");
            assertArrayEquals(leaf.hash, decoded.recomputeHash(new NodeHashing()));
            assertEquals(1, decoded.size);
            assertEquals(7, decoded.version);
            assertEquals(3, decoded.sequence);
        }
    }

    @Test
    void shouldRoundTripInnerNodeWithChildReferences() {
        final HeapNode left = HeapNode.newLeaf("a".getBytes(StandardCharsets.UTF_8), WORLD, 5);
        final HeapNode right = HeapNode.newLeaf("b".getBytes(StandardCharsets.UTF_8), WORLD, 6);
        left.sequence = 11;
        right.sequence = 12;
        left.hash(new NodeHashing(), null);
        right.hash(new NodeHashing(), null);
        final HeapNode inner = HeapNode.newInner(right.key, left, right, 6);
        inner.hash(new NodeHashing(), null);
        inner.linkSavedChildren();
        final HeapNode decoded = HeapNode.decode(6, 1, inner.encode());
        assertEquals(1, decoded.height);
        assertEquals(2, decoded.size);
        assertArrayEquals(right.key, decoded.key);
        assertNull(decoded.value);
        assertNull(decoded.leftInMemory(), "decoded nodes name their children, they do not hold them");
        assertArrayEquals(inner.hash, decoded.recomputeHash(new NodeHashing()), "child hashes are in the encoding");
    }

    @Test
    void shouldRejectTruncatedEncodingNamingTheNode() {
        final HeapNode leaf = HeapNode.newLeaf(HELLO, WORLD, 1);
        leaf.hash(new NodeHashing(), null);
        final byte[] truncated = Arrays.copyOf(leaf.encode(), 4);
        final StoreDamageException error = assertThrows(StoreDamageException.class,
            () -> HeapNode.decode(9, 4, truncated));
        assertTrue(error.getMessage().contains("version=9 sequence=4"), error.getMessage());
    }

    @Test
    void shouldCopyForNewVersionWithoutHash() {
        final HeapNode leaf = HeapNode.newLeaf(HELLO, WORLD, 1);
        leaf.hash(new NodeHashing(), null);
        leaf.sequence = 1;
        final HeapNode copy = leaf.copyForVersion(2);
        assertEquals(2, copy.version);
        assertNull(copy.hash);
        assertEquals(HeapNode.UNSAVED_SEQUENCE, copy.sequence);
        assertEquals(1, leaf.version, "the saved node is not changed");
    }
}
