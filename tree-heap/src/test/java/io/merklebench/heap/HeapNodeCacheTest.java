package io.merklebench.heap;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HeapNodeCacheTest {
    @Test
    void shouldEvictLeastRecentlyUsedBeyondCapacity() {
        final HeapNodeCache cache = new HeapNodeCache(3);
        final HeapNode[] nodes = new HeapNode[4];
        for (int i = 0; i < 4; i++) {
            nodes[i] = savedLeaf(1, i + 1);
        }
        cache.put(nodes[0]);
        cache.put(nodes[1]);
        cache.put(nodes[2]);
        assertSame(nodes[0], cache.get(1, 1)); // node 1 is now the most recently used
        cache.put(nodes[3]);
        assertEquals(3, cache.size());
        assertNull(cache.get(1, 2), "the least recently used node was evicted");
        assertNotNull(cache.get(1, 1));
        assertNotNull(cache.get(1, 4));
        assertEquals(3, cache.hitCount());
        assertEquals(1, cache.missCount());
    }

    @Test
    void shouldRemoveFreedNodes() {
        final HeapNodeCache cache = new HeapNodeCache(10);
        cache.put(savedLeaf(2, 1));
        cache.remove(2, 1);
        assertNull(cache.get(2, 1));
    }

    @Test
    void shouldRejectCapacityBelowOne() {
        final IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> new HeapNodeCache(0));
        assertTrue(error.getMessage().contains("capacity=0"), error.getMessage());
    }

    private static HeapNode savedLeaf(final long version, final int sequence) {
        final HeapNode leaf = HeapNode.newLeaf(("k" + sequence).getBytes(StandardCharsets.UTF_8), new byte[0], version);
        leaf.sequence = sequence;
        return leaf;
    }
}
