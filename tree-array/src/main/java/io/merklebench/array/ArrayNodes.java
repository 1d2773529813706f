package io.merklebench.array;

import java.util.Arrays;

import static io.merklebench.array.ArrayLayout.FLAGS_OFFSET;
import static io.merklebench.array.ArrayLayout.FLAG_FREE;
import static io.merklebench.array.ArrayLayout.FLAG_HASH_VALID;
import static io.merklebench.array.ArrayLayout.HASH_LENGTH;
import static io.merklebench.array.ArrayLayout.HASH_PAGE_LENGTH;
import static io.merklebench.array.ArrayLayout.HEIGHT_OFFSET;
import static io.merklebench.array.ArrayLayout.INT;
import static io.merklebench.array.ArrayLayout.KEY_LENGTH_OFFSET;
import static io.merklebench.array.ArrayLayout.KEY_OFFSET_OFFSET;
import static io.merklebench.array.ArrayLayout.KEY_PREFIX_OFFSET;
import static io.merklebench.array.ArrayLayout.LEFT_OFFSET;
import static io.merklebench.array.ArrayLayout.LONG;
import static io.merklebench.array.ArrayLayout.MAX_KEY_LENGTH;
import static io.merklebench.array.ArrayLayout.NULL_NODE_INDEX;
import static io.merklebench.array.ArrayLayout.PAGE_LENGTH;
import static io.merklebench.array.ArrayLayout.RIGHT_OFFSET;
import static io.merklebench.array.ArrayLayout.SHORT;
import static io.merklebench.array.ArrayLayout.SIZE_OFFSET;
import static io.merklebench.array.ArrayLayout.VERSION_OFFSET;
import static io.merklebench.array.ArrayLayout.hashOffset;
import static io.merklebench.array.ArrayLayout.nodeOffset;
import static io.merklebench.array.ArrayLayout.pageIndex;

/**
 * Storage of every node of one {@code array} tree (all versions, the working tree and working copies): pages of
 * 32-byte records laid out by {@link ArrayLayout} with parallel pages of 32-byte hashes, a free list threaded through
 * free records, and the key/value {@link ArrayArena}. Nodes are {@code int} indices; this class allocates, frees and
 * loads records and reads and writes their fields, and nothing here allocates per node or per operation once pages
 * exist. What is computed over the records lives beside it: key order and lookups in {@link ArrayKeys}, hashes in
 * {@link ArrayHashing}, arena compaction in {@link ArrayArenaCompaction}, byte counts in {@link ArrayMemoryStats}.
 *
 * <p>Which records are live is decided by the owners ({@link ArrayVersions} for saved nodes, {@link ArrayWorkingTree}
 * for unsaved ones).
 *
 * <p>Not thread-safe: every tree state of one {@link ArrayTree} shares one instance. Byte arrays passed in are
 * copied into the arena; arrays returned are fresh copies owned by the caller.
 */
final class ArrayNodes {
    /**
     * Record pages. Volatile so a view read on another thread during set() never sees a half-published page table;
     * {@link #hashPages} is always grown first, so whoever sees a record page also sees its hash page.
     */
    private volatile byte[][] pages = new byte[4][];
    /**
     * Hash pages, parallel to {@link #pages}: the hash of node {@code i} is at {@code hashOffset(i)} of page
     * {@code i >>> PAGE_SHIFT}.
     */
    private volatile byte[][] hashPages = new byte[4][];
    private int pageCount;
    /** Records {@code [0, highWaterIndex)} have been handed out at least once. */
    private int highWaterIndex;
    private int freeHead = NULL_NODE_INDEX;
    private int allocatedCount;
    private ArrayArena arena = new ArrayArena();
    private long arenaCompactionCount;

    /** Throws unless {@code keyLength} fits the record's 16-bit key length. Call before changing any tree. */
    static void requireKeyLength(final int keyLength) {
        if (keyLength > MAX_KEY_LENGTH) {
            throw new IllegalArgumentException("array engine keys must be at most " + MAX_KEY_LENGTH
                + " bytes: key.length=" + keyLength);
        }
    }

    int newLeaf(final long version, final byte[] key, final byte[] value) {
        requireKeyLength(key.length);
        final int keyOffset = arena.appendEntry(key, value);
        return newLeafAt(version, keyOffset, key.length, value.length);
    }

    /** A leaf whose key and value are already in the arena at {@code keyOffset} (loading). */
    int newLeafAt(final long version, final int keyOffset, final int keyLength, final int valueLength) {
        requireKeyLength(keyLength);
        final int nodeIndex = allocate();
        final byte[] page = pages[pageIndex(nodeIndex)];
        final int offset = nodeOffset(nodeIndex);
        LONG.set(page, offset + VERSION_OFFSET, version);
        INT.set(page, offset + KEY_OFFSET_OFFSET, keyOffset);
        INT.set(page, offset + LEFT_OFFSET, valueLength);
        INT.set(page, offset + RIGHT_OFFSET, NULL_NODE_INDEX);
        INT.set(page, offset + SIZE_OFFSET, 1);
        INT.set(page, offset + KEY_PREFIX_OFFSET, ArrayLayout.keyPrefix(arena.bytes(), keyOffset, keyLength));
        SHORT.set(page, offset + KEY_LENGTH_OFFSET, (short)keyLength);
        page[offset + HEIGHT_OFFSET] = 0;
        page[offset + FLAGS_OFFSET] = 0;
        return nodeIndex;
    }

    /**
     * A new inner node whose key range (offset, length, prefix) is copied from {@code keyNodeIndex}, the leaf it was
     * split from. Height and size are computed.
     */
    int newInner(final long version, final int keyNodeIndex, final int leftIndex, final int rightIndex) {
        final int nodeIndex = allocate();
        final byte[] page = pages[pageIndex(nodeIndex)];
        final int offset = nodeOffset(nodeIndex);
        LONG.set(page, offset + VERSION_OFFSET, version);
        INT.set(page, offset + LEFT_OFFSET, leftIndex);
        INT.set(page, offset + RIGHT_OFFSET, rightIndex);
        page[offset + FLAGS_OFFSET] = 0;
        copyKeyRange(nodeIndex, keyNodeIndex);
        updateHeightAndSize(nodeIndex);
        return nodeIndex;
    }

    /** A copy of inner node {@code sourceIndex} stamped with {@code version}, hash not yet computed. */
    int copyInner(final int sourceIndex, final long version) {
        final int nodeIndex = allocate();
        final byte[] sourcePage = pages[pageIndex(sourceIndex)];
        final byte[] page = pages[pageIndex(nodeIndex)];
        final int sourceOffset = nodeOffset(sourceIndex);
        final int offset = nodeOffset(nodeIndex);
        System.arraycopy(sourcePage, sourceOffset, page, offset, ArrayLayout.NODE_LENGTH);
        LONG.set(page, offset + VERSION_OFFSET, version);
        page[offset + FLAGS_OFFSET] = 0;
        return nodeIndex;
    }

    /** Returns the record to the free list; a leaf's arena bytes become garbage. */
    void free(final int nodeIndex) {
        final byte[] page = pages[pageIndex(nodeIndex)];
        final int offset = nodeOffset(nodeIndex);
        if ((page[offset + FLAGS_OFFSET] & FLAG_FREE) != 0) {
            throw new IllegalStateException("array engine bug: node freed twice: nodeIndex=" + nodeIndex);
        }
        if (page[offset + HEIGHT_OFFSET] == 0) {
            arena.releaseLeafBytes((long)keyLength(nodeIndex) + (int)INT.get(page, offset + LEFT_OFFSET));
        }
        page[offset + FLAGS_OFFSET] = FLAG_FREE;
        INT.set(page, offset + LEFT_OFFSET, freeHead);
        freeHead = nodeIndex;
        allocatedCount--;
    }

    private int allocate() {
        allocatedCount++;
        final int head = freeHead;
        if (head != NULL_NODE_INDEX) {
            freeHead = (int)INT.get(pages[pageIndex(head)], nodeOffset(head) + LEFT_OFFSET);
            return head;
        }
        final int nodeIndex = highWaterIndex;
        if (nodeIndex == Integer.MAX_VALUE) {
            allocatedCount--;
            throw new IllegalStateException("array engine is full: at most " + Integer.MAX_VALUE + " nodes");
        }
        ensurePage(pageIndex(nodeIndex));
        highWaterIndex = nodeIndex + 1;
        return nodeIndex;
    }

    private void ensurePage(final int pageIndex) {
        while (pageCount <= pageIndex) {
            if (pageCount == pages.length) {
                hashPages = Arrays.copyOf(hashPages, hashPages.length * 2);
                pages = Arrays.copyOf(pages, pages.length * 2);
            }
            hashPages[pageCount] = new byte[HASH_PAGE_LENGTH];
            pages[pageCount] = new byte[PAGE_LENGTH];
            pageCount++;
        }
    }

    /**
     * Claims a specific record while loading a store (nodes come back at the index they were saved with). Records
     * up to it that were never handed out become allocated, zeroed placeholders; {@link #freeUnmarked} frees
     * whatever no kept version reaches. A later record at the same index replaces an earlier, dead one.
     */
    void claimAt(final int nodeIndex) {
        ensurePage(pageIndex(nodeIndex));
        while (highWaterIndex <= nodeIndex) {
            highWaterIndex++;
            allocatedCount++;
        }
        if (isLeaf(nodeIndex)) {
            arena.releaseLeafBytes((long)keyLength(nodeIndex) + valueLength(nodeIndex));
        }
    }

    /** Writes a loaded record's fields into a claimed index. */
    void loadLeaf(final int nodeIndex, final long version, final byte[] source, final int keyOffset,
                  final int keyLength, final int valueLength, final byte[] hash, final int hashOffset) {
        requireKeyLength(keyLength);
        final int arenaOffset = arena.append(source, keyOffset, keyLength + valueLength);
        arena.addLeafBytes((long)keyLength + valueLength);
        final byte[] page = pages[pageIndex(nodeIndex)];
        final int offset = nodeOffset(nodeIndex);
        System.arraycopy(hash, hashOffset, hashPages[pageIndex(nodeIndex)], hashOffset(nodeIndex), HASH_LENGTH);
        LONG.set(page, offset + VERSION_OFFSET, version);
        INT.set(page, offset + KEY_OFFSET_OFFSET, arenaOffset);
        INT.set(page, offset + LEFT_OFFSET, valueLength);
        INT.set(page, offset + RIGHT_OFFSET, NULL_NODE_INDEX);
        INT.set(page, offset + SIZE_OFFSET, 1);
        INT.set(page, offset + KEY_PREFIX_OFFSET, ArrayLayout.keyPrefix(source, keyOffset, keyLength));
        SHORT.set(page, offset + KEY_LENGTH_OFFSET, (short)keyLength);
        page[offset + HEIGHT_OFFSET] = 0;
        page[offset + FLAGS_OFFSET] = FLAG_HASH_VALID;
    }

    /** Writes a loaded inner record; its key range is set later by {@link #copyKeyRange}. */
    void loadInner(final int nodeIndex, final long version, final int height, final int size, final int leftIndex,
                   final int rightIndex, final byte[] hash, final int hashOffset) {
        final byte[] page = pages[pageIndex(nodeIndex)];
        final int offset = nodeOffset(nodeIndex);
        System.arraycopy(hash, hashOffset, hashPages[pageIndex(nodeIndex)], hashOffset(nodeIndex), HASH_LENGTH);
        LONG.set(page, offset + VERSION_OFFSET, version);
        INT.set(page, offset + KEY_OFFSET_OFFSET, 0);
        INT.set(page, offset + LEFT_OFFSET, leftIndex);
        INT.set(page, offset + RIGHT_OFFSET, rightIndex);
        INT.set(page, offset + SIZE_OFFSET, size);
        INT.set(page, offset + KEY_PREFIX_OFFSET, 0);
        SHORT.set(page, offset + KEY_LENGTH_OFFSET, (short)0);
        page[offset + HEIGHT_OFFSET] = (byte)height;
        page[offset + FLAGS_OFFSET] = FLAG_HASH_VALID;
    }

    /** After loading: turns claimed records that no kept version reached into free records. */
    void freeUnmarked(final boolean[] live) {
        for (int nodeIndex = highWaterIndex - 1; nodeIndex >= 0; nodeIndex--) {
            if (!live[nodeIndex] && !isFree(nodeIndex)) {
                free(nodeIndex);
            }
        }
    }

    long version(final int nodeIndex) {
        return (long)LONG.get(pages[pageIndex(nodeIndex)], nodeOffset(nodeIndex) + VERSION_OFFSET);
    }

    int height(final int nodeIndex) {
        return pages[pageIndex(nodeIndex)][nodeOffset(nodeIndex) + HEIGHT_OFFSET];
    }

    boolean isLeaf(final int nodeIndex) {
        return pages[pageIndex(nodeIndex)][nodeOffset(nodeIndex) + HEIGHT_OFFSET] == 0;
    }

    boolean isFree(final int nodeIndex) {
        return (pages[pageIndex(nodeIndex)][nodeOffset(nodeIndex) + FLAGS_OFFSET] & FLAG_FREE) != 0;
    }

    int size(final int nodeIndex) {
        return (int)INT.get(pages[pageIndex(nodeIndex)], nodeOffset(nodeIndex) + SIZE_OFFSET);
    }

    /** Inner only. */
    int left(final int nodeIndex) {
        return (int)INT.get(pages[pageIndex(nodeIndex)], nodeOffset(nodeIndex) + LEFT_OFFSET);
    }

    /** Inner only. */
    int right(final int nodeIndex) {
        return (int)INT.get(pages[pageIndex(nodeIndex)], nodeOffset(nodeIndex) + RIGHT_OFFSET);
    }

    int keyOffset(final int nodeIndex) {
        return (int)INT.get(pages[pageIndex(nodeIndex)], nodeOffset(nodeIndex) + KEY_OFFSET_OFFSET);
    }

    int keyLength(final int nodeIndex) {
        return (short)SHORT.get(pages[pageIndex(nodeIndex)], nodeOffset(nodeIndex) + KEY_LENGTH_OFFSET) & 0xFFFF;
    }

    int keyPrefix(final int nodeIndex) {
        return (int)INT.get(pages[pageIndex(nodeIndex)], nodeOffset(nodeIndex) + KEY_PREFIX_OFFSET);
    }

    /** Leaf only: the value length (stored in the left field). */
    int valueLength(final int nodeIndex) {
        return (int)INT.get(pages[pageIndex(nodeIndex)], nodeOffset(nodeIndex) + LEFT_OFFSET);
    }

    /** A copy of the key of {@code nodeIndex} (for an inner node, the key range it shares with a leaf). */
    byte[] key(final int nodeIndex) {
        final int keyOffset = keyOffset(nodeIndex);
        return Arrays.copyOfRange(arena.bytes(), keyOffset, keyOffset + keyLength(nodeIndex));
    }

    /** Leaf only: a copy of the value. */
    byte[] value(final int nodeIndex) {
        final int valueOffset = keyOffset(nodeIndex) + keyLength(nodeIndex);
        return Arrays.copyOfRange(arena.bytes(), valueOffset, valueOffset + valueLength(nodeIndex));
    }

    /** A copy of the (already computed, see {@link ArrayHashing}) hash of {@code nodeIndex}. */
    byte[] hashCopy(final int nodeIndex) {
        final int offset = hashOffset(nodeIndex);
        return Arrays.copyOfRange(hashPages[pageIndex(nodeIndex)], offset, offset + HASH_LENGTH);
    }

    /** Copies the (already computed) hash of {@code nodeIndex} into {@code out} at {@code outOffset} (persistence). */
    void copyHash(final int nodeIndex, final byte[] out, final int outOffset) {
        System.arraycopy(hashPages[pageIndex(nodeIndex)], hashOffset(nodeIndex), out, outOffset, HASH_LENGTH);
    }

    void setLeft(final int nodeIndex, final int childIndex) {
        INT.set(pages[pageIndex(nodeIndex)], nodeOffset(nodeIndex) + LEFT_OFFSET, childIndex);
    }

    void setRight(final int nodeIndex, final int childIndex) {
        INT.set(pages[pageIndex(nodeIndex)], nodeOffset(nodeIndex) + RIGHT_OFFSET, childIndex);
    }

    /** Sets the key range of inner {@code nodeIndex}; {@code keyPrefix} must be the prefix of those arena bytes. */
    void setKeyRange(final int nodeIndex, final int keyOffset, final int keyLength, final int keyPrefix) {
        final byte[] page = pages[pageIndex(nodeIndex)];
        final int offset = nodeOffset(nodeIndex);
        INT.set(page, offset + KEY_OFFSET_OFFSET, keyOffset);
        INT.set(page, offset + KEY_PREFIX_OFFSET, keyPrefix);
        SHORT.set(page, offset + KEY_LENGTH_OFFSET, (short)keyLength);
    }

    /** Gives {@code nodeIndex} the key range (offset, length, prefix) of {@code sourceIndex}. */
    void copyKeyRange(final int nodeIndex, final int sourceIndex) {
        setKeyRange(nodeIndex, keyOffset(sourceIndex), keyLength(sourceIndex), keyPrefix(sourceIndex));
    }

    /** Moves the key range of {@code nodeIndex} to {@code keyOffset} in a new arena (arena compaction). */
    void setKeyOffset(final int nodeIndex, final int keyOffset) {
        INT.set(pages[pageIndex(nodeIndex)], nodeOffset(nodeIndex) + KEY_OFFSET_OFFSET, keyOffset);
    }

    /**
     * Writes {@code value} over the value bytes of leaf {@code nodeIndex} when it has the same length, and marks the
     * hash stale; says whether it did. Only for a leaf of the working state that owns it (stamped with its version):
     * no saved version and no other state reaches it, and the key bytes, which inner nodes may share, stay as they
     * are. Setting an unsaved key again (a block that writes a key twice, a hash round between saves) then neither
     * appends to the arena nor allocates a record.
     */
    boolean overwriteValue(final int nodeIndex, final byte[] value) {
        if (valueLength(nodeIndex) != value.length) {
            return false;
        }
        System.arraycopy(value, 0, arena.bytes(), keyOffset(nodeIndex) + keyLength(nodeIndex), value.length);
        invalidateHash(nodeIndex);
        return true;
    }

    /** Marks the hash stale (the node changed in the working tree that owns it). */
    void invalidateHash(final int nodeIndex) {
        pages[pageIndex(nodeIndex)][nodeOffset(nodeIndex) + FLAGS_OFFSET] &= (byte)~FLAG_HASH_VALID;
    }

    /** Recomputes height and size of inner {@code nodeIndex} from its children. */
    void updateHeightAndSize(final int nodeIndex) {
        final byte[][] pages = this.pages;
        final int leftIndex = left(nodeIndex);
        final int rightIndex = right(nodeIndex);
        final byte[] leftPage = pages[pageIndex(leftIndex)];
        final byte[] rightPage = pages[pageIndex(rightIndex)];
        final int leftOffset = nodeOffset(leftIndex);
        final int rightOffset = nodeOffset(rightIndex);
        final int height = 1 + Math.max(leftPage[leftOffset + HEIGHT_OFFSET], rightPage[rightOffset + HEIGHT_OFFSET]);
        final int size = (int)INT.get(leftPage, leftOffset + SIZE_OFFSET)
            + (int)INT.get(rightPage, rightOffset + SIZE_OFFSET);
        final byte[] page = pages[pageIndex(nodeIndex)];
        final int offset = nodeOffset(nodeIndex);
        page[offset + HEIGHT_OFFSET] = (byte)height;
        INT.set(page, offset + SIZE_OFFSET, size);
    }

    /** Left height minus right height of inner {@code nodeIndex}. */
    int balance(final int nodeIndex) {
        return height(left(nodeIndex)) - height(right(nodeIndex));
    }

    /**
     * The record page table: node {@code i}'s record is at {@code nodeOffset(i)} of page {@code i >>> PAGE_SHIFT}.
     * Re-read it after an allocation, which may replace it; a loop copies it into a final local once.
     */
    byte[][] recordPages() {
        return pages;
    }

    /** The hash page table, parallel to {@link #recordPages()}; the same rules. */
    byte[][] hashPages() {
        return hashPages;
    }

    /** The arena's backing array: re-read it after any append or compaction, which may replace it. */
    byte[] arenaBytes() {
        return arena.bytes();
    }

    ArrayArena arena() {
        return arena;
    }

    /** Installs the arena {@link ArrayArenaCompaction} copied the live entries into (key offsets already moved). */
    void replaceArena(final ArrayArena compacted) {
        arena = compacted;
        arenaCompactionCount++;
    }

    /** Arena compactions since this storage was made. */
    long arenaCompactionCount() {
        return arenaCompactionCount;
    }

    int allocatedCount() {
        return allocatedCount;
    }

    int highWaterIndex() {
        return highWaterIndex;
    }

    /** Record pages allocated, each with its hash page. */
    int pageCount() {
        return pageCount;
    }

    /** Length of the record page table (the hash page table has the same). */
    int pageTableLength() {
        return pages.length;
    }
}
