package io.merklebench.paged;

/**
 * Byte layout of the paged engine's files: the commit header slots and the fixed-size pages (tree, overflow and
 * meta pages). All integers are big-endian (the {@link java.nio.ByteBuffer} default).
 *
 * <pre>
 * Page (pageLength bytes: 4096 for paged15, 8192 for paged31)
 * +----------+------+-----------+------+-----------+-----------+--------------+------------+---------------------+
 * | checksum | kind | nodeCount | pad  | pageIndex | reserved  | birthVersion | dataLength | nextPageIndex       |
 * |    4     |  1   |     1     |  2   |     4     |     4     |      8       |     4      |        4            |
 * +----------+------+-----------+------+-----------+-----------+--------------+------------+---------------------+
 * | tree page: maxSlots slots of SLOT_LENGTH bytes, then the data area (inline keys and values)                  |
 * | overflow / meta page: dataLength payload bytes, continued in nextPageIndex (NULL_PAGE_INDEX ends the chain)  |
 * +--------------------------------------------------------------------------------------------------------------+
 *
 * Slot (one node, SLOT_LENGTH = 72 bytes, slotOffset = PAGE_HEADER_LENGTH + slotIndex * SLOT_LENGTH)
 * +--------+-------+-----------+------------+---------------+----------------+-----------+-------------+------------+
 * | height | flags | leftSlot  | rightSlot  | leftPageIndex | rightPageIndex | keyLength | valueLength | dataOffset |
 * |   1    |   1   |     1     |     1      |       4       |       4        |     4     |      4      |     4      |
 * +--------+-------+-----------+------------+---------------+----------------+-----------+-------------+------------+
 * | version 8 | size 8 | hash 32                                                                                  |
 * +---------------------------------------------------------------------------------------------------------------+
 * dataOffset: page offset of key bytes followed by value bytes, or with FLAG_OVERFLOW the first overflow pageIndex.
 * A child inside the page has childPageIndex == the page's own index; a child outside it is another page's slot 0.
 *
 * Commit header (HEADER_LENGTH used bytes in each of the two HEADER_SLOT_LENGTH slots at file offset 0)
 * +----------+-------+--------+------------+-------------+----------+---------+---------------+----------+
 * | checksum | magic | format | pageLength | nodesPerPage| sequence | version | rootPageIndex | rootHash |
 * |    4     |   4   |   4    |     4      |      4      |    8     |    8    |       4       |    32    |
 * +----------+-------+--------+------------+-------------+----------+---------+---------------+----------+
 * | metaPageIndex 4 | metaPageCount 4 | pageCount 4 |
 * +-----------------+-----------------+-------------+
 * </pre>
 * Checksums are CRC32C over every byte of the page (or header) after the checksum field.
 */
public final class PageLayout {
    public static final int SIZE_OF_BYTE = 1;
    public static final int SIZE_OF_SHORT = 2;
    public static final int SIZE_OF_INT = 4;
    public static final int SIZE_OF_LONG = 8;
    public static final int HASH_LENGTH = 32;

    /** No page: an empty tree's root, the end of a chain, no meta yet. */
    public static final int NULL_PAGE_INDEX = -1;

    public static final byte KIND_TREE = 1;
    public static final byte KIND_OVERFLOW = 2;
    public static final byte KIND_META = 3;

    // Page header
    public static final int CHECKSUM_OFFSET = 0;
    public static final int KIND_OFFSET = CHECKSUM_OFFSET + SIZE_OF_INT;
    public static final int NODE_COUNT_OFFSET = KIND_OFFSET + SIZE_OF_BYTE;
    public static final int PAGE_INDEX_OFFSET = NODE_COUNT_OFFSET + SIZE_OF_BYTE + SIZE_OF_SHORT;
    public static final int BIRTH_VERSION_OFFSET = PAGE_INDEX_OFFSET + SIZE_OF_INT + SIZE_OF_INT;
    public static final int DATA_LENGTH_OFFSET = BIRTH_VERSION_OFFSET + SIZE_OF_LONG;
    public static final int NEXT_PAGE_INDEX_OFFSET = DATA_LENGTH_OFFSET + SIZE_OF_INT;
    public static final int PAGE_HEADER_LENGTH = NEXT_PAGE_INDEX_OFFSET + SIZE_OF_INT;

    // Slot, relative to slotOffset
    public static final int HEIGHT_OFFSET = 0;
    public static final int FLAGS_OFFSET = HEIGHT_OFFSET + SIZE_OF_BYTE;
    public static final int LEFT_SLOT_OFFSET = FLAGS_OFFSET + SIZE_OF_BYTE;
    public static final int RIGHT_SLOT_OFFSET = LEFT_SLOT_OFFSET + SIZE_OF_BYTE;
    public static final int LEFT_PAGE_INDEX_OFFSET = RIGHT_SLOT_OFFSET + SIZE_OF_BYTE;
    public static final int RIGHT_PAGE_INDEX_OFFSET = LEFT_PAGE_INDEX_OFFSET + SIZE_OF_INT;
    public static final int KEY_LENGTH_OFFSET = RIGHT_PAGE_INDEX_OFFSET + SIZE_OF_INT;
    public static final int VALUE_LENGTH_OFFSET = KEY_LENGTH_OFFSET + SIZE_OF_INT;
    public static final int DATA_OFFSET_OFFSET = VALUE_LENGTH_OFFSET + SIZE_OF_INT;
    public static final int VERSION_OFFSET = DATA_OFFSET_OFFSET + SIZE_OF_INT;
    public static final int SIZE_OFFSET = VERSION_OFFSET + SIZE_OF_LONG;
    public static final int HASH_OFFSET = SIZE_OFFSET + SIZE_OF_LONG;
    public static final int SLOT_LENGTH = HASH_OFFSET + HASH_LENGTH;

    /** Slot flag: the node's key and value bytes live in an overflow chain, not in this page's data area. */
    public static final int FLAG_OVERFLOW = 1;

    // Commit header, relative to the header slot
    public static final int HEADER_CHECKSUM_OFFSET = 0;
    public static final int HEADER_MAGIC_OFFSET = HEADER_CHECKSUM_OFFSET + SIZE_OF_INT;
    public static final int HEADER_FORMAT_OFFSET = HEADER_MAGIC_OFFSET + SIZE_OF_INT;
    public static final int HEADER_PAGE_LENGTH_OFFSET = HEADER_FORMAT_OFFSET + SIZE_OF_INT;
    public static final int HEADER_NODES_PER_PAGE_OFFSET = HEADER_PAGE_LENGTH_OFFSET + SIZE_OF_INT;
    public static final int HEADER_SEQUENCE_OFFSET = HEADER_NODES_PER_PAGE_OFFSET + SIZE_OF_INT;
    public static final int HEADER_VERSION_OFFSET = HEADER_SEQUENCE_OFFSET + SIZE_OF_LONG;
    public static final int HEADER_ROOT_PAGE_INDEX_OFFSET = HEADER_VERSION_OFFSET + SIZE_OF_LONG;
    public static final int HEADER_ROOT_HASH_OFFSET = HEADER_ROOT_PAGE_INDEX_OFFSET + SIZE_OF_INT;
    public static final int HEADER_META_PAGE_INDEX_OFFSET = HEADER_ROOT_HASH_OFFSET + HASH_LENGTH;
    public static final int HEADER_META_PAGE_COUNT_OFFSET = HEADER_META_PAGE_INDEX_OFFSET + SIZE_OF_INT;
    public static final int HEADER_PAGE_COUNT_OFFSET = HEADER_META_PAGE_COUNT_OFFSET + SIZE_OF_INT;
    public static final int HEADER_LENGTH = HEADER_PAGE_COUNT_OFFSET + SIZE_OF_INT;

    /** Each of the two header slots fills one 4 KiB block, so writing one never tears the other. */
    public static final int HEADER_SLOT_LENGTH = 4096;
    public static final int HEADER_SLOT_COUNT = 2;
    /** "MBPG". */
    public static final int HEADER_MAGIC = 0x4D425047;
    public static final int FORMAT_VERSION = 1;

    private PageLayout() {
    }

    /** The slot's first byte in its page. */
    public static int slotOffset(final int slotIndex) {
        return PAGE_HEADER_LENGTH + slotIndex * SLOT_LENGTH;
    }

    /** The first byte of the data area of a tree page holding up to {@code maxSlots} nodes. */
    public static int dataAreaOffset(final int maxSlots) {
        return slotOffset(maxSlots);
    }

    /** The page's first byte in the page file: the two header slots come first. */
    public static long pageOffset(final int pageIndex, final int pageLength) {
        return (long)HEADER_SLOT_COUNT * HEADER_SLOT_LENGTH + (long)pageIndex * pageLength;
    }

    /** Payload bytes an overflow or meta page carries. */
    public static int chainPayloadLength(final int pageLength) {
        return pageLength - PAGE_HEADER_LENGTH;
    }
}
