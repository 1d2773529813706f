package io.merklebench.array;

import java.util.Arrays;

/** A growable list of node indices (orphan lists, save order). Not thread-safe. */
final class ArrayNodeIndexList {
    private int[] values;
    private int count;

    ArrayNodeIndexList() {
        this(16);
    }

    ArrayNodeIndexList(final int initialCapacity) {
        values = new int[Math.max(4, initialCapacity)];
    }

    void add(final int value) {
        if (count == values.length) {
            values = Arrays.copyOf(values, count * 2);
        }
        values[count++] = value;
    }

    void addAll(final ArrayNodeIndexList other) {
        for (int i = 0; i < other.count; i++) {
            add(other.values[i]);
        }
    }

    int get(final int index) {
        return values[index];
    }

    int size() {
        return count;
    }

    boolean isEmpty() {
        return count == 0;
    }

    void clear() {
        count = 0;
    }

    /** Bytes held by the backing array (for memory accounting). */
    long capacityBytes() {
        return 16L + 4L * values.length;
    }
}
