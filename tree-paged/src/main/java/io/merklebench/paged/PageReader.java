package io.merklebench.paged;

import io.merklebench.core.store.StoreDamageException;

import java.util.Arrays;

import static io.merklebench.paged.PageLayout.*;

/**
 * Reads nodes out of pages: checks each page's CRC32C before its bytes are used, decodes slots into
 * {@link PagedNode}s, and answers point lookups by walking slots in place without decoding.
 *
 * <p>On a key-value store tree pages go through a {@link PageCache} of checked pages: a hit costs no store get, no
 * copy, no checksum and no allocation. A miss reads the page, checks it, and caches it. Overflow and meta pages are
 * read uncached (a large value's chain would evict the hot tree pages, and its bytes are copied out anyway). The page
 * file has no cache: its pages are neither copied nor checked again (see below), and a cached wrapper only adds a
 * pointer chase to a cold object per page (measured no faster); a lookup re-wraps one flyweight instead.
 *
 * <p>When {@code verifyOnce} is set (the page file, whose mapped bytes do not change under a reader) a page is
 * checked on its first read after open and remembered in a bitmap until it is rewritten, so a page file page that
 * left the cache is not checked again; otherwise (a key-value store returns fresh bytes each time) every read that
 * misses the cache is checked. A corrupt page throws {@link StoreDamageException} naming the pageIndex and the file or
 * store; its bytes are never returned or cached.
 *
 * <p>Thread-safe for reads: the cache is, and the verified bitmap is updated racily (a lost update only means a page
 * is checked again). Writes ({@link #pageRewritten}, {@link #pageFreed}) happen under the tree's single writer
 * while nobody reads.
 */
final class PageReader {
    private final PageStore pageStore;
    private final boolean verifyOnce;
    private final PageCache cache;
    private volatile long[] verifiedWords = new long[64];

    /**
     * @param cacheCapacity tree pages kept checked in memory, a power of two ({@link PageCache#capacityFor}), or 0
     *                      for no cache
     */
    PageReader(final PageStore pageStore, final boolean verifyOnce, final int cacheCapacity) {
        this.pageStore = pageStore;
        this.verifyOnce = verifyOnce;
        this.cache = cacheCapacity == 0 ? null : new PageCache(cacheCapacity);
    }

    PageStore pageStore() {
        return pageStore;
    }

    /** Tree pages the cache holds at most; 0 when there is no cache. */
    int cacheCapacity() {
        return cache == null ? 0 : cache.capacity();
    }

    /** The page, checksum-checked, expected to be of {@code kind}; tree pages come from the cache when they can. */
    Page page(final int pageIndex, final byte kind) {
        return page(pageIndex, kind, null);
    }

    /**
     * As {@link #page(int, byte)}, but an uncached page is wrapped in {@code scratch} (when not {@code null}) instead
     * of a new flyweight: a walk passes one flyweight for all its pages. Pass one that nothing else still reads.
     */
    Page page(final int pageIndex, final byte kind, final Page scratch) {
        final boolean cached = cache != null && kind == KIND_TREE;
        if (cached) {
            final Page page = cache.get(pageIndex);
            if (page != null) {
                return page;
            }
        }
        // A cached page is shared from now on, so it never reuses the caller's flyweight.
        final Page page = pageStore.readPage(pageIndex, cached || scratch == null ? new Page() : scratch);
        if (!(verifyOnce && isVerified(pageIndex))) {
            check(pageIndex, page, kind);
            if (verifyOnce) {
                markVerified(pageIndex);
            }
        } else if (page.kind() != kind) {
            throw corrupt(pageIndex, "page kind=" + page.kind() + " where kind=" + kind + " was expected");
        }
        if (cached) {
            cache.put(pageIndex, page);
        }
        return page;
    }

    private void check(final int pageIndex, final Page page, final byte kind) {
        final int stored = page.storedChecksum();
        final int computed = page.computeChecksum();
        if (stored != computed) {
            throw corrupt(pageIndex, "checksum mismatch stored=0x" + Integer.toHexString(stored)
                + " computed=0x" + Integer.toHexString(computed));
        }
        if (page.pageIndex() != pageIndex) {
            throw corrupt(pageIndex, "page records pageIndex=" + page.pageIndex() + " (misdirected write)");
        }
        if (page.kind() != kind) {
            throw corrupt(pageIndex, "page kind=" + page.kind() + " where kind=" + kind + " was expected");
        }
    }

    Page treePage(final int pageIndex) {
        return page(pageIndex, KIND_TREE);
    }

    /** Forgets a page before it is written again: drops it from the cache and from the verified bitmap. */
    void pageRewritten(final int pageIndex) {
        if (cache != null) {
            cache.invalidate(pageIndex);
        }
        final long[] words = verifiedWords;
        final int wordIndex = pageIndex >>> 6;
        if (wordIndex < words.length) {
            words[wordIndex] &= ~(1L << pageIndex);
        }
    }

    /** Drops a freed page from the cache: its index will be reused, and no kept version reads it any more. */
    void pageFreed(final int pageIndex) {
        if (cache != null) {
            cache.invalidate(pageIndex);
        }
    }

    StoreDamageException corrupt(final int pageIndex, final String reason) {
        return new StoreDamageException("corrupt page: pageIndex=" + pageIndex + " " + pageStore.location() + ": " + reason);
    }

    /** Decodes one slot: key, hash and counters always, the value of a leaf, child references of an inner node. */
    PagedNode decode(final int pageIndex, final int slotIndex) {
        final Page page = treePage(pageIndex);
        final PagedNode node = PagedNode.persisted(pageIndex, slotIndex);
        node.height = page.height(slotIndex);
        node.size = page.size(slotIndex);
        node.version = page.version(slotIndex);
        node.hash = page.hash(slotIndex);
        final int keyLength = page.keyLength(slotIndex);
        final int valueLength = page.valueLength(slotIndex);
        if (page.isOverflow(slotIndex)) {
            final byte[] data = readChain(page.dataOffset(slotIndex), keyLength + valueLength);
            node.key = Arrays.copyOfRange(data, 0, keyLength);
            if (node.height == 0) {
                node.value = Arrays.copyOfRange(data, keyLength, keyLength + valueLength);
            }
        } else {
            final int dataOffset = page.dataOffset(slotIndex);
            node.key = new byte[keyLength];
            page.getBytes(dataOffset, node.key, 0, keyLength);
            if (node.height == 0) {
                node.value = new byte[valueLength];
                page.getBytes(dataOffset + keyLength, node.value, 0, valueLength);
            }
        }
        if (node.height > 0) {
            node.leftPageIndex = page.leftPageIndex(slotIndex);
            node.leftSlotIndex = page.leftSlotIndex(slotIndex);
            node.rightPageIndex = page.rightPageIndex(slotIndex);
            node.rightSlotIndex = page.rightSlotIndex(slotIndex);
        }
        return node;
    }

    /** The root of a saved version, or {@code null} for an empty tree. */
    PagedNode root(final int rootPageIndex) {
        return rootPageIndex == NULL_PAGE_INDEX ? null : decode(rootPageIndex, 0);
    }

    PagedNode left(final PagedNode node) {
        return node.isPersisted() ? decode(node.leftPageIndex, node.leftSlotIndex) : node.left;
    }

    PagedNode right(final PagedNode node) {
        return node.isPersisted() ? decode(node.rightPageIndex, node.rightSlotIndex) : node.right;
    }

    /** Looks {@code key} up below a persisted node by walking slots in place. */
    byte[] get(final int startPageIndex, final int startSlotIndex, final byte[] key) {
        int pageIndex = startPageIndex;
        int slotIndex = startSlotIndex;
        // Only the page file needs the flyweight (a cached page is returned as it is).
        final Page scratch = cache == null ? new Page() : null;
        Page page = page(pageIndex, KIND_TREE, scratch);
        while (true) {
            final int comparison = compareKey(page, slotIndex, key);
            if (page.isLeaf(slotIndex)) {
                return comparison == 0 ? readValue(page, slotIndex) : null;
            }
            final int childPageIndex;
            if (comparison < 0) {
                childPageIndex = page.leftPageIndex(slotIndex);
                slotIndex = page.leftSlotIndex(slotIndex);
            } else {
                childPageIndex = page.rightPageIndex(slotIndex);
                slotIndex = page.rightSlotIndex(slotIndex);
            }
            if (childPageIndex != pageIndex) {
                pageIndex = childPageIndex;
                page = page(pageIndex, KIND_TREE, scratch);
            }
        }
    }

    /** The version that wrote a page. */
    long birthVersion(final int pageIndex) {
        return treePage(pageIndex).birthVersion();
    }

    /** Reads {@code length} bytes of an overflow chain. */
    byte[] readChain(final int firstPageIndex, final int length) {
        final byte[] data = new byte[length];
        int position = 0;
        int pageIndex = firstPageIndex;
        while (position < length) {
            if (pageIndex == NULL_PAGE_INDEX) {
                throw corrupt(firstPageIndex, "overflow chain ends after " + position + " of length=" + length + " bytes");
            }
            final Page page = page(pageIndex, KIND_OVERFLOW);
            final int chunk = Math.min(page.dataLength(), length - position);
            page.getBytes(PAGE_HEADER_LENGTH, data, position, chunk);
            position += chunk;
            pageIndex = page.nextPageIndex();
        }
        return data;
    }

    private int compareKey(final Page page, final int slotIndex, final byte[] key) {
        if (!page.isOverflow(slotIndex)) {
            return page.compareInlineKey(key, slotIndex);
        }
        final int keyLength = page.keyLength(slotIndex);
        final byte[] data = readChain(page.dataOffset(slotIndex), keyLength);
        return Arrays.compareUnsigned(key, 0, key.length, data, 0, keyLength);
    }

    private byte[] readValue(final Page page, final int slotIndex) {
        final int keyLength = page.keyLength(slotIndex);
        final int valueLength = page.valueLength(slotIndex);
        if (page.isOverflow(slotIndex)) {
            final byte[] data = readChain(page.dataOffset(slotIndex), keyLength + valueLength);
            return Arrays.copyOfRange(data, keyLength, keyLength + valueLength);
        }
        final byte[] value = new byte[valueLength];
        page.getBytes(page.dataOffset(slotIndex) + keyLength, value, 0, valueLength);
        return value;
    }

    private boolean isVerified(final int pageIndex) {
        final long[] words = verifiedWords;
        final int wordIndex = pageIndex >>> 6;
        return wordIndex < words.length && (words[wordIndex] & (1L << pageIndex)) != 0;
    }

    private void markVerified(final int pageIndex) {
        long[] words = verifiedWords;
        final int wordIndex = pageIndex >>> 6;
        if (wordIndex >= words.length) {
            words = Arrays.copyOf(words, Math.max(words.length * 2, wordIndex + 1));
            verifiedWords = words;
        }
        words[wordIndex] |= 1L << pageIndex;
    }
}
