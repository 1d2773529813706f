package io.merklebench.simulate;

import java.util.Arrays;

/**
 * A set of 64-bit key fingerprints (open addressing, linear probing, deletion by backward shift): how the
 * generator makes sure an insert picks a key not already live, with 16 bytes per key at most instead of a hash set
 * of boxed keys. Two keys with the same fingerprint count as one, so at worst a fresh key is refused and another
 * drawn. 0 marks an empty slot, so fingerprint 0 is stored as 1. Not thread-safe.
 */
final class KeyFingerprints {
    private static final int INITIAL_CAPACITY = 1 << 10;
    private static final long EMPTY = 0;

    private long[] slots = new long[INITIAL_CAPACITY];
    private int size;

    /** The fingerprint of a key: FNV-1a over its bytes, then a 64-bit finaliser (so short keys spread too). */
    static long of(final byte[] key) {
        long hash = 0xcbf29ce484222325L;
        for (final byte b : key) {
            hash = (hash ^ (b & 0xff)) * 0x100000001b3L;
        }
        hash ^= hash >>> 33;
        hash *= 0xff51afd7ed558ccdL;
        hash ^= hash >>> 33;
        return hash == EMPTY ? 1 : hash;
    }

    /** Adds {@code fingerprint}; {@code false} when it was present. */
    boolean add(final long fingerprint) {
        if (2 * (size + 1) > slots.length) {
            grow();
        }
        int slot = home(fingerprint, slots.length);
        while (slots[slot] != EMPTY) {
            if (slots[slot] == fingerprint) {
                return false;
            }
            slot = (slot + 1) & (slots.length - 1);
        }
        slots[slot] = fingerprint;
        size++;
        return true;
    }

    /** Removes {@code fingerprint}; {@code false} when it was absent. */
    boolean remove(final long fingerprint) {
        final int mask = slots.length - 1;
        int slot = home(fingerprint, slots.length);
        while (slots[slot] != fingerprint) {
            if (slots[slot] == EMPTY) {
                return false;
            }
            slot = (slot + 1) & mask;
        }
        // Backward shift: move later entries of the probe run into the hole when their home allows it.
        int hole = slot;
        int next = (hole + 1) & mask;
        while (slots[next] != EMPTY) {
            final int nextHome = home(slots[next], slots.length);
            if (((next - nextHome) & mask) >= ((next - hole) & mask)) {
                slots[hole] = slots[next];
                hole = next;
            }
            next = (next + 1) & mask;
        }
        slots[hole] = EMPTY;
        size--;
        return true;
    }

    boolean contains(final long fingerprint) {
        int slot = home(fingerprint, slots.length);
        while (slots[slot] != EMPTY) {
            if (slots[slot] == fingerprint) {
                return true;
            }
            slot = (slot + 1) & (slots.length - 1);
        }
        return false;
    }

    int size() {
        return size;
    }

    private void grow() {
        final long[] old = slots;
        slots = new long[old.length * 2];
        size = 0;
        for (final long fingerprint : old) {
            if (fingerprint != EMPTY) {
                add(fingerprint);
            }
        }
    }

    private static int home(final long fingerprint, final int capacity) {
        return (int) (fingerprint ^ (fingerprint >>> 32)) & (capacity - 1);
    }

    @Override
    public String toString() {
        return "KeyFingerprints[size=" + size + " capacity=" + slots.length + "]";
    }

    /** For tests: a copy of the slot table. */
    long[] slotsForTest() {
        return Arrays.copyOf(slots, slots.length);
    }
}
