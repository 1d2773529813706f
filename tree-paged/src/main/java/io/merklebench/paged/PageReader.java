package io.merklebench.paged;

import io.merklebench.core.Bytes;
import io.merklebench.core.NodeHashing;
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
 * <p>With {@code checkNodes} (TreeOptions.checkNodes) the checksum is not all: a page that is whole but wrong (an old
 * copy of the page, another tree's page) passes it. So a tree page's slots are also checked against each other when
 * it is read (a leaf's hash from its version, key and value; an inner slot whose children are both in the page from
 * their hashes), and a walk that crosses from a slot into a child page checks that slot's hash against the hashes of
 * both its children ({@link #childPage}): the child pages' slot 0, which their own slots were checked up to. From the
 * root page, which the tree checks against the commit header's root hash, every page a walk reaches is then checked
 * against the hash its parent holds. A crossing is checked once per child page and remembered ({@code linked}) while
 * the bytes checked are the ones in use: until the page is rewritten on the page file, while it stays in the cache on
 * a key-value store.
 *
 * <p>Thread-safe for reads: the cache is, and the bitmaps are updated racily (a lost update only means a page is
 * checked again). Writes ({@link #pageRewritten}, {@link #pageFreed}) happen under the tree's single writer
 * while nobody reads.
 */
final class PageReader {
    private final PageStore pageStore;
    private final boolean verifyOnce;
    private final boolean checkNodes;
    private final PageCache cache;
    /** Pages whose checksum (and slots) were checked since they were last written; used with verifyOnce. */
    private final PageBitmap verified = new PageBitmap();
    /** Pages whose slot 0 was checked against the parent slot that refers to them (see the class comment). */
    private final PageBitmap linked = new PageBitmap();
    private final ThreadLocal<NodeHashing> checkHashing = ThreadLocal.withInitial(NodeHashing::new);

    /**
     * @param cacheCapacity tree pages kept checked in memory, a power of two ({@link PageCache#capacityFor}), or 0
     *                      for no cache
     * @param checkNodes    whether slots are checked against each other and pages against their parent's hash
     */
    PageReader(final PageStore pageStore, final boolean verifyOnce, final int cacheCapacity, final boolean checkNodes) {
        this.pageStore = pageStore;
        this.verifyOnce = verifyOnce;
        this.checkNodes = checkNodes;
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
        if (!(verifyOnce && verified.isSet(pageIndex))) {
            check(pageIndex, page, kind);
            if (checkNodes && kind == KIND_TREE) {
                checkSlots(pageIndex, page);
                if (!verifyOnce) {
                    // fresh bytes from the store: their crossing from the parent is checked again
                    linked.clear(pageIndex);
                }
            }
            if (verifyOnce) {
                verified.set(pageIndex);
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

    /**
     * Checks every slot whose hash the page alone determines: a leaf's, from its version, key and value, and an inner
     * slot's whose children are both in the page, from theirs. Slots with a child in another page are checked when a
     * walk crosses to it ({@link #childPage}).
     */
    private void checkSlots(final int pageIndex, final Page page) {
        final NodeHashing hashing = checkHashing.get();
        final byte[] computed = new byte[HASH_LENGTH];
        final byte[] stored = new byte[HASH_LENGTH];
        for (int slot = 0; slot < page.nodeCount(); slot++) {
            if (page.isLeaf(slot)) {
                final byte[] data = keyAndValue(page, slot);
                final int keyLength = page.keyLength(slot);
                hashing.leafHashInto(page.version(slot), data, 0, keyLength, data, keyLength, data.length - keyLength,
                    computed, 0);
            } else if (page.leftPageIndex(slot) == pageIndex && page.rightPageIndex(slot) == pageIndex) {
                hashing.innerHashInto(page.height(slot), page.size(slot), page.version(slot),
                    page.hash(page.leftSlotIndex(slot)), 0, page.hash(page.rightSlotIndex(slot)), 0, computed, 0);
            } else {
                continue;
            }
            page.hashInto(slot, stored, 0);
            if (!Arrays.equals(computed, stored)) {
                throw corrupt(pageIndex, "slot=" + slot + " height=" + page.height(slot) + " does not match its own"
                    + " contents: stored hash=" + Bytes.toHex(stored) + " recomputed=" + Bytes.toHex(computed));
            }
        }
    }

    /** Whether an inner slot has a child in another page. */
    private static boolean hasChildOutside(final Page page, final int pageIndex, final int slotIndex) {
        return page.leftPageIndex(slotIndex) != pageIndex || page.rightPageIndex(slotIndex) != pageIndex;
    }

    /**
     * The page a walk enters from inner slot {@code slotIndex} of {@code parent} (page {@code parentPageIndex}): the
     * child page, or the parent itself for a child in the same page. With checkNodes, and unless both children were
     * checked already, the slot's hash is recomputed from its fields and both children's hashes (a child in another
     * page is that page's slot 0) and must equal the one the slot holds. {@code scratch} as in
     * {@link #page(int, byte, Page)}; {@code parent} may be it.
     */
    Page childPage(final Page parent, final int parentPageIndex, final int slotIndex, final int childPageIndex,
                   final Page scratch) {
        if (!checkNodes || !hasChildOutside(parent, parentPageIndex, slotIndex)) {
            return childPageIndex == parentPageIndex ? parent : page(childPageIndex, KIND_TREE, scratch);
        }
        // Everything needed from the parent first: scratch may be the parent's flyweight.
        final int leftPageIndex = parent.leftPageIndex(slotIndex);
        final int rightPageIndex = parent.rightPageIndex(slotIndex);
        final boolean leftOutside = leftPageIndex != parentPageIndex;
        final boolean rightOutside = rightPageIndex != parentPageIndex;
        if ((!leftOutside || isLinked(leftPageIndex)) && (!rightOutside || isLinked(rightPageIndex))) {
            return childPageIndex == parentPageIndex ? parent : page(childPageIndex, KIND_TREE, scratch);
        }
        final byte[] slotHash = parent.hash(slotIndex);
        final int height = parent.height(slotIndex);
        final long size = parent.size(slotIndex);
        final long version = parent.version(slotIndex);
        final byte[] leftInPage = leftOutside ? null : parent.hash(parent.leftSlotIndex(slotIndex));
        final byte[] rightInPage = rightOutside ? null : parent.hash(parent.rightSlotIndex(slotIndex));
        final boolean enteringLeft = leftOutside && childPageIndex == leftPageIndex;
        final boolean enteringRight = rightOutside && childPageIndex == rightPageIndex;
        // From here on parent may no longer be read (scratch). The page entered goes into scratch; another one into
        // a new flyweight, so that a parent entered in place stays whole.
        Page entered = childPageIndex == parentPageIndex ? parent : null;
        byte[] leftHash = leftInPage;
        byte[] rightHash = rightInPage;
        if (leftOutside) {
            final Page left = page(leftPageIndex, KIND_TREE, enteringLeft ? scratch : null);
            leftHash = left.hash(0);
            entered = enteringLeft ? left : entered;
        }
        if (rightOutside) {
            final Page right = page(rightPageIndex, KIND_TREE, enteringRight ? scratch : null);
            rightHash = right.hash(0);
            entered = enteringRight ? right : entered;
        }
        final byte[] computed = checkHashing.get().innerHash(height, size, version, leftHash, rightHash);
        if (!Arrays.equals(computed, slotHash)) {
            throw corrupt(childPageIndex, "does not match the hash its parent holds: parent pageIndex="
                + parentPageIndex + " slot=" + slotIndex + " height=" + height + " holds " + Bytes.toHex(slotHash)
                + ", its children give " + Bytes.toHex(computed) + " (left pageIndex=" + leftPageIndex + ", right"
                + " pageIndex=" + rightPageIndex + ")");
        }
        if (leftOutside) {
            linked.set(leftPageIndex);
        }
        if (rightOutside) {
            linked.set(rightPageIndex);
        }
        return entered;
    }

    /**
     * Whether a crossing into the page was checked for the bytes in use: on the page file until it is rewritten; on a
     * key-value store only while it stays cached (a fresh read clears it).
     */
    private boolean isLinked(final int pageIndex) {
        return linked.isSet(pageIndex) && (verifyOnce || cache != null && cache.get(pageIndex) != null);
    }

    /** Forgets a page before it is written again: drops it from the cache and from the verified bitmap. */
    void pageRewritten(final int pageIndex) {
        if (cache != null) {
            cache.invalidate(pageIndex);
        }
        verified.clear(pageIndex);
        linked.clear(pageIndex);
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
        if (!node.isPersisted()) {
            return node.left;
        }
        checkCrossing(node, node.leftPageIndex);
        return decode(node.leftPageIndex, node.leftSlotIndex);
    }

    PagedNode right(final PagedNode node) {
        if (!node.isPersisted()) {
            return node.right;
        }
        checkCrossing(node, node.rightPageIndex);
        return decode(node.rightPageIndex, node.rightSlotIndex);
    }

    /** {@link #childPage} for a decoded persisted node about to be left for a child. */
    private void checkCrossing(final PagedNode node, final int childPageIndex) {
        if (checkNodes && (node.leftPageIndex != node.pageIndex || node.rightPageIndex != node.pageIndex)) {
            childPage(treePage(node.pageIndex), node.pageIndex, node.slotIndex, childPageIndex, null);
        }
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
            final int parentSlotIndex = slotIndex;
            final int childPageIndex;
            if (comparison < 0) {
                childPageIndex = page.leftPageIndex(parentSlotIndex);
                slotIndex = page.leftSlotIndex(parentSlotIndex);
            } else {
                childPageIndex = page.rightPageIndex(parentSlotIndex);
                slotIndex = page.rightSlotIndex(parentSlotIndex);
            }
            if (checkNodes) {
                page = childPage(page, pageIndex, parentSlotIndex, childPageIndex, scratch);
                pageIndex = childPageIndex;
            } else if (childPageIndex != pageIndex) {
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

    /** A slot's key bytes followed by its value bytes (a leaf's whole data), inline or from its overflow chain. */
    private byte[] keyAndValue(final Page page, final int slotIndex) {
        final int length = page.keyLength(slotIndex) + page.valueLength(slotIndex);
        if (page.isOverflow(slotIndex)) {
            return readChain(page.dataOffset(slotIndex), length);
        }
        final byte[] data = new byte[length];
        page.getBytes(page.dataOffset(slotIndex), data, 0, length);
        return data;
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
}
