package io.merklebench.heap;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A bounded LRU cache of saved nodes by (version, sequence). It bounds the heap used by saved nodes: a saved node
 * holds no references to its children, so once evicted here it is garbage unless a working tree or view still points
 * at it, and a later read loads it from the store again.
 *
 * <p>Thread-safe (one lock): saved views may be read from several threads.
 */
final class HeapNodeCache {
    /** Default bound: 100,000 nodes is about 20-40 MB for 32-byte keys and 100-byte values. */
    static final int DEFAULT_CAPACITY = 100_000;

    private final int capacity;
    private final LinkedHashMap<NodeKey, HeapNode> nodes;
    private long hitCount;
    private long missCount;

    /** @param capacity the most nodes kept; at least 1 */
    HeapNodeCache(final int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("node cache capacity must be at least 1: capacity=" + capacity);
        }
        this.capacity = capacity;
        this.nodes = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(final Map.Entry<NodeKey, HeapNode> eldest) {
                return size() > HeapNodeCache.this.capacity;
            }
        };
    }

    synchronized HeapNode get(final long version, final int sequence) {
        final HeapNode node = nodes.get(new NodeKey(version, sequence));
        if (node == null) {
            missCount++;
        } else {
            hitCount++;
        }
        return node;
    }

    synchronized void put(final HeapNode savedNode) {
        nodes.put(new NodeKey(savedNode.version, savedNode.sequence), savedNode);
    }

    synchronized void remove(final long version, final int sequence) {
        nodes.remove(new NodeKey(version, sequence));
    }

    int capacity() {
        return capacity;
    }

    synchronized int size() {
        return nodes.size();
    }

    synchronized long hitCount() {
        return hitCount;
    }

    synchronized long missCount() {
        return missCount;
    }

    /** The identity of a saved node. */
    private record NodeKey(long version, int sequence) {
    }
}
