package io.merklebench.bench;

import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * The data every benchmark works on, separate from the engine and store that hold it: how many keys are loaded
 * before measuring, how long keys and values are, and the seed they come from. The param names are the
 * {@code results.csv} column names.
 *
 * <p>Key {@code i} and value {@code (i, variant)} are pure functions of {@code seed}, so every fork, store, engine and
 * host sees the same bytes. Keys {@code 0 .. size-1} are the ones loaded; keys from {@code size} on are absent
 * (inserts take them in order, misses take them from {@link #ABSENT_KEY_BASE} on). A key's first 8 bytes are a
 * bijective 64-bit mix of its index, so keys of 8 bytes or more never repeat.
 *
 * <p>Not thread-safe to change; the getters may be called from any thread. Every array returned is new and belongs
 * to the caller.
 */
@State(Scope.Thread)
public class Workload {
    /** First index of the keys used for misses: far above any insert, so a miss never finds an inserted key. */
    public static final long ABSENT_KEY_BASE = 1L << 40;

    /** Keys loaded into the tree or store before measuring. */
    @Param("10000")
    public int size;

    /** Key length in bytes. */
    @Param("16")
    public int keyLen;

    /** Value length in bytes. */
    @Param("40")
    public int valueLen;

    /** Seed of every key and value; the same seed gives the same data on every host. */
    @Param("1234")
    public long seed;

    /** Key number {@code index} ({@code keyLen} bytes). */
    public byte[] key(final long index) {
        return bytes(mix(seed, index, KEY_STREAM), keyLen);
    }

    /** Value {@code variant} of key {@code index} ({@code valueLen} bytes); variants differ so updates change the hash. */
    public byte[] value(final long index, final int variant) {
        return bytes(mix(seed, index, VALUE_STREAM + variant), valueLen);
    }

    /** The first {@code count} keys from {@code firstIndex} on, in index order. */
    public byte[][] keys(final long firstIndex, final int count) {
        final byte[][] keys = new byte[count][];
        for (int i = 0; i < count; i++) {
            keys[i] = key(firstIndex + i);
        }
        return keys;
    }

    /**
     * {@code count} indexes drawn uniformly (with repetition) from {@code [0, bound)}, from a stream named by
     * {@code purpose} so that different pools of the same benchmark do not coincide.
     */
    public long[] randomIndexes(final int count, final long bound, final long purpose) {
        final java.util.SplittableRandom random = new java.util.SplittableRandom(mix(seed, purpose, INDEX_STREAM));
        final long[] indexes = new long[count];
        for (int i = 0; i < count; i++) {
            indexes[i] = random.nextLong(bound);
        }
        return indexes;
    }

    /** Checks the params, with a message naming the bad one. */
    public void validate() {
        if (size < 0) {
            throw new IllegalArgumentException("size must be 0 or more keys: size=" + size);
        }
        if (keyLen < 1) {
            throw new IllegalArgumentException("keyLen must be at least 1 byte: keyLen=" + keyLen);
        }
        if (valueLen < 0) {
            throw new IllegalArgumentException("valueLen must be 0 or more bytes: valueLen=" + valueLen);
        }
    }

    private static final long KEY_STREAM = 0x6b6579L;
    private static final long VALUE_STREAM = 0x76616c7565L;
    private static final long INDEX_STREAM = 0x696e646578L;

    private static byte[] bytes(final long streamSeed, final int length) {
        final byte[] bytes = new byte[length];
        long state = streamSeed;
        for (int offset = 0; offset < length; offset += Long.BYTES) {
            state += GOLDEN_GAMMA;
            long word = splitMix(state);
            for (int i = offset; i < Math.min(length, offset + Long.BYTES); i++) {
                bytes[i] = (byte)word;
                word >>>= 8;
            }
        }
        return bytes;
    }

    private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

    /** SplitMix64's finaliser: a bijection on 64 bits with good avalanche, so nearby indexes give unrelated bytes. */
    private static long splitMix(final long value) {
        long z = value;
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    static long mix(final long seed, final long index, final long stream) {
        return splitMix(splitMix(seed * GOLDEN_GAMMA + stream) + index * GOLDEN_GAMMA);
    }
}
