package io.merklebench.paged;

import io.merklebench.core.NodeHashing;
import io.merklebench.core.store.KvStore;
import io.merklebench.core.store.StoreException;
import io.merklebench.core.tree.AbstractMerkleTree;
import io.merklebench.core.tree.SavedVersions;
import io.merklebench.core.tree.TreeOptions;
import io.merklebench.core.tree.TreeView;
import io.merklebench.core.tree.WorkingTree;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

import static io.merklebench.paged.PageLayout.*;

/**
 * The paged IAVL tree ({@code paged15}, {@code paged31}): a {@link PagedWorkingTree} in the heap over saved
 * versions packed into fixed-size, checksummed, copy-on-write pages ({@link PagePacker}) in a {@link PageStore}.
 * The version list, keepRecent, the checks and the forwarding to the working tree are {@link AbstractMerkleTree}'s.
 *
 * <p>{@code save} order: hash dirty nodes, write their pages, delete versions {@code keepRecent} drops (their
 * pages go to the pending free list), write the meta chain (kept versions and free list, {@link MetaRecord}), then
 * {@link PageStore#commit} the header: pages first, header last; a durable save costs exactly 2 syncs on the page
 * file and 1 (the store's durable batch) on a key-value store, whatever the number of changed keys. Reopening reads the newest complete header and maps pages on demand; nothing is loaded whole.
 *
 * <p>Counters for benchmarks: {@link #saveCount()}, {@link #syncCount()} (from the store counters, page file syncs
 * included), {@link #bytesWritten()}, {@link #pagesWritten()}, {@link #pageCount()}, {@link #freePageCount()},
 * {@link #fileSizeBytes()}, and the read cache's bound {@link #pageCacheCapacity()} ({@link PageCache}).
 *
 * <p>Owns its page store and key-value store; {@link #close()} closes both. Not thread-safe, except that saved
 * {@link TreeView}s may be read from other threads while nobody saves, deletes versions or closes.
 */
public final class PagedTree extends AbstractMerkleTree<PagedWorkingTree> {
    /**
     * Node checks are off unless asked for ({@link TreeOptions#withCheckNodes}): a page read back is checked slot by
     * slot, about 31 hashes, and a crossing into a child page reads the sibling too; with the tree larger than the
     * page cache a query hit cost 2.4 to 2.7 times as much checked (results/vm/20261203T134250Z and T134636Z), the
     * heap engine's 1.3 times. Every page still carries its checksum.
     */
    static final boolean CHECKS_NODES_BY_DEFAULT = false;

    private final PageStore pageStore;
    private final PageGeometry geometry;
    private final PageReader reader;
    private final PageAllocator allocator;
    private final PagePacker packer;
    private final PageReclaimer reclaimer;
    /** The root page of every kept version (the versions themselves are {@link #savedVersionList()}). */
    private final TreeMap<Long, Integer> rootPageByVersion;
    private long sequence;
    private int[] metaPages;
    private long saveCount;
    /** The root page of the version being saved, from {@link #writeVersion} to {@link #finishSave}. */
    private int savingRootPageIndex = NULL_PAGE_INDEX;

    private PagedTree(
        final String engineName, final KvStore store, final PageStore pageStore, final PageGeometry geometry,
        final TreeOptions options, final CommitHeader header, final MetaRecord meta, final int[] metaPages) {
        super(engineName, store, options);
        this.pageStore = pageStore;
        this.geometry = geometry;
        // The page file is read in place and checked once per page (verifyOnce): a cache would save nothing there.
        final boolean pageFile = pageStore instanceof MappedPageFile;
        this.reader = new PageReader(pageStore, pageFile,
            pageFile ? 0 : PageCache.capacityFor(options.nodeCacheSize(), geometry), options.checkNodes(CHECKS_NODES_BY_DEFAULT));
        this.allocator = new PageAllocator(header == null ? 0 : header.pageCount(), meta.freePages());
        this.packer = new PagePacker(pageStore, reader, allocator, geometry);
        this.reclaimer = new PageReclaimer(reader, allocator, pageStore);
        this.rootPageByVersion = meta.rootPageByVersion();
        restoreSavedVersions(rootPageByVersion.keySet().stream().mapToLong(Long::longValue).toArray());
        final long lastSavedVersion = header == null ? options.initialVersion() - 1 : header.version();
        if (lastSavedVersion != savedVersionList().last()) {
            throw new StoreException("commit header and meta record disagree: header version=" + lastSavedVersion
                + " last version in the meta record=" + savedVersionList().last() + " " + pageStore.location());
        }
        this.sequence = header == null ? 0 : header.sequence();
        this.metaPages = metaPages;
        final int rootPageIndex = header == null ? NULL_PAGE_INDEX : header.rootPageIndex();
        replaceWorking(new PagedWorkingTree(reader, reader.root(rootPageIndex), lastSavedVersion + 1, guard()));
    }

    /**
     * Opens the tree kept in {@code pageStore} at its newest complete commit (empty when there is none).
     *
     * @param store the key-value store the tree owns (closed with it); the pages may live elsewhere
     * @throws IllegalStateException when the pages were written with another geometry, or the root does not match
     *                               the header's root hash
     */
    public static PagedTree open(
        final String engineName, final KvStore store, final PageStore pageStore, final PageGeometry geometry,
        final TreeOptions options) {
        final byte[] headerBytes = pageStore.readHeader();
        if (headerBytes == null) {
            return new PagedTree(engineName, store, pageStore, geometry, options, null,
                new MetaRecord(new TreeMap<>(), new int[0]), new int[0]);
        }
        final String headerProblem = CommitHeader.problem(headerBytes, 0);
        if (headerProblem != null) {
            throw new StoreException("commit header is unusable: " + headerProblem + " " + pageStore.location());
        }
        final CommitHeader header = CommitHeader.decode(headerBytes);
        if (header.pageLength() != geometry.pageLength() || header.nodesPerPage() != geometry.maxSlots()) {
            throw new IllegalStateException("pages were written by another page geometry: nodesPerPage="
                + header.nodesPerPage() + " pageLength=" + header.pageLength() + ", engine " + engineName
                + " uses nodesPerPage=" + geometry.maxSlots() + " pageLength=" + geometry.pageLength() + " "
                + pageStore.location());
        }
        // Reads the meta chain and the root page once; the tree's own node store caches its pages later.
        // Not checked against parents: the root page is checked against the header's root hash below.
        final PageReader reader = new PageReader(pageStore, false, 0, false);
        final int[] metaPages = new int[header.metaPageCount()];
        final byte[] metaBytes = readMetaChain(reader, header.metaPageIndex(), metaPages);
        final MetaRecord meta = MetaRecord.decode(metaBytes, pageStore.location());
        final byte[] storedRootHash = header.rootPageIndex() == NULL_PAGE_INDEX
            ? NodeHashing.emptyTreeHash() : reader.treePage(header.rootPageIndex()).hash(0);
        if (!Arrays.equals(storedRootHash, header.rootHash())) {
            throw new StoreException("root page does not match the commit header: version=" + header.version()
                + " rootPageIndex=" + header.rootPageIndex() + " headerRootHash=" + io.merklebench.core.Bytes.toHex(header.rootHash())
                + " pageRootHash=" + io.merklebench.core.Bytes.toHex(storedRootHash) + " " + pageStore.location());
        }
        return new PagedTree(engineName, store, pageStore, geometry, options, header, meta, metaPages);
    }

    private static byte[] readMetaChain(final PageReader reader, final int firstPageIndex, final int[] pageIndexes) {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int pageIndex = firstPageIndex;
        for (int i = 0; i < pageIndexes.length; i++) {
            final Page page = reader.page(pageIndex, KIND_META);
            final byte[] chunk = new byte[page.dataLength()];
            page.getBytes(PAGE_HEADER_LENGTH, chunk, 0, chunk.length);
            bytes.write(chunk, 0, chunk.length);
            pageIndexes[i] = pageIndex;
            pageIndex = page.nextPageIndex();
        }
        return bytes.toByteArray();
    }

    public PageStore pageStore() {
        return pageStore;
    }

    public PageGeometry geometry() {
        return geometry;
    }

    /** Packs the working tree's dirty nodes into pages; {@link #finishSave} writes the meta chain and the header. */
    @Override
    protected byte[] writeVersion(final long version) {
        final byte[] rootHash = working().rootHash();
        savingRootPageIndex = packer.pack(working().rootNode(), version);
        rootPageByVersion.put(version, savingRootPageIndex);
        return rootHash;
    }

    /** Moves the version's pages that no neighbour uses to the pending free list; the next commit frees them. */
    @Override
    protected void freeVersion(final long version, final long previousKept, final long nextKept, final boolean pruning) {
        reclaimer.reclaim(version, rootPageByVersion.get(version),
            previousKept == SavedVersions.NONE ? Long.MIN_VALUE : previousKept, rootPageByVersion.get(nextKept));
        rootPageByVersion.remove(version);
    }

    @Override
    protected void finishSave(final long version, final byte[] rootHash) {
        commit(savingRootPageIndex, rootHash);
        saveCount++;
        working().reset(reader.root(savingRootPageIndex), version + 1);
        savingRootPageIndex = NULL_PAGE_INDEX;
    }

    /** Commits the deletion (durably when the options say so) with the last version's root unchanged. */
    @Override
    protected void finishDelete() {
        commit(lastRootPageIndex(), view(savedVersionList().last()).rootHash());
    }

    @Override
    protected TreeView openView(final long version) {
        return new PagedTreeView(reader, version, rootPageByVersion.get(version), guard());
    }

    @Override
    protected WorkingTree newWorkingCopy() {
        return new PagedWorkingTree(reader, reader.root(lastRootPageIndex()), savedVersionList().last() + 1, guard());
    }

    @Override
    protected void resetWorking() {
        working().reset(reader.root(lastRootPageIndex()), savedVersionList().last() + 1);
    }

    /** Closes the page store, then the key-value store. */
    @Override
    protected void closeStorage() {
        try {
            pageStore.close();
        } finally {
            store().close();
        }
    }

    // Counters

    /** Saves since open. */
    public long saveCount() {
        return saveCount;
    }

    /** Syncs issued since the store was opened (page file msyncs, or the key-value store's durable commits). */
    public long syncCount() {
        return pageStore.counters().syncCount();
    }

    /** Bytes written since the store was opened: whole pages and headers for the page file; batch payload for a store. */
    public long bytesWritten() {
        return pageStore.counters().bytesWritten();
    }

    /** Pages (tree, overflow and meta) written since open. */
    public long pagesWritten() {
        return packer.pagesWritten();
    }

    /** Pages allocated in the store so far (the high-water mark, free ones included). */
    public int pageCount() {
        return allocator.pageCount();
    }

    /**
     * Tree pages the read cache can hold ({@link TreeOptions#nodeCacheSize()} nodes over nodes per page); 0 on the
     * page file, which is read in place without a cache.
     */
    public int pageCacheCapacity() {
        return reader.cacheCapacity();
    }

    /** Pages on the free list (reusable now or after the next commit). */
    public int freePageCount() {
        return allocator.freeCount();
    }

    /** Bytes of pages in use ({@code (pageCount - freePageCount) * pageLength}, plus the two header slots). */
    public long usedBytes() {
        return (long)(allocator.pageCount() - allocator.freeCount()) * geometry.pageLength()
            + (long)HEADER_SLOT_COUNT * HEADER_SLOT_LENGTH;
    }

    /** Length of the page file, or {@code pageOffset(pageCount)} when the pages live in a key-value store. */
    public long fileSizeBytes() {
        final long size = pageStore.sizeBytes();
        return size >= 0 ? size : pageOffset(allocator.pageCount(), geometry.pageLength());
    }

    private void commit(final int rootPageIndex, final byte[] rootHash) {
        for (final int metaPage : metaPages) {
            allocator.free(metaPage);
            reader.pageFreed(metaPage);
            pageStore.freePage(metaPage);
        }
        final int payloadLength = chainPayloadLength(geometry.pageLength());
        int[] newMetaPages = new int[4];
        int metaPageCount = 0;
        while (true) {
            final int needed = Math.max(1, (MetaRecord.encodedLength(rootPageByVersion.size(), allocator.freeCount())
                + payloadLength - 1) / payloadLength);
            if (metaPageCount >= needed) {
                break;
            }
            if (metaPageCount == newMetaPages.length) {
                newMetaPages = Arrays.copyOf(newMetaPages, metaPageCount * 2);
            }
            newMetaPages[metaPageCount++] = allocator.allocate();
        }
        newMetaPages = Arrays.copyOf(newMetaPages, metaPageCount);
        final int[] freePages = new int[allocator.freeCount()];
        allocator.freePagesInto(freePages, 0);
        final byte[] metaBytes = new MetaRecord(new TreeMap<>(rootPageByVersion), freePages).encode();
        final long lastSavedVersion = savedVersionList().last();
        packer.writeChain(KIND_META, metaBytes, newMetaPages, lastSavedVersion);
        sequence++;
        final CommitHeader header = new CommitHeader(geometry.pageLength(), geometry.maxSlots(), sequence,
            lastSavedVersion, rootPageIndex, rootHash, newMetaPages[0], newMetaPages.length, allocator.pageCount());
        pageStore.commit(header.encode(), durableCommits());
        metaPages = newMetaPages;
        allocator.afterCommit();
    }

    private int lastRootPageIndex() {
        final Integer rootPageIndex = rootPageByVersion.get(savedVersionList().last());
        return rootPageIndex == null ? NULL_PAGE_INDEX : rootPageIndex;
    }
}
