package io.merklebench.core.conformance.tree;

import io.merklebench.core.Bytes;

import java.util.Collections;
import java.util.Map;
import java.util.NavigableMap;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * What a tree state must contain: a {@link TreeMap} in unsigned byte order that mirrors every set and remove.
 * Not thread-safe. Keeps the arrays it is given (callers never modify them).
 */
public final class ReferenceModel {
    private final TreeMap<byte[], byte[]> entries;

    public ReferenceModel() {
        this.entries = new TreeMap<>(Bytes.UNSIGNED_ORDER);
    }

    private ReferenceModel(final TreeMap<byte[], byte[]> entries) {
        this.entries = entries;
    }

    /** Returns {@code true} when the key was present (an update), like {@code WorkingTree.set}. */
    public boolean set(final byte[] key, final byte[] value) {
        return entries.put(key, value) != null;
    }

    /** Returns {@code true} when the key was present, like {@code WorkingTree.remove}. */
    public boolean remove(final byte[] key) {
        return entries.remove(key) != null;
    }

    public byte[] get(final byte[] key) {
        return entries.get(key);
    }

    public boolean contains(final byte[] key) {
        return entries.containsKey(key);
    }

    public int size() {
        return entries.size();
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** A present key near a random probe, or {@code null} when empty (not uniform; good enough to pick victims). */
    public byte[] somePresentKey(final SplittableRandom random, final byte[] probe) {
        if (entries.isEmpty()) {
            return null;
        }
        final byte[] ceiling = entries.ceilingKey(probe);
        if (ceiling != null) {
            return ceiling;
        }
        return random.nextBoolean() ? entries.firstKey() : entries.lastKey();
    }

    /** The entries from {@code fromInclusive} to {@code toExclusive} ({@code null} bounds are open), read-only. */
    public NavigableMap<byte[], byte[]> range(final byte[] fromInclusive, final byte[] toExclusive) {
        if (fromInclusive != null && toExclusive != null && Bytes.compare(fromInclusive, toExclusive) >= 0) {
            return Collections.emptyNavigableMap();
        }
        NavigableMap<byte[], byte[]> range = entries;
        if (fromInclusive != null) {
            range = range.tailMap(fromInclusive, true);
        }
        if (toExclusive != null) {
            range = range.headMap(toExclusive, false);
        }
        return Collections.unmodifiableNavigableMap(range);
    }

    public NavigableMap<byte[], byte[]> entries() {
        return Collections.unmodifiableNavigableMap(entries);
    }

    /** An independent copy (the arrays are shared, they are never modified). */
    public ReferenceModel snapshot() {
        return new ReferenceModel(new TreeMap<>(entries));
    }

    @Override
    public String toString() {
        final StringBuilder text = new StringBuilder("ReferenceModel{size=").append(entries.size());
        int shown = 0;
        for (final Map.Entry<byte[], byte[]> entry : entries.entrySet()) {
            if (shown++ == 5) {
                text.append(", ...");
                break;
            }
            text.append(", ").append(Bytes.toHex(entry.getKey())).append('=').append(Bytes.toHex(entry.getValue()));
        }
        return text.append('}').toString();
    }
}
