package io.merklebench.simulate;

import java.util.Arrays;

/**
 * The committer's operations of one version, in the order they are applied: for each, its kind, the store (index
 * into the plan's stores), the key and, for inserts and updates, the value. Reused from version to version by the
 * generator. Not thread-safe.
 */
final class VersionOperations {
    static final byte INSERT = 0;
    static final byte UPDATE = 1;
    static final byte DELETE = 2;
    static final byte GET = 3;
    static final int KINDS = 4;

    private byte[] kinds = new byte[16];
    private int[] stores = new int[16];
    private byte[][] keys = new byte[16][];
    private byte[][] values = new byte[16][];
    private int count;
    private long sets;
    private long deletes;
    private long version;

    void reset(final long nextVersion) {
        Arrays.fill(keys, 0, count, null);
        Arrays.fill(values, 0, count, null);
        count = 0;
        sets = 0;
        deletes = 0;
        version = nextVersion;
    }

    void add(final byte kind, final int store, final byte[] key, final byte[] value) {
        if (count == kinds.length) {
            final int capacity = kinds.length * 2;
            kinds = Arrays.copyOf(kinds, capacity);
            stores = Arrays.copyOf(stores, capacity);
            keys = Arrays.copyOf(keys, capacity);
            values = Arrays.copyOf(values, capacity);
        }
        kinds[count] = kind;
        stores[count] = store;
        keys[count] = key;
        values[count] = value;
        count++;
        sets += kind == INSERT || kind == UPDATE ? 1 : 0;
        deletes += kind == DELETE ? 1 : 0;
    }

    long version() {
        return version;
    }

    int count() {
        return count;
    }

    byte kind(final int index) {
        return kinds[index];
    }

    int store(final int index) {
        return stores[index];
    }

    byte[] key(final int index) {
        return keys[index];
    }

    byte[] value(final int index) {
        return values[index];
    }

    /** Inserts plus updates. */
    long sets() {
        return sets;
    }

    long deletes() {
        return deletes;
    }
}
