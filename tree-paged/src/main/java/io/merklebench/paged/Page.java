package io.merklebench.paged;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.CRC32C;

import static io.merklebench.paged.PageLayout.*;

/**
 * A flyweight over one page's bytes: a {@link ByteBuffer} (a mapped file segment or a wrapped array) and the page's
 * first byte in it. Re-{@link #wrap wrap} it to move to another page; nothing is copied. Field access uses absolute
 * gets and puts, so the buffer's position and limit are never touched and several flyweights may read one buffer
 * from different threads. Not thread-safe itself.
 */
public final class Page {
    private ByteBuffer buffer;
    private int base;
    private int pageLength;

    public Page wrap(final ByteBuffer pageBuffer, final int pageBase, final int length) {
        this.buffer = pageBuffer;
        this.base = pageBase;
        this.pageLength = length;
        return this;
    }

    public ByteBuffer buffer() {
        return buffer;
    }

    public int base() {
        return base;
    }

    public int pageLength() {
        return pageLength;
    }

    /** CRC32C of every byte after the checksum field. */
    public int computeChecksum() {
        final CRC32C crc = new CRC32C();
        final ByteBuffer view = buffer.duplicate();
        view.limit(base + pageLength).position(base + KIND_OFFSET);
        crc.update(view);
        return (int)crc.getValue();
    }

    public int storedChecksum() {
        return buffer.getInt(base + CHECKSUM_OFFSET);
    }

    public void sealChecksum() {
        buffer.putInt(base + CHECKSUM_OFFSET, computeChecksum());
    }

    public byte kind() {
        return buffer.get(base + KIND_OFFSET);
    }

    public int nodeCount() {
        return buffer.get(base + NODE_COUNT_OFFSET) & 0xff;
    }

    public int pageIndex() {
        return buffer.getInt(base + PAGE_INDEX_OFFSET);
    }

    public long birthVersion() {
        return buffer.getLong(base + BIRTH_VERSION_OFFSET);
    }

    public int dataLength() {
        return buffer.getInt(base + DATA_LENGTH_OFFSET);
    }

    public int nextPageIndex() {
        return buffer.getInt(base + NEXT_PAGE_INDEX_OFFSET);
    }

    public void putHeader(
        final byte kind, final int nodeCount, final int pageIndex, final long birthVersion,
        final int dataLength, final int nextPageIndex) {
        buffer.put(base + KIND_OFFSET, kind);
        buffer.put(base + NODE_COUNT_OFFSET, (byte)nodeCount);
        buffer.putInt(base + PAGE_INDEX_OFFSET, pageIndex);
        buffer.putLong(base + BIRTH_VERSION_OFFSET, birthVersion);
        buffer.putInt(base + DATA_LENGTH_OFFSET, dataLength);
        buffer.putInt(base + NEXT_PAGE_INDEX_OFFSET, nextPageIndex);
    }

    public int height(final int slotIndex) {
        return buffer.get(base + slotOffset(slotIndex) + HEIGHT_OFFSET) & 0xff;
    }

    public boolean isLeaf(final int slotIndex) {
        return height(slotIndex) == 0;
    }

    public int flags(final int slotIndex) {
        return buffer.get(base + slotOffset(slotIndex) + FLAGS_OFFSET) & 0xff;
    }

    public boolean isOverflow(final int slotIndex) {
        return (flags(slotIndex) & FLAG_OVERFLOW) != 0;
    }

    public int leftSlotIndex(final int slotIndex) {
        return buffer.get(base + slotOffset(slotIndex) + LEFT_SLOT_OFFSET) & 0xff;
    }

    public int rightSlotIndex(final int slotIndex) {
        return buffer.get(base + slotOffset(slotIndex) + RIGHT_SLOT_OFFSET) & 0xff;
    }

    public int leftPageIndex(final int slotIndex) {
        return buffer.getInt(base + slotOffset(slotIndex) + LEFT_PAGE_INDEX_OFFSET);
    }

    public int rightPageIndex(final int slotIndex) {
        return buffer.getInt(base + slotOffset(slotIndex) + RIGHT_PAGE_INDEX_OFFSET);
    }

    public int keyLength(final int slotIndex) {
        return buffer.getInt(base + slotOffset(slotIndex) + KEY_LENGTH_OFFSET);
    }

    public int valueLength(final int slotIndex) {
        return buffer.getInt(base + slotOffset(slotIndex) + VALUE_LENGTH_OFFSET);
    }

    /** Page offset of the inline key (value follows it), or the first overflow pageIndex when overflowed. */
    public int dataOffset(final int slotIndex) {
        return buffer.getInt(base + slotOffset(slotIndex) + DATA_OFFSET_OFFSET);
    }

    public long version(final int slotIndex) {
        return buffer.getLong(base + slotOffset(slotIndex) + VERSION_OFFSET);
    }

    public long size(final int slotIndex) {
        return buffer.getLong(base + slotOffset(slotIndex) + SIZE_OFFSET);
    }

    public void hashInto(final int slotIndex, final byte[] dst, final int dstOffset) {
        buffer.get(base + slotOffset(slotIndex) + HASH_OFFSET, dst, dstOffset, HASH_LENGTH);
    }

    public byte[] hash(final int slotIndex) {
        final byte[] hash = new byte[HASH_LENGTH];
        hashInto(slotIndex, hash, 0);
        return hash;
    }

    /** Copies {@code length} bytes at page offset {@code pageOffsetInPage} into {@code dst}. */
    public void getBytes(final int offsetInPage, final byte[] dst, final int dstOffset, final int length) {
        buffer.get(base + offsetInPage, dst, dstOffset, length);
    }

    public void putBytes(final int offsetInPage, final byte[] src, final int srcOffset, final int length) {
        buffer.put(base + offsetInPage, src, srcOffset, length);
    }

    /**
     * Compares {@code key} with the inline key of a slot, as unsigned bytes: negative when {@code key} sorts first.
     * The slot must not be overflowed.
     */
    public int compareInlineKey(final byte[] key, final int slotIndex) {
        final int keyLength = keyLength(slotIndex);
        final int start = base + dataOffset(slotIndex);
        final ByteBuffer bytes = buffer;
        if (bytes.hasArray()) {
            // A page copy from a key-value store: the JDK's vectorised compare on the backing array.
            final int from = bytes.arrayOffset() + start;
            return Arrays.compareUnsigned(key, 0, key.length, bytes.array(), from, from + keyLength);
        }
        final int common = Math.min(key.length, keyLength);
        for (int i = 0; i < common; i++) {
            final int a = key[i] & 0xff;
            final int b = bytes.get(start + i) & 0xff;
            if (a != b) {
                return a - b;
            }
        }
        return key.length - keyLength;
    }

    public void putSlot(
        final int slotIndex, final int height, final int flags,
        final int leftPageIndex, final int leftSlotIndex, final int rightPageIndex, final int rightSlotIndex,
        final int keyLength, final int valueLength, final int dataOffset,
        final long version, final long size, final byte[] hash) {
        final int slot = base + slotOffset(slotIndex);
        final ByteBuffer bytes = buffer;
        bytes.put(slot + HEIGHT_OFFSET, (byte)height);
        bytes.put(slot + FLAGS_OFFSET, (byte)flags);
        bytes.put(slot + LEFT_SLOT_OFFSET, (byte)leftSlotIndex);
        bytes.put(slot + RIGHT_SLOT_OFFSET, (byte)rightSlotIndex);
        bytes.putInt(slot + LEFT_PAGE_INDEX_OFFSET, leftPageIndex);
        bytes.putInt(slot + RIGHT_PAGE_INDEX_OFFSET, rightPageIndex);
        bytes.putInt(slot + KEY_LENGTH_OFFSET, keyLength);
        bytes.putInt(slot + VALUE_LENGTH_OFFSET, valueLength);
        bytes.putInt(slot + DATA_OFFSET_OFFSET, dataOffset);
        bytes.putLong(slot + VERSION_OFFSET, version);
        bytes.putLong(slot + SIZE_OFFSET, size);
        bytes.put(slot + HASH_OFFSET, hash, 0, HASH_LENGTH);
    }
}
