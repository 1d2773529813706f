package io.merklebench.array;

import java.util.Arrays;

/**
 * The packed byte arena holding every key and value of the {@code array} engine: a leaf's entry is its key bytes
 * followed by its value bytes, appended at the end. Entries are never written again; space of freed leaves is
 * reclaimed by {@link ArrayArenaCompaction}, which copies live entries into a fresh arena once
 * {@link #isWasteful()}.
 *
 * <p>Offsets are ints, so the arena holds at most {@link #MAX_CAPACITY} bytes (about 2 GiB: some 38M entries of a
 * 16-byte key and a 40-byte value). Not thread-safe.
 */
final class ArrayArena {
    /** Largest Java byte array the JVMs we run on allocate. */
    static final int MAX_CAPACITY = Integer.MAX_VALUE - 8;
    private static final int INITIAL_CAPACITY = 1 << 16;
    /** Compact the arena once garbage exceeds the live leaf bytes by this much (avoids churning small arenas). */
    private static final long COMPACTION_SLACK_BYTES = 1 << 20;

    /** Volatile so a view read on another thread during set() never sees a half-published array. */
    private volatile byte[] bytes;
    private int position;
    /** Bytes of entries owned by allocated leaves (the rest up to {@code position} is garbage or shared keys). */
    private long leafBytes;

    ArrayArena() {
        this(INITIAL_CAPACITY);
    }

    ArrayArena(final int capacityBytes) {
        bytes = new byte[Math.max(capacityBytes, INITIAL_CAPACITY)];
    }

    /** The backing array: re-read it after any append, which may replace it. */
    byte[] bytes() {
        return bytes;
    }

    /** Appends {@code key} then {@code value}; returns the key's offset. */
    int appendEntry(final byte[] key, final byte[] value) {
        final int keyLength = key.length;
        final int valueLength = value.length;
        final int offset = reserve((long)keyLength + valueLength);
        System.arraycopy(key, 0, bytes, offset, keyLength);
        System.arraycopy(value, 0, bytes, offset + keyLength, valueLength);
        leafBytes += keyLength + valueLength;
        return offset;
    }

    /** Appends {@code length} bytes of {@code source} (used while loading and compacting); returns their offset. */
    int append(final byte[] source, final int sourceOffset, final int length) {
        final int offset = reserve(length);
        System.arraycopy(source, sourceOffset, bytes, offset, length);
        return offset;
    }

    /** Counts {@code entryLength} more bytes as owned by an allocated leaf (loading, compaction). */
    void addLeafBytes(final long entryLength) {
        leafBytes += entryLength;
    }

    /** A leaf owning {@code entryLength} bytes was freed: its bytes become garbage until the next compaction. */
    void releaseLeafBytes(final long entryLength) {
        leafBytes -= entryLength;
    }

    int usedBytes() {
        return position;
    }

    int capacityBytes() {
        return bytes.length;
    }

    long leafBytes() {
        return leafBytes;
    }

    /** Garbage clearly outweighs live bytes: the used bytes exceed twice the live leaf bytes plus 1 MiB. */
    boolean isWasteful() {
        return position > 2 * leafBytes + COMPACTION_SLACK_BYTES;
    }

    private int reserve(final long length) {
        final long end = position + length;
        if (end > MAX_CAPACITY) {
            throw new IllegalStateException("array engine arena is full: key and value bytes must fit in "
                + MAX_CAPACITY + " bytes: usedBytes=" + position + " requestedBytes=" + length);
        }
        if (end > bytes.length) {
            final long grown = Math.max(end, bytes.length + (bytes.length >> 1));
            bytes = Arrays.copyOf(bytes, (int)Math.min(grown, MAX_CAPACITY));
        }
        final int offset = position;
        position = (int)end;
        return offset;
    }
}
