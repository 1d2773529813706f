package io.merklebench.array;

import io.merklebench.core.NodeHashing;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

import static io.merklebench.array.ArrayLayout.FLAGS_OFFSET;
import static io.merklebench.array.ArrayLayout.FLAG_FREE;
import static io.merklebench.array.ArrayLayout.FLAG_HASH_VALID;
import static io.merklebench.array.ArrayLayout.HASH_LENGTH;
import static io.merklebench.array.ArrayLayout.HASH_PAGE_LENGTH;
import static io.merklebench.array.ArrayLayout.HEIGHT_OFFSET;
import static io.merklebench.array.ArrayLayout.KEY_LENGTH_OFFSET;
import static io.merklebench.array.ArrayLayout.KEY_OFFSET_OFFSET;
import static io.merklebench.array.ArrayLayout.KEY_PREFIX_LENGTH;
import static io.merklebench.array.ArrayLayout.KEY_PREFIX_OFFSET;
import static io.merklebench.array.ArrayLayout.LEFT_OFFSET;
import static io.merklebench.array.ArrayLayout.MAX_KEY_LENGTH;
import static io.merklebench.array.ArrayLayout.NODE_SHIFT;
import static io.merklebench.array.ArrayLayout.NULL_NODE_INDEX;
import static io.merklebench.array.ArrayLayout.PAGE_LENGTH;
import static io.merklebench.array.ArrayLayout.PAGE_MASK;
import static io.merklebench.array.ArrayLayout.PAGE_NODES;
import static io.merklebench.array.ArrayLayout.PAGE_SHIFT;
import static io.merklebench.array.ArrayLayout.RIGHT_OFFSET;
import static io.merklebench.array.ArrayLayout.SIZE_OFFSET;
import static io.merklebench.array.ArrayLayout.VERSION_OFFSET;
import static io.merklebench.array.ArrayLayout.hashOffset;
import static io.merklebench.array.ArrayLayout.nodeOffset;
import static io.merklebench.array.ArrayLayout.pageIndex;

/**
 * Storage of every node of one {@code array} tree (all versions, the working tree and working copies): pages of
 * 32-byte records laid out by {@link ArrayLayout} with parallel pages of 32-byte hashes, a free list threaded through
 * free records, and the key/value {@link ArrayArena}. Nodes are {@code int} indices; nothing here allocates per node
 * or per operation once pages exist.
 *
 * <p>Which records are live is decided by the owners ({@link ArrayVersions} for saved nodes, {@link ArrayWorkingTree}
 * for unsaved ones): this class only allocates, frees and reads/writes fields.
 *
 * <p>Not thread-safe: every tree state of one {@link ArrayTree} shares one instance. Byte arrays passed in are
 * copied into the arena; arrays returned are fresh copies owned by the caller.
 */
final class ArrayNodes {
    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    /** Compact the arena once garbage exceeds the live leaf bytes by this much (avoids churning small arenas). */
    private static final long COMPACTION_SLACK_BYTES = 1 << 20;

    /**
     * Record pages. Volatile so a view read on another thread during set() never sees a half-published page table;
     * {@link #hashPages} is always grown first, so whoever sees a record page also sees its hash page.
     */
    private volatile byte[][] pages = new byte[4][];
    /** Hash pages, parallel to {@link #pages}: the hash of node {@code i} is at {@code hashOffset(i)} of page {@code i >>> PAGE_SHIFT}. */
    private volatile byte[][] hashPages = new byte[4][];
    private int pageCount;
    /** Records {@code [0, highWaterIndex)} have been handed out at least once. */
    private int highWaterIndex;
    private int freeHead = NULL_NODE_INDEX;
    private int allocatedCount;
    private ArrayArena arena = new ArrayArena();
    private final NodeHashing hashing = new NodeHashing();
    private long compactionCount;

    // ---- allocation ----------------------------------------------------------------------------------------------

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
        final int node = allocate();
        final byte[] page = pages[pageIndex(node)];
        final int offset = nodeOffset(node);
        LONG.set(page, offset + VERSION_OFFSET, version);
        INT.set(page, offset + KEY_OFFSET_OFFSET, keyOffset);
        INT.set(page, offset + LEFT_OFFSET, valueLength);
        INT.set(page, offset + RIGHT_OFFSET, NULL_NODE_INDEX);
        INT.set(page, offset + SIZE_OFFSET, 1);
        INT.set(page, offset + KEY_PREFIX_OFFSET, ArrayLayout.keyPrefix(arena.bytes(), keyOffset, keyLength));
        SHORT.set(page, offset + KEY_LENGTH_OFFSET, (short)keyLength);
        page[offset + HEIGHT_OFFSET] = 0;
        page[offset + FLAGS_OFFSET] = 0;
        return node;
    }

    /**
     * A new inner node whose key range (offset, length, prefix) is copied from {@code keyNode}, the leaf it was split
     * from. Height and size are computed.
     */
    int newInner(final long version, final int keyNode, final int left, final int right) {
        final int node = allocate();
        final byte[] page = pages[pageIndex(node)];
        final int offset = nodeOffset(node);
        LONG.set(page, offset + VERSION_OFFSET, version);
        INT.set(page, offset + LEFT_OFFSET, left);
        INT.set(page, offset + RIGHT_OFFSET, right);
        page[offset + FLAGS_OFFSET] = 0;
        copyKeyRange(node, keyNode);
        updateHeightAndSize(node);
        return node;
    }

    /** A copy of inner node {@code source} stamped with {@code version}, hash not yet computed. */
    int copyInner(final int source, final long version) {
        final int node = allocate();
        final byte[] sourcePage = pages[pageIndex(source)];
        final byte[] page = pages[pageIndex(node)];
        final int sourceOffset = nodeOffset(source);
        final int offset = nodeOffset(node);
        System.arraycopy(sourcePage, sourceOffset, page, offset, ArrayLayout.NODE_LENGTH);
        LONG.set(page, offset + VERSION_OFFSET, version);
        page[offset + FLAGS_OFFSET] = 0;
        return node;
    }

    /** Returns the record to the free list; a leaf's arena bytes become garbage. */
    void free(final int node) {
        final byte[] page = pages[pageIndex(node)];
        final int offset = nodeOffset(node);
        if ((page[offset + FLAGS_OFFSET] & FLAG_FREE) != 0) {
            throw new IllegalStateException("array engine bug: node freed twice: nodeIndex=" + node);
        }
        if (page[offset + HEIGHT_OFFSET] == 0) {
            arena.releaseLeafBytes((long)keyLength(node) + (int)INT.get(page, offset + LEFT_OFFSET));
        }
        page[offset + FLAGS_OFFSET] = FLAG_FREE;
        INT.set(page, offset + LEFT_OFFSET, freeHead);
        freeHead = node;
        allocatedCount--;
    }

    /**
     * Claims a specific record while loading a store (nodes come back at the index they were saved with). Records
     * up to it that were never handed out become allocated, zeroed placeholders; {@link #freeUnmarked} frees
     * whatever no kept version reaches. A later record at the same index replaces an earlier, dead one.
     */
    void claimAt(final int node) {
        ensurePage(pageIndex(node));
        while (highWaterIndex <= node) {
            highWaterIndex++;
            allocatedCount++;
        }
        if (isLeaf(node)) {
            arena.releaseLeafBytes((long)keyLength(node) + valueLength(node));
        }
    }

    /** Writes a loaded record's fields into a claimed index. */
    void loadLeaf(final int node, final long version, final byte[] source, final int keyOffset, final int keyLength,
                  final int valueLength, final byte[] hash, final int hashOffset) {
        requireKeyLength(keyLength);
        final int arenaOffset = arena.append(source, keyOffset, keyLength + valueLength);
        arena.addLeafBytes((long)keyLength + valueLength);
        final byte[] page = pages[pageIndex(node)];
        final int offset = nodeOffset(node);
        System.arraycopy(hash, hashOffset, hashPages[pageIndex(node)], hashOffset(node), HASH_LENGTH);
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
    void loadInner(final int node, final long version, final int height, final int size, final int left,
                   final int right, final byte[] hash, final int hashOffset) {
        final byte[] page = pages[pageIndex(node)];
        final int offset = nodeOffset(node);
        System.arraycopy(hash, hashOffset, hashPages[pageIndex(node)], hashOffset(node), HASH_LENGTH);
        LONG.set(page, offset + VERSION_OFFSET, version);
        INT.set(page, offset + KEY_OFFSET_OFFSET, 0);
        INT.set(page, offset + LEFT_OFFSET, left);
        INT.set(page, offset + RIGHT_OFFSET, right);
        INT.set(page, offset + SIZE_OFFSET, size);
        INT.set(page, offset + KEY_PREFIX_OFFSET, 0);
        SHORT.set(page, offset + KEY_LENGTH_OFFSET, (short)0);
        page[offset + HEIGHT_OFFSET] = (byte)height;
        page[offset + FLAGS_OFFSET] = FLAG_HASH_VALID;
    }

    /** After loading: turns claimed records that no kept version reached into free records. */
    void freeUnmarked(final boolean[] live) {
        for (int node = highWaterIndex - 1; node >= 0; node--) {
            if (!live[node] && !isFree(node)) {
                free(node);
            }
        }
    }

    private int allocate() {
        allocatedCount++;
        final int head = freeHead;
        if (head != NULL_NODE_INDEX) {
            freeHead = (int)INT.get(pages[pageIndex(head)], nodeOffset(head) + LEFT_OFFSET);
            return head;
        }
        final int node = highWaterIndex;
        if (node == Integer.MAX_VALUE) {
            allocatedCount--;
            throw new IllegalStateException("array engine is full: at most " + Integer.MAX_VALUE + " nodes");
        }
        ensurePage(pageIndex(node));
        highWaterIndex = node + 1;
        return node;
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

    // ---- fields --------------------------------------------------------------------------------------------------

    long version(final int node) {
        return (long)LONG.get(pages[pageIndex(node)], nodeOffset(node) + VERSION_OFFSET);
    }

    int height(final int node) {
        return pages[pageIndex(node)][nodeOffset(node) + HEIGHT_OFFSET];
    }

    boolean isLeaf(final int node) {
        return pages[pageIndex(node)][nodeOffset(node) + HEIGHT_OFFSET] == 0;
    }

    boolean isFree(final int node) {
        return (pages[pageIndex(node)][nodeOffset(node) + FLAGS_OFFSET] & FLAG_FREE) != 0;
    }

    int size(final int node) {
        return (int)INT.get(pages[pageIndex(node)], nodeOffset(node) + SIZE_OFFSET);
    }

    /** Inner only. */
    int left(final int node) {
        return (int)INT.get(pages[pageIndex(node)], nodeOffset(node) + LEFT_OFFSET);
    }

    /** Inner only. */
    int right(final int node) {
        return (int)INT.get(pages[pageIndex(node)], nodeOffset(node) + RIGHT_OFFSET);
    }

    int keyOffset(final int node) {
        return (int)INT.get(pages[pageIndex(node)], nodeOffset(node) + KEY_OFFSET_OFFSET);
    }

    int keyLength(final int node) {
        return (short)SHORT.get(pages[pageIndex(node)], nodeOffset(node) + KEY_LENGTH_OFFSET) & 0xFFFF;
    }

    int keyPrefix(final int node) {
        return (int)INT.get(pages[pageIndex(node)], nodeOffset(node) + KEY_PREFIX_OFFSET);
    }

    /** Leaf only: the value length (stored in the left field). */
    int valueLength(final int node) {
        return (int)INT.get(pages[pageIndex(node)], nodeOffset(node) + LEFT_OFFSET);
    }

    void setLeft(final int node, final int child) {
        INT.set(pages[pageIndex(node)], nodeOffset(node) + LEFT_OFFSET, child);
    }

    void setRight(final int node, final int child) {
        INT.set(pages[pageIndex(node)], nodeOffset(node) + RIGHT_OFFSET, child);
    }

    /** Sets the key range of inner {@code node}; {@code keyPrefix} must be the prefix of those arena bytes. */
    void setKeyRange(final int node, final int keyOffset, final int keyLength, final int keyPrefix) {
        final byte[] page = pages[pageIndex(node)];
        final int offset = nodeOffset(node);
        INT.set(page, offset + KEY_OFFSET_OFFSET, keyOffset);
        INT.set(page, offset + KEY_PREFIX_OFFSET, keyPrefix);
        SHORT.set(page, offset + KEY_LENGTH_OFFSET, (short)keyLength);
    }

    /** Gives {@code node} the key range (offset, length, prefix) of {@code source}. */
    void copyKeyRange(final int node, final int source) {
        setKeyRange(node, keyOffset(source), keyLength(source), keyPrefix(source));
    }

    /** Marks the hash stale (the node changed in the working tree that owns it). */
    void invalidateHash(final int node) {
        pages[pageIndex(node)][nodeOffset(node) + FLAGS_OFFSET] &= (byte)~FLAG_HASH_VALID;
    }

    /** Recomputes height and size of inner {@code node} from its children. */
    void updateHeightAndSize(final int node) {
        final byte[][] pages = this.pages;
        final int left = left(node);
        final int right = right(node);
        final byte[] leftPage = pages[pageIndex(left)];
        final byte[] rightPage = pages[pageIndex(right)];
        final int leftOffset = nodeOffset(left);
        final int rightOffset = nodeOffset(right);
        final int height = 1 + Math.max(leftPage[leftOffset + HEIGHT_OFFSET], rightPage[rightOffset + HEIGHT_OFFSET]);
        final int size = (int)INT.get(leftPage, leftOffset + SIZE_OFFSET) + (int)INT.get(rightPage, rightOffset + SIZE_OFFSET);
        final byte[] page = pages[pageIndex(node)];
        final int offset = nodeOffset(node);
        page[offset + HEIGHT_OFFSET] = (byte)height;
        INT.set(page, offset + SIZE_OFFSET, size);
    }

    /** Left height minus right height of inner {@code node}. */
    int balance(final int node) {
        return height(left(node)) - height(right(node));
    }

    // ---- keys, values, lookups -----------------------------------------------------------------------------------

    /** The {@code keyPrefix} of a search key, for {@link #compareKey(byte[], int, int)}. */
    static int searchPrefix(final byte[] key) {
        return ArrayLayout.keyPrefix(key, 0, key.length);
    }

    /** Compares {@code key} with the key of {@code node}, unsigned lexicographic. */
    int compareKey(final byte[] key, final int node) {
        return compareKey(key, searchPrefix(key), node);
    }

    /**
     * Compares {@code key} (whose prefix is {@code keyPrefix}, from {@link #searchPrefix}) with the key of
     * {@code node}, unsigned lexicographic. Reads the arena only when the prefixes are equal.
     */
    int compareKey(final byte[] key, final int keyPrefix, final int node) {
        final byte[] page = pages[pageIndex(node)];
        final int offset = nodeOffset(node);
        final int nodePrefix = (int)INT.get(page, offset + KEY_PREFIX_OFFSET);
        if (nodePrefix != keyPrefix) {
            return Integer.compareUnsigned(keyPrefix, nodePrefix);
        }
        return compareTail(key, arena.bytes(), (int)INT.get(page, offset + KEY_OFFSET_OFFSET),
            (short)SHORT.get(page, offset + KEY_LENGTH_OFFSET) & 0xFFFF);
    }

    /**
     * Compares {@code key} with the arena key at {@code nodeKeyOffset} when their prefixes are equal: the bytes
     * both keys really have inside the prefix are then equal, so the comparison starts after them.
     */
    private static int compareTail(final byte[] key, final byte[] arenaBytes, final int nodeKeyOffset,
                                   final int nodeKeyLength) {
        final int keyLength = key.length;
        final int skip = Math.min(KEY_PREFIX_LENGTH, Math.min(keyLength, nodeKeyLength));
        return Arrays.compareUnsigned(key, skip, keyLength, arenaBytes, nodeKeyOffset + skip, nodeKeyOffset + nodeKeyLength);
    }

    /**
     * The leaf holding {@code key} under {@code root}, or {@link ArrayLayout#NULL_NODE_INDEX}. Allocation-free.
     * Reads one record per level; the arena only where the key prefixes tie (at most the levels whose key is the
     * searched key, and the leaf of a hit).
     */
    int findLeaf(final int root, final byte[] key) {
        if (root == NULL_NODE_INDEX) {
            return NULL_NODE_INDEX;
        }
        final byte[][] pages = this.pages;
        final byte[] arenaBytes = arena.bytes();
        final int prefix = searchPrefix(key);
        int node = root;
        while (true) {
            final byte[] page = pages[node >>> PAGE_SHIFT];
            final int offset = (node & PAGE_MASK) << NODE_SHIFT;
            final int nodePrefix = (int)INT.get(page, offset + KEY_PREFIX_OFFSET);
            final int comparison = nodePrefix != prefix
                ? Integer.compareUnsigned(prefix, nodePrefix)
                : compareTail(key, arenaBytes, (int)INT.get(page, offset + KEY_OFFSET_OFFSET),
                    (short)SHORT.get(page, offset + KEY_LENGTH_OFFSET) & 0xFFFF);
            if (page[offset + HEIGHT_OFFSET] == 0) {
                return comparison == 0 ? node : NULL_NODE_INDEX;
            }
            node = (int)INT.get(page, offset + (comparison < 0 ? LEFT_OFFSET : RIGHT_OFFSET));
        }
    }

    byte[] key(final int node) {
        final int keyOffset = keyOffset(node);
        return Arrays.copyOfRange(arena.bytes(), keyOffset, keyOffset + keyLength(node));
    }

    /** Leaf only: a copy of the value. */
    byte[] value(final int node) {
        final int valueOffset = keyOffset(node) + keyLength(node);
        return Arrays.copyOfRange(arena.bytes(), valueOffset, valueOffset + valueLength(node));
    }

    byte[] arenaBytes() {
        return arena.bytes();
    }

    // ---- hashing -------------------------------------------------------------------------------------------------

    /** Computes the hash of every node below {@code node} whose hash is stale, children first. */
    void hash(final int node) {
        final byte[] page = pages[pageIndex(node)];
        final int offset = nodeOffset(node);
        if ((page[offset + FLAGS_OFFSET] & FLAG_HASH_VALID) != 0) {
            return;
        }
        final byte[][] hashPages = this.hashPages;
        final long version = (long)LONG.get(page, offset + VERSION_OFFSET);
        final int left = (int)INT.get(page, offset + LEFT_OFFSET);
        if (page[offset + HEIGHT_OFFSET] == 0) {
            final byte[] arenaBytes = arena.bytes();
            final int keyOffset = (int)INT.get(page, offset + KEY_OFFSET_OFFSET);
            final int keyLength = (short)SHORT.get(page, offset + KEY_LENGTH_OFFSET) & 0xFFFF;
            hashing.leafHashInto(version, arenaBytes, keyOffset, keyLength, arenaBytes, keyOffset + keyLength, left,
                hashPages[pageIndex(node)], hashOffset(node));
        } else {
            final int right = (int)INT.get(page, offset + RIGHT_OFFSET);
            hash(left);
            hash(right);
            hashing.innerHashInto(page[offset + HEIGHT_OFFSET], (int)INT.get(page, offset + SIZE_OFFSET), version,
                hashPages[pageIndex(left)], hashOffset(left),
                hashPages[pageIndex(right)], hashOffset(right),
                hashPages[pageIndex(node)], hashOffset(node));
        }
        page[offset + FLAGS_OFFSET] |= FLAG_HASH_VALID;
    }

    /** A copy of the (already computed) hash of {@code node}. */
    byte[] hashCopy(final int node) {
        final int offset = hashOffset(node);
        return Arrays.copyOfRange(hashPages[pageIndex(node)], offset, offset + HASH_LENGTH);
    }

    /** Copies the (already computed) hash of {@code node} into {@code out} at {@code outOffset} (persistence). */
    void copyHash(final int node, final byte[] out, final int outOffset) {
        System.arraycopy(hashPages[pageIndex(node)], hashOffset(node), out, outOffset, HASH_LENGTH);
    }

    // ---- arena compaction ----------------------------------------------------------------------------------------

    /** Compacts the arena when garbage clearly outweighs live bytes. Call only between operations (save, delete). */
    boolean compactArenaIfWasteful() {
        if (arena.usedBytes() <= 2 * arena.leafBytes() + COMPACTION_SLACK_BYTES) {
            return false;
        }
        compactArena();
        return true;
    }

    /**
     * Copies the arena ranges of every allocated record into a fresh arena and rewrites their key offsets. Ranges
     * are grouped by start offset: an inner node's key range starts where the leaf entry it was copied from starts,
     * so one copy serves the leaf and every inner node sharing its key.
     */
    void compactArena() {
        final long[] byOffset = new long[allocatedCount];
        int count = 0;
        for (int node = 0; node < highWaterIndex; node++) {
            if (!isFree(node)) {
                byOffset[count++] = ((long)keyOffset(node) << 32) | node;
            }
        }
        Arrays.sort(byOffset, 0, count);
        final byte[] oldBytes = arena.bytes();
        final ArrayArena compacted = new ArrayArena((int)Math.min(ArrayArena.MAX_CAPACITY, arena.leafBytes() + (arena.leafBytes() >> 2)));
        int groupStart = 0;
        while (groupStart < count) {
            final int oldOffset = (int)(byOffset[groupStart] >>> 32);
            int groupEnd = groupStart;
            int length = 0;
            while (groupEnd < count && (int)(byOffset[groupEnd] >>> 32) == oldOffset) {
                final int node = (int)byOffset[groupEnd];
                final int nodeLength = isLeaf(node) ? keyLength(node) + valueLength(node) : keyLength(node);
                length = Math.max(length, nodeLength);
                if (isLeaf(node)) {
                    compacted.addLeafBytes(nodeLength);
                }
                groupEnd++;
            }
            final int newOffset = compacted.append(oldBytes, oldOffset, length);
            for (int i = groupStart; i < groupEnd; i++) {
                final int node = (int)byOffset[i];
                INT.set(pages[pageIndex(node)], nodeOffset(node) + KEY_OFFSET_OFFSET, newOffset);
            }
            groupStart = groupEnd;
        }
        arena = compacted;
        compactionCount++;
    }

    // ---- accounting ----------------------------------------------------------------------------------------------

    int allocatedCount() {
        return allocatedCount;
    }

    int highWaterIndex() {
        return highWaterIndex;
    }

    /** Bytes of allocated record pages and hash pages. */
    long nodeCapacityBytes() {
        return (long)pageCount * (PAGE_LENGTH + HASH_PAGE_LENGTH);
    }

    int nodeCapacity() {
        return pageCount * PAGE_NODES;
    }

    /** The record and hash page tables (array header and one reference per page each). */
    long pageTableBytes() {
        return 2 * (16L + 4L * pages.length);
    }

    ArrayArena arena() {
        return arena;
    }

    long compactionCount() {
        return compactionCount;
    }
}
