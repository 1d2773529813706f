package io.merklebench.backends.mmap;

import io.merklebench.core.store.StoreDamageException;
import io.merklebench.core.store.StoreException;

import java.util.Arrays;

import static io.merklebench.backends.mmap.LogLayout.FILE_HEADER_LENGTH;
import static io.merklebench.backends.mmap.LogLayout.RECORD_ALIGNMENT;
import static io.merklebench.backends.mmap.LogLayout.RECORD_HEADER_LENGTH;

/**
 * Replays the log on open: applies every intact record in sequence to the index, finds where the log ends, and
 * decides what the bytes after that end are.
 *
 * <p>Policy, given that records are appended one at a time and a durable commit is synced before the next record is
 * written:
 * <ul>
 *   <li>The log ends at the first position holding a zero length, a length that does not fit, a checksum mismatch or
 *   a sequence that does not follow. Everything before is applied.</li>
 *   <li>If some later position holds an intact record with a higher sequence number, the bad record is in the middle
 *   of the log: committed data would be dropped by cutting there, so open fails with a {@link StoreException} naming
 *   the offset, instead of silently skipping it.</li>
 *   <li>If the bad record at the end has its end mark ({@link LogLayout}), it was written whole and then damaged:
 *   open fails too.</li>
 *   <li>Otherwise any non-zero bytes after the end are a torn tail (a record cut short by a crash, never acknowledged
 *   as durable): they are zeroed and synced, so they can never be read as data, and the cut is reported.</li>
 * </ul>
 * One caveat, documented rather than guessed around: after a power cut with non-durable commits, the OS may have
 * written a later page of the log but not an earlier one; open then reports corruption in the middle.
 * Not thread-safe; runs once before the store is published.
 */
final class LogRecovery {
    /** Zeroing a cut tail writes, and scanning the tail reads, this many bytes at a time. */
    private static final int ZERO_CHUNK_BYTES = 64 << 10;
    private static final int SCAN_CHUNK_BYTES = ZERO_CHUNK_BYTES;
    private static final byte[] ZEROS = new byte[SCAN_CHUNK_BYTES];

    private LogRecovery() {
    }

    /** What recovery found: where appending resumes, and what was cut. */
    record Result(long endOffset, long lastSequence, long recordCount, long cutTailBytes) {
    }

    static Result recover(final MappedLogFile log, final RecordCodec.OperationSink index) {
        long offset = FILE_HEADER_LENGTH;
        long lastSequence = 0;
        long recordCount = 0;
        while (true) {
            final byte[] record = intactRecordAt(log, offset);
            if (record == null || RecordCodec.sequence(record) != lastSequence + 1) {
                break;
            }
            RecordCodec.decode(record, offset, index);
            lastSequence++;
            recordCount++;
            offset += LogLayout.framedLength(record.length);
        }
        final long endOffset = offset;
        long lastNonZeroOffset = -1;
        final byte[] chunk = new byte[SCAN_CHUNK_BYTES];
        for (long chunkOffset = endOffset; chunkOffset < log.lengthBytes(); chunkOffset += SCAN_CHUNK_BYTES) {
            final int chunkLength = (int)Math.min(SCAN_CHUNK_BYTES, log.lengthBytes() - chunkOffset);
            log.read(chunkOffset, chunk, 0, chunkLength);
            // Almost all of the tail is zeros: one vectorized comparison per chunk skips it.
            if (Arrays.mismatch(chunk, 0, chunkLength, ZEROS, 0, chunkLength) < 0) {
                continue;
            }
            for (long probe = chunkOffset; probe + Long.BYTES <= chunkOffset + chunkLength; probe += RECORD_ALIGNMENT) {
                if (log.readLong(probe) == 0) {
                    continue;
                }
                lastNonZeroOffset = probe;
                if (couldStartLaterRecord(log, probe, lastSequence)) {
                    final byte[] later = intactRecordAt(log, probe);
                    if (later != null) {
                        throw new StoreException(log.storeName() + " log is corrupt in the middle: the record at fileOffset=" + endOffset
                            + " is damaged (bad length or checksum) but an intact later record follows (sequence="
                            + RecordCodec.sequence(later) + " at fileOffset=" + probe + ", last good sequence="
                            + lastSequence + "); refusing to open rather than drop committed data: "
                            + log.file().toAbsolutePath());
                    }
                }
            }
        }
        refuseDamagedLastRecord(log, endOffset, lastSequence);
        final long cutTailBytes = lastNonZeroOffset < 0 ? 0 : lastNonZeroOffset + Long.BYTES - endOffset;
        if (cutTailBytes > 0 && !log.readOnly()) {
            // Read-only opens leave the torn tail in place: the index holds only the records before it anyway.
            zero(log, endOffset, cutTailBytes);
        }
        return new Result(endOffset, lastSequence, recordCount, cutTailBytes);
    }

    /**
     * Refuses a bad record at the end of the log that was written whole: its length fits and its end mark, written
     * after it, is there. Such a record was acknowledged (or could have been) and changed afterwards; cutting it
     * as a torn tail would silently drop a durable commit.
     */
    private static void refuseDamagedLastRecord(final MappedLogFile log, final long offset, final long lastSequence) {
        if (offset + RECORD_HEADER_LENGTH > log.lengthBytes()) {
            return;
        }
        final int recordLength = log.readInt(offset);
        if (recordLength < RECORD_HEADER_LENGTH || recordLength > LogLayout.MAX_RECORD_LENGTH
            || offset + LogLayout.framedLength(recordLength) > log.lengthBytes()) {
            return;
        }
        final long endMark = log.readLong(offset + LogLayout.aligned(recordLength));
        if (endMark != 0) {
            throw new StoreDamageException(log.storeName() + " log is damaged: the record at fileOffset=" + offset + " (recordLength="
                + recordLength + ", after sequence " + lastSequence + ") was written whole (its end mark is there) but"
                + " its checksum or sequence does not match; refusing to open rather than drop a committed record: "
                + log.file().toAbsolutePath());
        }
    }

    /**
     * A cheap filter before the checksum: a later record's sequence is above the last good one and below the number of
     * records that could fit, which random garbage almost never is (so garbage costs no CRC over huge lengths).
     */
    private static boolean couldStartLaterRecord(final MappedLogFile log, final long offset, final long lastSequence) {
        if (offset + RECORD_HEADER_LENGTH > log.lengthBytes()) {
            return false;
        }
        final long sequence = log.readLong(offset + LogLayout.SEQUENCE_OFFSET);
        final long maxRecords = log.lengthBytes() / RECORD_HEADER_LENGTH;
        return sequence > lastSequence && sequence - lastSequence <= maxRecords;
    }

    /** The bytes of the record at {@code offset} when it is intact, else {@code null}. */
    private static byte[] intactRecordAt(final MappedLogFile log, final long offset) {
        if (offset + RECORD_HEADER_LENGTH > log.lengthBytes()) {
            return null;
        }
        final int recordLength = log.readInt(offset);
        if (recordLength < RECORD_HEADER_LENGTH || recordLength > LogLayout.MAX_RECORD_LENGTH
            || offset + recordLength > log.lengthBytes()) {
            return null;
        }
        final byte[] record = new byte[recordLength];
        log.read(offset, record, 0, recordLength);
        return RecordCodec.isIntact(record) ? record : null;
    }

    private static void zero(final MappedLogFile log, final long fromOffset, final long length) {
        for (long done = 0; done < length; done += ZERO_CHUNK_BYTES) {
            log.write(fromOffset + done, ZEROS, 0, (int)Math.min(ZERO_CHUNK_BYTES, length - done));
        }
        log.force(fromOffset, length);
    }
}
