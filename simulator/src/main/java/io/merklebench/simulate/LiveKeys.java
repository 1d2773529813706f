package io.merklebench.simulate;

import java.util.Arrays;

/**
 * The keys one store holds, in the order the generator keeps them: an insert appends, a delete moves the last key
 * into the hole. Index {@code k} is what a key choice picks (index 0 is the hottest key of a zipfian choice).
 *
 * <p>Written by the generator's thread only. Readers get a {@link Snapshot} taken at a version boundary: they may
 * then read slots the generator overwrites for the next version (a reference read is atomic), so a reader can pick a
 * key its saved version does not hold; it counts that as a miss.
 */
final class LiveKeys {
    private static final int INITIAL_CAPACITY = 1 << 10;
    /**
     * Keys at least this long are added without looking for a live duplicate. Their bytes are drawn at random, and
     * two keys of one length L are equal with probability 2^-8L: for n keys of 16 bytes or more that is below
     * n^2 / 2^129 in all (about 10^-23 for 100 million keys), far below any other failure. Checking them would cost
     * each insert a fingerprint and a random probe into a table of the live keys (a cache miss once the state is
     * large), and the generator's time is what the simulator adds to the engine's. Shorter keys, where duplicates
     * are real, are checked.
     */
    static final int UNCHECKED_KEY_LENGTH = 16;

    private byte[][] keys = new byte[INITIAL_CAPACITY][];
    private int size;
    private final KeyFingerprints fingerprints = new KeyFingerprints();

    /**
     * Appends {@code key} unless it is shorter than {@link #UNCHECKED_KEY_LENGTH} and a key with its fingerprint is
     * live; returns whether it was added.
     */
    boolean add(final byte[] key) {
        if (key.length < UNCHECKED_KEY_LENGTH && !fingerprints.add(KeyFingerprints.of(key))) {
            return false;
        }
        if (size == keys.length) {
            // A new array, so that a reader's snapshot of the old one stays as it was.
            keys = Arrays.copyOf(keys, keys.length * 2);
        }
        keys[size++] = key;
        return true;
    }

    byte[] get(final int index) {
        return keys[index];
    }

    /** Removes the key at {@code index} and returns it; the last key takes its place. */
    byte[] removeAt(final int index) {
        final byte[] removed = keys[index];
        if (removed.length < UNCHECKED_KEY_LENGTH) {
            fingerprints.remove(KeyFingerprints.of(removed));
        }
        size--;
        keys[index] = keys[size];
        keys[size] = null;
        return removed;
    }

    int size() {
        return size;
    }

    Snapshot snapshot() {
        return new Snapshot(keys, size);
    }

    /** The key table and its length at a version boundary, for readers. */
    record Snapshot(byte[][] keys, int size) {
        static final Snapshot EMPTY = new Snapshot(new byte[0][], 0);
    }
}
