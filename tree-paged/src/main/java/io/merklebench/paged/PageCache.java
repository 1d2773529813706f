package io.merklebench.paged;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A bounded, direct-mapped cache of checked tree pages by pageIndex: page {@code i} can only live in slot
 * {@code i & (capacity - 1)}, so a lookup is one array load and one compare, with no lock, no hashing and no
 * allocation, and a newer page evicts whatever held its slot.
 *
 * <p>Why direct-mapped and not LRU: page indexes are dense (the allocator reuses freed ones before growing), so any
 * {@code capacity} consecutive indexes never collide, and a hit must stay cheaper than the key comparisons it
 * saves. An LRU needs a lock or a concurrent map (boxing, a hash, an ordering update per hit) on a path that costs
 * about ten nanoseconds per page now. The price: a hot page (the root's page, the top levels) shares its slot with
 * {@code pageCount / capacity} others and is read again when one of them is read; each hot page is one store get
 * to reload.
 *
 * <p>A slot holds the {@link Page} flyweight that was checked when it was read, over the page's own copy from the
 * key-value store: a cached page costs its page length plus about 100 bytes. A cached page is never re-wrapped, so
 * readers on several threads may share it (the flyweight only does absolute gets). The page file does not use this
 * cache ({@link PageReader}).
 *
 * <p>Correctness rests on invalidation: pages are copy-on-write and never rewritten while a kept version reaches
 * them, but a freed pageIndex is reused. {@link #invalidate} is called when a page is freed and again before it is
 * written (see {@link PageReader#pageFreed} and {@link PageReader#pageRewritten}).
 *
 * <p>Thread-safe: slots are read and written with volatile semantics, so a page put by one reader is seen whole by
 * another. Two readers that miss on the same page both read it and the last put wins, which is harmless.
 * {@link #invalidate} runs under the tree's single writer, while nobody reads (see {@link PageStore}).
 */
final class PageCache {
    /** Nodes the cache covers when {@code TreeOptions.nodeCacheSize} is 0: the heap engine's default, 100,000. */
    static final int DEFAULT_NODE_COUNT = 100_000;
    /** Upper bound on slots (2^24 pages: 64 GiB of paged15 pages), so the slot array stays allocatable. */
    static final int MAX_CAPACITY = 1 << 24;

    private final AtomicReferenceArray<Page> slots;
    private final int mask;

    /** @param capacity slots; a power of two from 1 to {@link #MAX_CAPACITY} */
    PageCache(final int capacity) {
        if (capacity < 1 || capacity > MAX_CAPACITY || Integer.bitCount(capacity) != 1) {
            throw new IllegalArgumentException("page cache capacity must be a power of two from 1 to " + MAX_CAPACITY
                + ": capacity=" + capacity);
        }
        this.slots = new AtomicReferenceArray<>(capacity);
        this.mask = capacity - 1;
    }

    /**
     * Pages for a node budget: {@code nodeCacheSize} nodes (or {@link #DEFAULT_NODE_COUNT} when 0) divided by the
     * nodes a page holds, rounded up to a power of two. Defaults: 8,192 paged15 pages or 4,096 paged31 pages, each
     * 32 MiB of page bytes when every slot is filled.
     */
    static int capacityFor(final int nodeCacheSize, final PageGeometry geometry) {
        final long nodes = nodeCacheSize == 0 ? DEFAULT_NODE_COUNT : nodeCacheSize;
        final long pages = Math.max(1, (nodes + geometry.maxSlots() - 1) / geometry.maxSlots());
        if (pages >= MAX_CAPACITY) {
            return MAX_CAPACITY;
        }
        return Integer.highestOneBit((int)pages) == pages ? (int)pages : Integer.highestOneBit((int)pages) << 1;
    }

    int capacity() {
        return mask + 1;
    }

    /** The cached page {@code pageIndex}, or {@code null}. */
    Page get(final int pageIndex) {
        final Page page = slots.get(pageIndex & mask);
        return page != null && page.pageIndex() == pageIndex ? page : null;
    }

    /** Caches a checked page whose bytes record {@code pageIndex}; evicts whatever held its slot. */
    void put(final int pageIndex, final Page page) {
        slots.set(pageIndex & mask, page);
    }

    /** Drops page {@code pageIndex} if cached; leaves a different page in the same slot alone. */
    void invalidate(final int pageIndex) {
        final int slot = pageIndex & mask;
        final Page page = slots.get(slot);
        if (page != null && page.pageIndex() == pageIndex) {
            slots.set(slot, null);
        }
    }

    /** Pages cached now (a scan of every slot; for tests and reports, not for the read path). */
    int size() {
        int count = 0;
        for (int i = 0; i < slots.length(); i++) {
            if (slots.get(i) != null) {
                count++;
            }
        }
        return count;
    }
}
