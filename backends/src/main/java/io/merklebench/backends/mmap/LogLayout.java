package io.merklebench.backends.mmap;

/**
 * Byte layout of the mmap store's log file. All integers are little-endian.
 *
 * <pre>
 * file:    | file header (16) | record | record | ... | zeros to the end of the file |
 *
 * file header:
 *   0  magic          8  "MBMMLOG1"
 *   8  formatVersion  4  2
 *  12  reserved       4  0
 *
 * record (starts at a multiple of 8; zero padding up to the next multiple of 8, then the end mark, follow it):
 *   0  recordLength   4  bytes from the record's first byte to its last payload byte
 *   4  crc32c         4  CRC32C of bytes [0,4) and [8, recordLength)
 *   8  sequence       8  1 for the first record, then +1 per record
 *  16  operationCount 4
 *  20  operations:   put    = [type=1:1][keyLength:4][valueLength:4][key][value]
 *                    delete = [type=2:1][keyLength:4][key]
 *
 * end mark (8, at the first multiple of 8 after the record): the record's sequence, written after the record
 * </pre>
 * One commit is one record, so a batch is on disk whole (its checksum matches) or not at all. A record length of 0
 * marks the end of the log: the file is grown with zeros and a cut tail is zeroed.
 *
 * <p>The end mark tells a torn last record from a damaged one (format 1 had none, and a flipped byte in the last
 * record was cut as a torn tail: a durable commit silently lost). A record cut short by a crash was never
 * acknowledged and has no end mark yet, since the mark is written after it; a record whose end mark is there was
 * written whole, so a bad checksum means its bytes changed afterwards.
 */
final class LogLayout {
    static final long MAGIC = 0x31474f4c4d4d424dL; // "MBMMLOG1" read as a little-endian long
    static final int FORMAT_VERSION = 2;

    static final int MAGIC_OFFSET = 0;
    static final int FORMAT_VERSION_OFFSET = MAGIC_OFFSET + Long.BYTES;
    static final int FILE_HEADER_LENGTH = 16;

    static final int RECORD_LENGTH_OFFSET = 0;
    static final int CRC_OFFSET = RECORD_LENGTH_OFFSET + Integer.BYTES;
    static final int SEQUENCE_OFFSET = CRC_OFFSET + Integer.BYTES;
    static final int OPERATION_COUNT_OFFSET = SEQUENCE_OFFSET + Long.BYTES;
    static final int RECORD_HEADER_LENGTH = OPERATION_COUNT_OFFSET + Integer.BYTES;

    static final byte PUT = 1;
    static final byte DELETE = 2;
    static final int PUT_HEADER_LENGTH = 1 + Integer.BYTES + Integer.BYTES;
    static final int DELETE_HEADER_LENGTH = 1 + Integer.BYTES;

    static final int END_MARK_LENGTH = Long.BYTES;

    /** Records start at multiples of this, so a record header never straddles two mapped segments. */
    static final int RECORD_ALIGNMENT = 8;
    /** The largest record: lengths are Java ints and arrays hold at most this many bytes. */
    static final int MAX_RECORD_LENGTH = Integer.MAX_VALUE - 64;

    private LogLayout() {
    }

    /** The bytes a record of {@code recordLength} takes in the log: itself, its padding and its end mark. */
    static long framedLength(final long recordLength) {
        return aligned(recordLength) + END_MARK_LENGTH;
    }

    /** {@code length} rounded up to the record alignment. */
    static long aligned(final long length) {
        return (length + RECORD_ALIGNMENT - 1) & -RECORD_ALIGNMENT;
    }
}
