package io.merklebench.core.tree;

import java.util.Arrays;

/**
 * The fast-node index (IAVL v1's "fast nodes"): a flat open-addressing hash table from a key to its value in the
 * tree's latest state (the working tree), so that {@code get} on it costs a hash, one or two probes and a key
 * comparison instead of a walk of some {@code log2(size)} dependent node loads. {@link AbstractMerkleTree} keeps it
 * beside the working tree when {@link TreeOptions#fastIndex()} is on; reads of saved versions ({@code view}) never
 * use it.
 *
 * <p>Consistency: every {@link #set} and {@link #remove} also appends the key and the value it replaced to a journal
 * of the changes since the last save. {@link #forgetJournal()} (at save) empties it, as the changes are now part of
 * the saved version; {@link #undoJournal()} (at rollback) reverts them newest first, which leaves exactly the last
 * saved version's contents. At open the index is rebuilt from the latest version's leaves ({@link #load}), nothing
 * of it is persisted.
 *
 * <p>Layout: linear probing in three parallel arrays (key, value, cached hash) of a power-of-two capacity, at most
 * three quarters full, and deletion by backward shift (no tombstones, so a table with many removes never degrades).
 * With compressed references a slot is 4 + 4 + 4 = 12 bytes and the table is between 3/8 and 3/4 full: 16 to 32
 * bytes per key, plus the key and value arrays when the index is the only holder of them (see
 * {@link #retainedBytes()}).
 *
 * <p>Ownership: keeps the key and value arrays it is given (as {@link WorkingTree#set} allows) and returns its own
 * value arrays: the caller copies before handing them out. Keys are non-null and non-empty (checked by the caller).
 * Not thread-safe: the tree's single writer owns it.
 */
public final class FastIndex {
    /** Capacity of an empty index (slots). */
    static final int MIN_CAPACITY = 16;
    /** Largest capacity: the biggest power of two an array length can be. */
    static final int MAX_CAPACITY = 1 << 30;
    /** Heap bytes of a reference, assuming compressed oops (heaps below 32 GB, the JVM's default there). */
    static final int REFERENCE_LENGTH = 4;
    /** Heap bytes of an array header (mark word, compressed class pointer, length). */
    static final int ARRAY_HEADER_LENGTH = 16;
    /** Journal entries kept allocated after a save; a larger journal is dropped so one big batch does not pin it. */
    private static final int JOURNAL_KEPT_CAPACITY = 1 << 12;

    private byte[][] keys;
    private byte[][] values;
    private int[] hashes;
    private int mask;
    private int size;
    /** Grow when {@link #size} passes it: three quarters of the capacity. */
    private int growThreshold;

    /** Keys changed since the last save, in order, and the value each replaced ({@code null}: it was absent). */
    private byte[][] journalKeys = new byte[16][];
    private byte[][] journalPrevious = new byte[16][];
    private int journalLength;

    public FastIndex() {
        allocate(MIN_CAPACITY);
    }

    /** Keys in the index. */
    public int size() {
        return size;
    }

    /** The value of {@code key} in the latest state, or {@code null}; the index's own array, not a copy. */
    public byte[] get(final byte[] key) {
        final int hash = hash(key);
        final byte[][] keys = this.keys;
        final int[] hashes = this.hashes;
        final int mask = this.mask;
        int slot = hash & mask;
        byte[] candidate;
        while ((candidate = keys[slot]) != null) {
            if (hashes[slot] == hash && Arrays.equals(candidate, key)) {
                return values[slot];
            }
            slot = (slot + 1) & mask;
        }
        return null;
    }

    /** Records {@code key -> value} (a set on the working tree) and journals what it replaced. */
    public void set(final byte[] key, final byte[] value) {
        journal(key, put(key, value));
    }

    /** Forgets {@code key} (a remove on the working tree that found it) and journals its value. */
    public void remove(final byte[] key) {
        final byte[] previous = delete(key);
        if (previous != null) {
            journal(key, previous);
        }
    }

    /** At save: the journaled changes are now in the saved version, nothing to undo any more. */
    public void forgetJournal() {
        if (journalKeys.length > JOURNAL_KEPT_CAPACITY) {
            journalKeys = new byte[16][];
            journalPrevious = new byte[16][];
        } else {
            Arrays.fill(journalKeys, 0, journalLength, null);
            Arrays.fill(journalPrevious, 0, journalLength, null);
        }
        journalLength = 0;
    }

    /** At rollback: reverts every change since the last save, newest first, leaving the saved version's contents. */
    public void undoJournal() {
        for (int entry = journalLength - 1; entry >= 0; entry--) {
            final byte[] previous = journalPrevious[entry];
            if (previous == null) {
                delete(journalKeys[entry]);
            } else {
                put(journalKeys[entry], previous);
            }
        }
        forgetJournal();
    }

    /** Changes since the last save (for tests). */
    int journalLength() {
        return journalLength;
    }

    /**
     * Replaces the contents with the entries {@code state} holds (at open: the latest saved version's leaves), in one
     * pass of its iterator; the table is sized for {@code state.size()} first so it never rehashes while loading.
     */
    public void load(final TreeReader state) {
        allocate(capacityFor(state.size()));
        forgetJournal();
        state.iterate(null, null, (key, value) -> {
            put(key, value);
            return true;
        });
    }

    /**
     * Heap bytes this index holds: its three table arrays plus every key and value array it refers to (each
     * {@value #ARRAY_HEADER_LENGTH} bytes of header plus its length, rounded up to 8). An upper bound on what the index
     * adds: an engine that keeps the caller's arrays in its leaves (heap, for keys set since open) shares them. The
     * journal is not counted (empty after a save). Walks the table: for reports, not hot paths.
     */
    public long retainedBytes() {
        long bytes = 2 * arrayBytes((long)keys.length * REFERENCE_LENGTH) + arrayBytes(4L * hashes.length);
        for (int slot = 0; slot < keys.length; slot++) {
            if (keys[slot] != null) {
                bytes += arrayBytes(keys[slot].length) + arrayBytes(values[slot].length);
            }
        }
        return bytes;
    }

    /** Slots in the table (for tests). */
    int capacity() {
        return keys.length;
    }

    private byte[] put(final byte[] key, final byte[] value) {
        final int hash = hash(key);
        int slot = hash & mask;
        byte[] candidate;
        while ((candidate = keys[slot]) != null) {
            if (hashes[slot] == hash && Arrays.equals(candidate, key)) {
                final byte[] previous = values[slot];
                values[slot] = value;
                return previous;
            }
            slot = (slot + 1) & mask;
        }
        keys[slot] = key;
        values[slot] = value;
        hashes[slot] = hash;
        if (++size > growThreshold) {
            rehash(keys.length << 1);
        }
        return null;
    }

    /** Removes {@code key}, shifting later entries of its probe run back into the hole; returns its value or null. */
    private byte[] delete(final byte[] key) {
        final int hash = hash(key);
        final int mask = this.mask;
        int hole = hash & mask;
        byte[] candidate;
        while ((candidate = keys[hole]) != null) {
            if (hashes[hole] == hash && Arrays.equals(candidate, key)) {
                break;
            }
            hole = (hole + 1) & mask;
        }
        if (candidate == null) {
            return null;
        }
        final byte[] previous = values[hole];
        int next = (hole + 1) & mask;
        while (keys[next] != null) {
            final int home = hashes[next] & mask;
            // The entry at next may move into the hole when the hole lies on its probe path from home to next.
            if (((next - home) & mask) >= ((next - hole) & mask)) {
                keys[hole] = keys[next];
                values[hole] = values[next];
                hashes[hole] = hashes[next];
                hole = next;
            }
            next = (next + 1) & mask;
        }
        keys[hole] = null;
        values[hole] = null;
        hashes[hole] = 0;
        size--;
        return previous;
    }

    private void journal(final byte[] key, final byte[] previous) {
        if (journalLength == journalKeys.length) {
            journalKeys = Arrays.copyOf(journalKeys, journalLength << 1);
            journalPrevious = Arrays.copyOf(journalPrevious, journalLength << 1);
        }
        journalKeys[journalLength] = key;
        journalPrevious[journalLength] = previous;
        journalLength++;
    }

    private void rehash(final int capacity) {
        if (capacity > MAX_CAPACITY) {
            throw new IllegalStateException("fast index is full: size=" + size + " capacity=" + keys.length);
        }
        final byte[][] oldKeys = keys;
        final byte[][] oldValues = values;
        final int[] oldHashes = hashes;
        allocate(capacity);
        for (int oldSlot = 0; oldSlot < oldKeys.length; oldSlot++) {
            if (oldKeys[oldSlot] != null) {
                int slot = oldHashes[oldSlot] & mask;
                while (keys[slot] != null) {
                    slot = (slot + 1) & mask;
                }
                keys[slot] = oldKeys[oldSlot];
                values[slot] = oldValues[oldSlot];
                hashes[slot] = oldHashes[oldSlot];
                size++;
            }
        }
    }

    private void allocate(final int capacity) {
        keys = new byte[capacity][];
        values = new byte[capacity][];
        hashes = new int[capacity];
        mask = capacity - 1;
        size = 0;
        growThreshold = capacity - (capacity >>> 2);
    }

    /** The smallest power-of-two capacity that holds {@code keyCount} keys without growing. */
    static int capacityFor(final long keyCount) {
        int capacity = MIN_CAPACITY;
        while (capacity - (capacity >>> 2) < keyCount) {
            if (capacity == MAX_CAPACITY) {
                throw new IllegalStateException("fast index cannot hold keyCount=" + keyCount);
            }
            capacity <<= 1;
        }
        return capacity;
    }

    /**
     * {@link Arrays#hashCode(byte[])} with Murmur3's finalizer: the polynomial hash alone keeps keys that differ in
     * their last bytes in neighbouring slots, which lengthens linear-probe runs.
     */
    static int hash(final byte[] key) {
        int hash = Arrays.hashCode(key);
        hash ^= hash >>> 16;
        hash *= 0x85ebca6b;
        hash ^= hash >>> 13;
        hash *= 0xc2b2ae35;
        hash ^= hash >>> 16;
        return hash;
    }

    private static long arrayBytes(final long payloadBytes) {
        return (ARRAY_HEADER_LENGTH + payloadBytes + 7) & ~7L;
    }
}
