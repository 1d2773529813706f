package io.merklebench.heap;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A bounded LRU cache of saved nodes by (version, sequence). It bounds the heap used by saved nodes: only cached
 * nodes keep references to their children ({@link HeapNode#evicted()} drops them), so an evicted node is garbage
 * once no cached parent, working tree or view points at it, and a later read loads it from the store again.
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
                if (size() <= HeapNodeCache.this.capacity) {
                    return false;
                }
                eldest.getValue().evicted();
                return true;
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
        savedNode.cachedNow();
        final HeapNode previous = nodes.put(new NodeKey(savedNode.version, savedNode.sequence), savedNode);
        if (previous != null && previous != savedNode) {
            // Two readers loaded the same node at once; the copy that lost must not keep children alive.
            previous.evicted();
        }
    }

    synchronized void remove(final long version, final int sequence) {
        final HeapNode removed = nodes.remove(new NodeKey(version, sequence));
        if (removed != null) {
            removed.evicted();
        }
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

    /**
     * The identity of a saved node. Not a record: a record's hash ({@code 31 * version + sequence}) collides for
     * every (version, sequence) pair on the same diagonal, and small versions and sequences are the common case,
     * which turned the map's buckets into trees and made every lookup slow.
     */
    private static final class NodeKey {
        private final long version;
        private final int sequence;

        NodeKey(final long version, final int sequence) {
            this.version = version;
            this.sequence = sequence;
        }

        @Override
        public boolean equals(final Object other) {
            return other instanceof NodeKey key && key.version == version && key.sequence == sequence;
        }

        @Override
        public int hashCode() {
            // MurmurHash3's 64-bit finaliser over both fields, so nearby keys land in unrelated buckets.
            long mixed = version * 0x9E3779B97F4A7C15L + sequence;
            mixed = (mixed ^ (mixed >>> 33)) * 0xff51afd7ed558ccdL;
            mixed = (mixed ^ (mixed >>> 33)) * 0xc4ceb9fe1a85ec53L;
            mixed ^= mixed >>> 33;
            return (int)(mixed ^ (mixed >>> 32));
        }
    }
}
