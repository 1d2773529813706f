package io.merklebench.backends.mmap;

import io.merklebench.core.store.StoreException;
import io.merklebench.core.store.WriteBatch;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.zip.CRC32C;

import static io.merklebench.backends.mmap.LogLayout.CRC_OFFSET;
import static io.merklebench.backends.mmap.LogLayout.DELETE;
import static io.merklebench.backends.mmap.LogLayout.DELETE_HEADER_LENGTH;
import static io.merklebench.backends.mmap.LogLayout.MAX_RECORD_LENGTH;
import static io.merklebench.backends.mmap.LogLayout.OPERATION_COUNT_OFFSET;
import static io.merklebench.backends.mmap.LogLayout.PUT;
import static io.merklebench.backends.mmap.LogLayout.PUT_HEADER_LENGTH;
import static io.merklebench.backends.mmap.LogLayout.RECORD_HEADER_LENGTH;
import static io.merklebench.backends.mmap.LogLayout.RECORD_LENGTH_OFFSET;
import static io.merklebench.backends.mmap.LogLayout.SEQUENCE_OFFSET;

/**
 * Encodes a {@link WriteBatch} as one log record and decodes records back into operations (see {@link LogLayout}).
 * Stateless and thread-safe.
 */
final class RecordCodec {
    private RecordCodec() {
    }

    /** Receives the operations of a decoded record; keys are fresh arrays the sink may keep. */
    interface OperationSink {
        /** A put whose value lies at {@code valueFileOffset} in the log file. */
        void put(byte[] key, long valueFileOffset, int valueLength);

        void delete(byte[] key);
    }

    /** The whole record for {@code batch}, checksum included. */
    static byte[] encode(final WriteBatch batch, final long sequence) {
        long recordLength = RECORD_HEADER_LENGTH;
        for (int i = 0; i < batch.size(); i++) {
            final byte[] value = batch.value(i);
            recordLength += value == null
                ? DELETE_HEADER_LENGTH + batch.key(i).length
                : PUT_HEADER_LENGTH + batch.key(i).length + value.length;
        }
        if (recordLength > MAX_RECORD_LENGTH) {
            throw new StoreException("batch too large for one log record: recordBytes=" + recordLength
                + " maxRecordBytes=" + MAX_RECORD_LENGTH);
        }
        final byte[] record = new byte[(int)recordLength];
        final ByteBuffer buffer = ByteBuffer.wrap(record).order(ByteOrder.LITTLE_ENDIAN);
        buffer.putInt(RECORD_LENGTH_OFFSET, record.length);
        buffer.putLong(SEQUENCE_OFFSET, sequence);
        buffer.putInt(OPERATION_COUNT_OFFSET, batch.size());
        buffer.position(RECORD_HEADER_LENGTH);
        for (int i = 0; i < batch.size(); i++) {
            final byte[] key = batch.key(i);
            final byte[] value = batch.value(i);
            if (value == null) {
                buffer.put(DELETE).putInt(key.length).put(key);
            } else {
                buffer.put(PUT).putInt(key.length).putInt(value.length).put(key).put(value);
            }
        }
        buffer.putInt(CRC_OFFSET, checksum(record));
        return record;
    }

    /** The CRC32C a record of these bytes must carry: over everything but the checksum field itself. */
    static int checksum(final byte[] record) {
        final CRC32C crc = new CRC32C();
        crc.update(record, RECORD_LENGTH_OFFSET, Integer.BYTES);
        crc.update(record, SEQUENCE_OFFSET, record.length - SEQUENCE_OFFSET);
        return (int)crc.getValue();
    }

    /** Whether {@code record} (exactly one record's bytes) carries a matching checksum and its own length. */
    static boolean isIntact(final byte[] record) {
        final ByteBuffer buffer = ByteBuffer.wrap(record).order(ByteOrder.LITTLE_ENDIAN);
        return record.length >= RECORD_HEADER_LENGTH
            && buffer.getInt(RECORD_LENGTH_OFFSET) == record.length
            && buffer.getInt(CRC_OFFSET) == checksum(record);
    }

    static long sequence(final byte[] record) {
        return ByteBuffer.wrap(record).order(ByteOrder.LITTLE_ENDIAN).getLong(SEQUENCE_OFFSET);
    }

    /**
     * Visits the operations of an intact record, which starts at {@code recordFileOffset} in the log, in order.
     *
     * @throws StoreException when the operations do not fit the record (a bug or a checksum collision)
     */
    static void decode(final byte[] record, final long recordFileOffset, final OperationSink sink) {
        final ByteBuffer buffer = ByteBuffer.wrap(record).order(ByteOrder.LITTLE_ENDIAN);
        final int operationCount = buffer.getInt(OPERATION_COUNT_OFFSET);
        buffer.position(RECORD_HEADER_LENGTH);
        try {
            for (int i = 0; i < operationCount; i++) {
                final byte type = buffer.get();
                final int keyLength = buffer.getInt();
                if (type == PUT) {
                    final int valueLength = buffer.getInt();
                    final byte[] key = Arrays.copyOfRange(record, buffer.position(), buffer.position() + keyLength);
                    final int valueOffset = buffer.position() + keyLength;
                    if (valueLength < 0 || valueOffset + valueLength > record.length) {
                        throw new IndexOutOfBoundsException("valueLength=" + valueLength);
                    }
                    buffer.position(valueOffset + valueLength);
                    sink.put(key, recordFileOffset + valueOffset, valueLength);
                } else if (type == DELETE) {
                    final byte[] key = Arrays.copyOfRange(record, buffer.position(), buffer.position() + keyLength);
                    buffer.position(buffer.position() + keyLength);
                    sink.delete(key);
                } else {
                    throw new IllegalStateException("operation type=" + type);
                }
            }
        } catch (final RuntimeException e) {
            throw new StoreException("log record with a valid checksum has malformed operations: sequence="
                + sequence(record) + " recordLength=" + record.length, e);
        }
    }
}
