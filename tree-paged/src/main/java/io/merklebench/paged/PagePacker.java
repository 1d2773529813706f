package io.merklebench.paged;

import java.nio.ByteBuffer;

import static io.merklebench.paged.PageLayout.*;

/**
 * Writes a version's changed nodes into new pages at {@code save}.
 *
 * <p>Pages are copy-on-write and whole: a persisted node is only ever referenced from another page as slot 0 of its
 * own page, and then that page (with its whole subtree) is shared unchanged. Every other node reachable from the new
 * root, dirty or persisted, is written into a new page: a change anywhere in a page changes its slot 0 (path copying
 * replaces every ancestor), so the old page dies as a whole and its unchanged nodes are copied along. A page dies when
 * its root node leaves the tree, which is what lets {@link PageReclaimer} free pages per version without per-slot
 * bookkeeping. Copying those siblings costs no extra I/O: a page is written whole whether it holds 4 or 15 nodes.
 *
 * <p>Filling: pages are cut by node <em>height</em>, not depth: a page takes the nodes below its root whose height is
 * in the same band of {@link PageGeometry#levels()} heights ({@code height / levels} equal), breadth first, while the
 * inline keys and values fit the data area; any other child starts a page of its own. Heights fall by at least one per
 * level, so a band spans at most {@code levels} levels and {@link PageGeometry#maxSlots()} nodes. Cutting by depth
 * instead left the bottom of the tree (where leaves sit at uneven depths) in pages of 1 to 3 nodes: measured at
 * 100,000 keys of 32 bytes with 100-byte values, depth cuts gave 3.6 nodes per paged15 page (2,281 page bytes per
 * key), height bands 9.7 (841 bytes per key). Only the root's page holds a partial band. A node too large for an empty page's data area (key plus value above 2984 bytes for
 * paged15, 5928 for paged31) keeps its key and value in an overflow chain owned by its page: freed with it, and
 * rewritten when the node is copied into a new page.
 *
 * <p>Not thread-safe (the tree's single writer).
 */
final class PagePacker {
    private final PageStore pageStore;
    private final PageReader reader;
    private final PageAllocator allocator;
    private final PageGeometry geometry;
    private long pagesWritten;

    PagePacker(final PageStore pageStore, final PageReader reader, final PageAllocator allocator, final PageGeometry geometry) {
        this.pageStore = pageStore;
        this.reader = reader;
        this.allocator = allocator;
        this.geometry = geometry;
    }

    /** Pages written since open (tree, overflow and meta pages). */
    long pagesWritten() {
        return pagesWritten;
    }

    /** Writes every node of the tree under {@code root} that is not in a shared page; returns the root page. */
    int pack(final PagedNode root, final long version) {
        if (root == null) {
            return NULL_PAGE_INDEX;
        }
        if (root.isPersisted() && root.slotIndex == 0) {
            return root.pageIndex;
        }
        return packPage(root, version);
    }

    private int packPage(final PagedNode top, final long version) {
        final int pageIndex = allocator.allocate();
        final int maxSlots = geometry.maxSlots();
        final int pageLength = geometry.pageLength();
        final PagedNode[] slots = new PagedNode[maxSlots];
        final int[] depths = new int[maxSlots];
        final int[] dataOffsets = new int[maxSlots];
        final int[] childPageIndexes = new int[2 * maxSlots];
        final int[] childSlotIndexes = new int[2 * maxSlots];
        final byte[] bytes = new byte[pageLength];
        final Page page = new Page().wrap(ByteBuffer.wrap(bytes), 0, pageLength);

        final int levels = geometry.levels();
        final int topBand = top.height / levels;
        int dataEnd = geometry.dataAreaOffset();
        slots[0] = top;
        final int topLength = inlineLength(top);
        if (topLength <= geometry.dataAreaLength()) {
            dataOffsets[0] = dataEnd;
            dataEnd += topLength;
        } else {
            dataOffsets[0] = writeChain(KIND_OVERFLOW, concat(top), version);
        }
        int count = 1;
        for (int slotIndex = 0; slotIndex < count; slotIndex++) {
            final PagedNode node = slots[slotIndex];
            if (node.isLeaf()) {
                continue;
            }
            for (int side = 0; side < 2; side++) {
                final PagedNode child = side == 0 ? reader.left(node) : reader.right(node);
                final int childLength = inlineLength(child);
                final int refIndex = 2 * slotIndex + side;
                if (child.isPersisted() && child.slotIndex == 0) {
                    childPageIndexes[refIndex] = child.pageIndex;
                    childSlotIndexes[refIndex] = 0;
                } else if (child.height / levels == topBand && depths[slotIndex] + 1 < levels && count < maxSlots
                    && dataEnd + childLength <= pageLength) {
                    slots[count] = child;
                    depths[count] = depths[slotIndex] + 1;
                    dataOffsets[count] = dataEnd;
                    dataEnd += childLength;
                    childPageIndexes[refIndex] = pageIndex;
                    childSlotIndexes[refIndex] = count;
                    count++;
                } else {
                    childPageIndexes[refIndex] = packPage(child, version);
                    childSlotIndexes[refIndex] = 0;
                }
            }
        }

        for (int slotIndex = 0; slotIndex < count; slotIndex++) {
            final PagedNode node = slots[slotIndex];
            final boolean overflow = slotIndex == 0 && topLength > geometry.dataAreaLength();
            final int valueLength = node.isLeaf() ? node.value.length : 0;
            final boolean inner = !node.isLeaf();
            page.putSlot(slotIndex, node.height, overflow ? FLAG_OVERFLOW : 0,
                inner ? childPageIndexes[2 * slotIndex] : NULL_PAGE_INDEX,
                inner ? childSlotIndexes[2 * slotIndex] : 0,
                inner ? childPageIndexes[2 * slotIndex + 1] : NULL_PAGE_INDEX,
                inner ? childSlotIndexes[2 * slotIndex + 1] : 0,
                node.key.length, valueLength, dataOffsets[slotIndex], node.version, node.size, node.hash);
            if (!overflow) {
                page.putBytes(dataOffsets[slotIndex], node.key, 0, node.key.length);
                if (valueLength > 0) {
                    page.putBytes(dataOffsets[slotIndex] + node.key.length, node.value, 0, valueLength);
                }
            }
        }
        page.putHeader(KIND_TREE, count, pageIndex, version, dataEnd - geometry.dataAreaOffset(), NULL_PAGE_INDEX);
        writePage(pageIndex, page, bytes);
        return pageIndex;
    }

    /** Writes {@code data} into a new chain of {@code kind} pages; returns its first page. */
    int writeChain(final byte kind, final byte[] data, final long version) {
        final int payloadLength = chainPayloadLength(geometry.pageLength());
        final int pageTotal = Math.max(1, (data.length + payloadLength - 1) / payloadLength);
        final int[] pageIndexes = new int[pageTotal];
        for (int i = 0; i < pageTotal; i++) {
            pageIndexes[i] = allocator.allocate();
        }
        writeChain(kind, data, pageIndexes, version);
        return pageIndexes[0];
    }

    /** Writes {@code data} into the given pages, chained in order; unused trailing pages carry no payload. */
    void writeChain(final byte kind, final byte[] data, final int[] pageIndexes, final long version) {
        final int pageLength = geometry.pageLength();
        final int payloadLength = chainPayloadLength(pageLength);
        int position = 0;
        for (int i = 0; i < pageIndexes.length; i++) {
            final byte[] bytes = new byte[pageLength];
            final Page page = new Page().wrap(ByteBuffer.wrap(bytes), 0, pageLength);
            final int chunk = Math.min(payloadLength, data.length - position);
            page.putBytes(PAGE_HEADER_LENGTH, data, position, chunk);
            position += chunk;
            final int next = i + 1 < pageIndexes.length ? pageIndexes[i + 1] : NULL_PAGE_INDEX;
            page.putHeader(kind, 0, pageIndexes[i], version, chunk, next);
            writePage(pageIndexes[i], page, bytes);
        }
    }

    private void writePage(final int pageIndex, final Page page, final byte[] bytes) {
        page.sealChecksum();
        reader.pageRewritten(pageIndex);
        pageStore.writePage(pageIndex, bytes);
        pagesWritten++;
    }

    private static int inlineLength(final PagedNode node) {
        return node.key.length + (node.isLeaf() ? node.value.length : 0);
    }

    private static byte[] concat(final PagedNode node) {
        final int valueLength = node.isLeaf() ? node.value.length : 0;
        final byte[] data = new byte[node.key.length + valueLength];
        System.arraycopy(node.key, 0, data, 0, node.key.length);
        if (valueLength > 0) {
            System.arraycopy(node.value, 0, data, node.key.length, valueLength);
        }
        return data;
    }
}
