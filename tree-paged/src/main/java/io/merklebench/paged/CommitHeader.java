package io.merklebench.paged;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

import static io.merklebench.paged.PageLayout.*;

/**
 * The root pointer of a paged tree: which version is the newest, where its root page and the meta chain (kept
 * versions, free pages) are, and how many pages the file has used. Written last at each commit, into the older of
 * two slots, so a torn header write leaves the previous one readable. Immutable.
 *
 * @param sequence      commit counter; the slot with the highest valid sequence wins
 * @param rootHash      the root hash of {@code version}, checked against the root page when the tree opens
 * @param pageCount     pages allocated so far (the high-water mark); pages at or above it are unused garbage
 */
public record CommitHeader(
    int pageLength, int nodesPerPage, long sequence, long version, int rootPageIndex, byte[] rootHash,
    int metaPageIndex, int metaPageCount, int pageCount) {

    public byte[] encode() {
        final byte[] bytes = new byte[HEADER_LENGTH];
        final ByteBuffer buffer = ByteBuffer.wrap(bytes);
        buffer.putInt(HEADER_MAGIC_OFFSET, HEADER_MAGIC);
        buffer.putInt(HEADER_FORMAT_OFFSET, FORMAT_VERSION);
        buffer.putInt(HEADER_PAGE_LENGTH_OFFSET, pageLength);
        buffer.putInt(HEADER_NODES_PER_PAGE_OFFSET, nodesPerPage);
        buffer.putLong(HEADER_SEQUENCE_OFFSET, sequence);
        buffer.putLong(HEADER_VERSION_OFFSET, version);
        buffer.putInt(HEADER_ROOT_PAGE_INDEX_OFFSET, rootPageIndex);
        buffer.put(HEADER_ROOT_HASH_OFFSET, rootHash, 0, HASH_LENGTH);
        buffer.putInt(HEADER_META_PAGE_INDEX_OFFSET, metaPageIndex);
        buffer.putInt(HEADER_META_PAGE_COUNT_OFFSET, metaPageCount);
        buffer.putInt(HEADER_PAGE_COUNT_OFFSET, pageCount);
        buffer.putInt(HEADER_CHECKSUM_OFFSET, checksum(bytes, 0));
        return bytes;
    }

    /** Decodes a header that {@link #problem} accepted. */
    public static CommitHeader decode(final byte[] bytes) {
        final String problem = problem(bytes, 0);
        if (problem != null) {
            throw new IllegalArgumentException("not a valid commit header: " + problem);
        }
        final ByteBuffer buffer = ByteBuffer.wrap(bytes);
        final byte[] rootHash = new byte[HASH_LENGTH];
        buffer.get(HEADER_ROOT_HASH_OFFSET, rootHash, 0, HASH_LENGTH);
        return new CommitHeader(
            buffer.getInt(HEADER_PAGE_LENGTH_OFFSET), buffer.getInt(HEADER_NODES_PER_PAGE_OFFSET),
            buffer.getLong(HEADER_SEQUENCE_OFFSET), buffer.getLong(HEADER_VERSION_OFFSET),
            buffer.getInt(HEADER_ROOT_PAGE_INDEX_OFFSET), rootHash,
            buffer.getInt(HEADER_META_PAGE_INDEX_OFFSET), buffer.getInt(HEADER_META_PAGE_COUNT_OFFSET),
            buffer.getInt(HEADER_PAGE_COUNT_OFFSET));
    }

    /** Why the header at {@code offset} is unusable ({@code "all zero"}, bad magic, bad checksum), or {@code null}. */
    public static String problem(final byte[] bytes, final int offset) {
        boolean allZero = true;
        for (int i = 0; i < HEADER_LENGTH && allZero; i++) {
            allZero = bytes[offset + i] == 0;
        }
        if (allZero) {
            return ALL_ZERO;
        }
        final ByteBuffer buffer = ByteBuffer.wrap(bytes);
        final int magic = buffer.getInt(offset + HEADER_MAGIC_OFFSET);
        if (magic != HEADER_MAGIC) {
            return "bad magic=0x" + Integer.toHexString(magic);
        }
        final int stored = buffer.getInt(offset + HEADER_CHECKSUM_OFFSET);
        final int computed = checksum(bytes, offset);
        if (stored != computed) {
            return "checksum mismatch stored=0x" + Integer.toHexString(stored) + " computed=0x" + Integer.toHexString(computed);
        }
        final int format = buffer.getInt(offset + HEADER_FORMAT_OFFSET);
        if (format != FORMAT_VERSION) {
            return "unsupported format=" + format + " (this build reads format=" + FORMAT_VERSION + ")";
        }
        return null;
    }

    /** The {@link #problem} text for a slot that was never written. */
    public static final String ALL_ZERO = "all zero";

    public static long sequenceOf(final byte[] bytes, final int offset) {
        return ByteBuffer.wrap(bytes).getLong(offset + HEADER_SEQUENCE_OFFSET);
    }

    private static int checksum(final byte[] bytes, final int offset) {
        final CRC32C crc = new CRC32C();
        crc.update(bytes, offset + HEADER_MAGIC_OFFSET, HEADER_LENGTH - HEADER_MAGIC_OFFSET);
        return (int)crc.getValue();
    }
}
