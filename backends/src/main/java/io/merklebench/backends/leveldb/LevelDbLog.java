package io.merklebench.backends.leveldb;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32C;

/**
 * Reads the framing of one LevelDB write-ahead log ({@code NNNNNN.log}) to tell the two things LevelDB 1.8 (the
 * version inside leveldbjni) reports alike, as corruption: a <em>torn tail</em>, what a process killed while
 * appending leaves (the last record incomplete, or its bytes partly copied and the rest of its mapped region zero),
 * and <em>damage</em>, a bad record with good records after it. With paranoid checks LevelDB refuses both, so a
 * store could not be reopened after a kill; without them it drops both silently. Later LevelDB versions ignore a
 * torn tail as this class lets the store do.
 *
 * <p>The format ({@code doc/log_format.md} in LevelDB): 32 KiB blocks; a record never crosses a block; each has a
 * 7-byte header (masked CRC32C of type and payload, little-endian; 2-byte payload length; type: 1 full, 2 first,
 * 3 middle, 4 last) and its payload; fewer than 7 bytes left in a block are padding; a zero header is the unwritten
 * rest of a pre-allocated (memory-mapped) file and skips the rest of its block, as LevelDB does.
 *
 * <p>Telling the two apart: a kill interrupts a copy into the mapping, so a torn record is a correct header and
 * part of its payload, then zeros (the unwritten rest of the pre-allocated region). So a bad record is damage when
 * an intact record follows it anywhere (LevelDB itself skips the rest of the block, which hid damage in the last
 * block), when its header cannot come from a copy cut short (an unknown type, a length beyond a whole block), or when
 * the last {@value #WRITTEN_TAIL_BYTES} bytes of its payload are there (not all zero): it was written whole, so it
 * changed afterwards. What is left as torn: a bad checksum on the last record with a zero end. A damaged last
 * record whose payload really ends in {@value #WRITTEN_TAIL_BYTES} zero bytes is still taken for torn, and its loss
 * accepted; the seeded corruption suite found no such case. Stateless.
 */
final class LevelDbLog {
    static final int BLOCK_BYTES = 32 * 1024;
    static final int HEADER_BYTES = 7;
    private static final int FULL = 1;
    private static final int FIRST = 2;
    private static final int MIDDLE = 3;
    private static final int LAST = 4;
    private static final int CRC_MASK_DELTA = 0xa282ead8;
    /** How much of a bad record's end must be non-zero for it to count as written whole. */
    static final int WRITTEN_TAIL_BYTES = 16;
    private static final String CHECKSUM_MISMATCH = "checksum mismatch";

    private LevelDbLog() {
    }

    /** What a log holds. {@code offset} and {@code reason} name the first bad record; -1 and null when clean. */
    record Scan(Kind kind, long offset, String reason) {
        enum Kind { CLEAN, TORN_TAIL, DAMAGED }
    }

    static Scan scan(final Path log) throws IOException {
        final ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(log)).order(ByteOrder.LITTLE_ENDIAN);
        final int size = bytes.capacity();
        long firstBad = -1;
        String firstReason = null;
        boolean inFragmented = false;
        long fragmentStart = -1;
        boolean firstWrittenWhole = false;
        int blockStart = 0;
        while (blockStart < size) {
            final int blockEnd = Math.min(blockStart + BLOCK_BYTES, size);
            int position = blockStart;
            while (blockEnd - position >= HEADER_BYTES) {
                final int storedCrc = bytes.getInt(position);
                final int length = Short.toUnsignedInt(bytes.getShort(position + 4));
                final int type = Byte.toUnsignedInt(bytes.get(position + 6));
                if (type == 0 && length == 0) {
                    break; // pre-allocated space: the rest of this block was never written
                }
                final String problem = position + HEADER_BYTES + length > blockEnd ? "record length beyond its block"
                    : type < FULL || type > LAST ? "unknown record type " + type
                    : storedCrc != maskedCrc(bytes, position + 6, 1 + length) ? CHECKSUM_MISMATCH : null;
                if (problem != null) {
                    if (firstBad < 0) {
                        firstBad = position;
                        firstReason = problem;
                        // A record running past the end of the file is a write cut short, not damage.
                        final boolean pastEndOfFile = position + HEADER_BYTES + length > size;
                        firstWrittenWhole = !pastEndOfFile && (!CHECKSUM_MISMATCH.equals(problem)
                            || endIsWritten(bytes, position + HEADER_BYTES + length));
                    }
                    final int intact = intactRecordAfter(bytes, position + 1, blockEnd);
                    if (intact >= 0) {
                        return new Scan(Scan.Kind.DAMAGED, firstBad, firstReason + " (an intact record follows at offset "
                            + intact + ")");
                    }
                    inFragmented = false;
                    break; // LevelDB drops the rest of the block and reads on from the next one
                }
                if (firstBad >= 0) {
                    // A good record after a bad one: the bad one is damage, not a torn tail.
                    return new Scan(Scan.Kind.DAMAGED, firstBad, firstReason);
                }
                switch (type) {
                    case FULL -> inFragmented = false;
                    case FIRST -> {
                        inFragmented = true;
                        fragmentStart = position;
                    }
                    case MIDDLE, LAST -> {
                        if (!inFragmented) {
                            return new Scan(Scan.Kind.DAMAGED, position, "record fragment without its first part");
                        }
                        inFragmented = type == MIDDLE;
                    }
                    default -> throw new IllegalStateException("type checked above: " + type);
                }
                position += HEADER_BYTES + length;
            }
            blockStart += BLOCK_BYTES;
        }
        if (firstBad >= 0) {
            return firstWrittenWhole
                ? new Scan(Scan.Kind.DAMAGED, firstBad, firstReason + " in the last record, which was written whole")
                : new Scan(Scan.Kind.TORN_TAIL, firstBad, firstReason);
        }
        if (inFragmented) {
            return new Scan(Scan.Kind.TORN_TAIL, fragmentStart, "last record without its end");
        }
        return new Scan(Scan.Kind.CLEAN, -1, null);
    }

    /** Whether the {@value #WRITTEN_TAIL_BYTES} bytes before {@code recordEnd} hold a non-zero byte. */
    private static boolean endIsWritten(final ByteBuffer bytes, final int recordEnd) {
        for (int i = Math.max(0, recordEnd - WRITTEN_TAIL_BYTES); i < recordEnd; i++) {
            if (bytes.get(i) != 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * The offset of the first intact record (known type, fits the block, checksum matches) starting in
     * [{@code from}, {@code blockEnd}), or -1. Tries every byte offset, since a damaged length hides where the next
     * record starts; the type and length filter leaves few checksums to compute.
     */
    private static int intactRecordAfter(final ByteBuffer bytes, final int from, final int blockEnd) {
        for (int position = from; blockEnd - position >= HEADER_BYTES; position++) {
            final int length = Short.toUnsignedInt(bytes.getShort(position + 4));
            final int type = Byte.toUnsignedInt(bytes.get(position + 6));
            if (type >= FULL && type <= LAST && length > 0 && position + HEADER_BYTES + length <= blockEnd
                && bytes.getInt(position) == maskedCrc(bytes, position + 6, 1 + length)) {
                return position;
            }
        }
        return -1;
    }

    private static int maskedCrc(final ByteBuffer bytes, final int offset, final int length) {
        final CRC32C crc = new CRC32C();
        crc.update(bytes.array(), offset, length);
        final int value = (int) crc.getValue();
        return ((value >>> 15) | (value << 17)) + CRC_MASK_DELTA;
    }
}
