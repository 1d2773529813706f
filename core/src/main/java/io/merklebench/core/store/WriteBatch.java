package io.merklebench.core.store;

import io.merklebench.core.Bytes;

import java.util.Arrays;

/**
 * An ordered list of puts and deletes that a {@link KvStore} applies atomically at {@link KvStore#commit}.
 * Later operations on the same key win. Arrays passed in are kept by reference until the batch is cleared: the
 * caller must not modify them before the commit. Not thread-safe.
 */
public final class WriteBatch {
    private static final int INITIAL_CAPACITY = 16;

    private byte[][] keys = new byte[INITIAL_CAPACITY][];
    /** {@code null} marks a delete. */
    private byte[][] values = new byte[INITIAL_CAPACITY][];
    private int operationCount;
    private long payloadBytes;

    public WriteBatch put(final byte[] key, final byte[] value) {
        add(requireNonEmptyKey(key), Bytes.requireValue(value));
        payloadBytes += key.length + value.length;
        return this;
    }

    public WriteBatch delete(final byte[] key) {
        add(requireNonEmptyKey(key), null);
        payloadBytes += key.length;
        return this;
    }

    /** Appends every operation of {@code other}, in order (used by group commit to merge batches). */
    public WriteBatch addAll(final WriteBatch other) {
        for (int i = 0; i < other.operationCount; i++) {
            add(other.keys[i], other.values[i]);
        }
        payloadBytes += other.payloadBytes;
        return this;
    }

    public int size() {
        return operationCount;
    }

    public boolean isEmpty() {
        return operationCount == 0;
    }

    /** Sum of key and value lengths of all operations: the logical bytes a commit writes. */
    public long payloadBytes() {
        return payloadBytes;
    }

    public byte[] key(final int operationIndex) {
        return keys[checkIndex(operationIndex)];
    }

    /** The value of a put, or {@code null} for a delete. */
    public byte[] value(final int operationIndex) {
        return values[checkIndex(operationIndex)];
    }

    public boolean isDelete(final int operationIndex) {
        return values[checkIndex(operationIndex)] == null;
    }

    /** Visits operations in order; {@code value} is {@code null} for a delete. */
    public void forEach(final Operation visitor) {
        for (int i = 0; i < operationCount; i++) {
            visitor.apply(keys[i], values[i]);
        }
    }

    public void clear() {
        Arrays.fill(keys, 0, operationCount, null);
        Arrays.fill(values, 0, operationCount, null);
        operationCount = 0;
        payloadBytes = 0;
    }

    /** One batch operation: a put when {@code value != null}, else a delete. */
    @FunctionalInterface
    public interface Operation {
        void apply(byte[] key, byte[] value);
    }

    private void add(final byte[] key, final byte[] value) {
        if (operationCount == keys.length) {
            keys = Arrays.copyOf(keys, operationCount * 2);
            values = Arrays.copyOf(values, operationCount * 2);
        }
        keys[operationCount] = key;
        values[operationCount] = value;
        operationCount++;
    }

    private int checkIndex(final int operationIndex) {
        if (operationIndex < 0 || operationIndex >= operationCount) {
            throw new IndexOutOfBoundsException("operationIndex=" + operationIndex + " size=" + operationCount);
        }
        return operationIndex;
    }

    private static byte[] requireNonEmptyKey(final byte[] key) {
        if (Bytes.requireKey(key).length == 0) {
            throw new IllegalArgumentException("key must be at least one byte long");
        }
        return key;
    }
}
