package io.merklebench.bench;

/**
 * Pre-built keys that a measured loop cycles through, so no key is generated or allocated inside the timed region.
 * Holds at most {@value #MAX_KEYS} keys: enough that a pool over a large tree still touches far more memory than
 * the caches hold, small enough to build in setup. Not thread-safe.
 */
public final class KeyPool {
    public static final int MAX_KEYS = 1 << 20;

    private final byte[][] keys;
    private final long[] indexes;
    private int cursor;

    private KeyPool(final byte[][] keys, final long[] indexes) {
        if (keys.length == 0) {
            throw new IllegalArgumentException("a key pool needs at least one key: size=0");
        }
        this.keys = keys;
        this.indexes = indexes;
    }

    /** Keys drawn uniformly from the loaded ones ({@code 0 .. size-1}), in random order. */
    public static KeyPool present(final Workload workload, final long purpose) {
        if (workload.size == 0) {
            throw new IllegalArgumentException("present keys need a loaded tree or store: size=0");
        }
        final int count = Math.min(workload.size, MAX_KEYS);
        final long[] indexes = workload.randomIndexes(count, workload.size, purpose);
        final byte[][] keys = new byte[count][];
        for (int i = 0; i < count; i++) {
            keys[i] = workload.key(indexes[i]);
        }
        return new KeyPool(keys, indexes);
    }

    /** Keys that were never loaded nor inserted (from {@link Workload#ABSENT_KEY_BASE} on). */
    public static KeyPool absent(final Workload workload) {
        final int count = Math.max(1, Math.min(workload.size, MAX_KEYS));
        final long[] indexes = new long[count];
        for (int i = 0; i < count; i++) {
            indexes[i] = Workload.ABSENT_KEY_BASE + i;
        }
        return new KeyPool(workload.keys(Workload.ABSENT_KEY_BASE, count), indexes);
    }

    /** The next key, wrapping around at the end. */
    public byte[] next() {
        final int position = cursor;
        cursor = position + 1 == keys.length ? 0 : position + 1;
        return keys[position];
    }

    /** The workload index of the key {@link #next} returned last. */
    public long lastIndex() {
        final int last = cursor == 0 ? keys.length - 1 : cursor - 1;
        return indexes[last];
    }

    public int size() {
        return keys.length;
    }
}
