package io.merklebench.heap;

import java.util.Arrays;

/**
 * The saved nodes a working tree has replaced or removed since the last save, as (version, sequence) pairs. At the
 * next save they become orphan records of the previous version, so deleting versions later can free them.
 * Primitive arrays: no object per orphan. Not thread-safe.
 */
final class HeapOrphanList {
    private static final int INITIAL_CAPACITY = 64;

    private long[] versions = new long[INITIAL_CAPACITY];
    private int[] sequences = new int[INITIAL_CAPACITY];
    private int count;

    void add(final HeapNode savedNode) {
        if (count == versions.length) {
            versions = Arrays.copyOf(versions, count * 2);
            sequences = Arrays.copyOf(sequences, count * 2);
        }
        versions[count] = savedNode.version;
        sequences[count] = savedNode.sequence;
        count++;
    }

    int count() {
        return count;
    }

    long version(final int orphanIndex) {
        return versions[orphanIndex];
    }

    int sequence(final int orphanIndex) {
        return sequences[orphanIndex];
    }
}
