package io.merklebench.paged;

import io.merklebench.backends.mem.MemStoreFactory;
import io.merklebench.core.Bytes;
import io.merklebench.core.conformance.tree.AvlInvariants;
import io.merklebench.core.conformance.tree.IavlReference;
import io.merklebench.core.conformance.tree.ReferenceComparison;
import io.merklebench.core.conformance.tree.TreeChecks;
import io.merklebench.core.store.KvStore;
import io.merklebench.core.store.StoreCounters;
import io.merklebench.core.store.StoreOptions;
import io.merklebench.core.tree.TreeOptions;
import io.merklebench.core.tree.TreeView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.*;

/**
 * The page cache (key-value page stores): sized from {@code nodeCacheSize}, a hit reads nothing from the page store,
 * and freed page indexes that are written again never serve the old page (contents and root hashes checked against a
 * {@link TreeMap} and the kit's {@link IavlReference} while pages are freed and reused at every save; the page file runs the same
 * sequence without a cache).
 */
class PageCacheTest {
    private static final long[] SEEDS = {4242L, 90210L};
    private static final int VERSIONS = 60;
    private static final int KEY_SPACE = 800;
    /** Chance an operation is a remove rather than a set. */
    private static final double REMOVE_CHANCE = 0.3;
    /** Chance of reading the whole tree (get of every model key) after a save, through the cache. */
    private static final double FULL_CHECK_CHANCE = 0.25;

    @TempDir
    Path directory;

    @Test
    void shouldDeriveCapacityFromNodeCacheSize() {
        assertEquals(8192, PageCache.capacityFor(0, PageGeometry.PAGED15), "default paged15");
        assertEquals(4096, PageCache.capacityFor(0, PageGeometry.PAGED31), "default paged31");
        assertEquals(1, PageCache.capacityFor(1, PageGeometry.PAGED15), "one node");
        assertEquals(128, PageCache.capacityFor(1000, PageGeometry.PAGED15), "ceil(1000 / 15) = 67, rounded up");
        assertEquals(2, PageCache.capacityFor(62, PageGeometry.PAGED31), "exactly two pages");
        assertEquals(PageCache.MAX_CAPACITY, PageCache.capacityFor(Integer.MAX_VALUE, PageGeometry.PAGED15));
        final TreeOptions options = TreeOptions.DEFAULTS.withNodeCacheSize(31 * 100);
        final Path treeDirectory = directory.resolve("sized");
        try (PagedTree tree = PagedTrees.open(treeDirectory, PageGeometry.PAGED31, PagedTrees.Pages.MEM_STORE, options)) {
            assertEquals(128, tree.pageCacheCapacity());
        } finally {
            PagedTrees.destroyMem(treeDirectory);
        }
        try (PagedTree tree = PagedTrees.open(treeDirectory, PageGeometry.PAGED31, PagedTrees.Pages.PAGE_FILE, options)) {
            assertEquals(0, tree.pageCacheCapacity(), "the page file is read in place, without a cache");
        }
    }

    @Test
    void shouldServeRepeatedReadsWithoutReadingThePageStore() {
        final Path treeDirectory = directory.resolve("counting");
        final KvStore store = new MemStoreFactory().open(treeDirectory, StoreOptions.DEFAULTS);
        final CountingPageStore pages = new CountingPageStore(new KvPageStore(store, PageGeometry.PAGED15.pageLength()));
        try (PagedTree tree = PagedTree.open("paged15", store, pages, PageGeometry.PAGED15, TreeOptions.DEFAULTS)) {
            for (int i = 0; i < 2000; i++) {
                tree.set(("key" + i).getBytes(UTF_8), ("value" + i).getBytes(UTF_8));
            }
            tree.save();
            final byte[] key = "key1234".getBytes(UTF_8);
            assertArrayEquals("value1234".getBytes(UTF_8), tree.get(key));
            final long readsAfterFirstGet = pages.readCount;
            assertArrayEquals("value1234".getBytes(UTF_8), tree.get(key));
            assertArrayEquals("value1234".getBytes(UTF_8), tree.view(1).get(key));
            assertEquals(readsAfterFirstGet, pages.readCount, "page reads for gets of a cached path");

            // A save writes new pages along the changed path: their first read misses, later ones hit again.
            tree.set(key, "changed".getBytes(UTF_8));
            tree.save();
            final long readsBeforeNewPath = pages.readCount;
            assertArrayEquals("changed".getBytes(UTF_8), tree.get(key));
            assertTrue(pages.readCount > readsBeforeNewPath, "the new version's pages are read from the store");
            final long readsAfterNewPath = pages.readCount;
            assertArrayEquals("changed".getBytes(UTF_8), tree.get(key));
            assertArrayEquals("value1234".getBytes(UTF_8), tree.view(1).get(key));
            assertEquals(readsAfterNewPath, pages.readCount, "page reads once both versions' paths are cached");
        } finally {
            PagedTrees.destroyMem(treeDirectory);
        }
    }

    static Stream<Arguments> reuseCases() {
        final Stream.Builder<Arguments> cases = Stream.builder();
        for (final long seed : SEEDS) {
            for (final PageGeometry geometry : PageGeometry.values()) {
                for (final PagedTrees.Pages pages : PagedTrees.Pages.values()) {
                    // Default: nothing is evicted, so a stale page would stay cached. 1 and 4 pages: constant eviction.
                    for (final int nodeCacheSize : new int[] {0, 1, 4 * geometry.maxSlots()}) {
                        cases.add(Arguments.of(seed, geometry, pages, nodeCacheSize));
                    }
                }
            }
        }
        return cases.build();
    }

    @ParameterizedTest(name = "seed={0} {1} {2} nodeCacheSize={3}")
    @MethodSource("reuseCases")
    void shouldNeverServeAFreedPageAfterItsIndexIsReused(
        final long seed, final PageGeometry geometry, final PagedTrees.Pages pages, final int nodeCacheSize) {
        final SplittableRandom random = new SplittableRandom(seed);
        final TreeOptions options = TreeOptions.DEFAULTS.withDurable(false).withKeepRecent(2).withNodeCacheSize(nodeCacheSize);
        final Path pagedDirectory = directory.resolve("paged");
        final TreeMap<byte[], byte[]> model = new TreeMap<>(Bytes.UNSIGNED_ORDER);
        TreeMap<byte[], byte[]> previousModel = null;
        final IavlReference reference = new IavlReference(options.initialVersion());
        try (PagedTree tree = PagedTrees.open(pagedDirectory, geometry, pages, options)) {
            for (int v = 0; v < VERSIONS; v++) {
                final String context = "seed=" + seed + " " + geometry + " " + pages + " nodeCacheSize=" + nodeCacheSize
                    + " version=" + tree.version();
                final int operations = 1 + random.nextInt(80);
                for (int i = 0; i < operations; i++) {
                    final byte[] key = ("k" + random.nextInt(KEY_SPACE)).getBytes(UTF_8);
                    if (random.nextDouble() < REMOVE_CHANCE) {
                        final boolean wasPresent = model.remove(key) != null;
                        assertEquals(wasPresent, tree.remove(key), "remove " + context);
                        assertEquals(wasPresent, reference.remove(key), "reference remove " + context);
                    } else {
                        final byte[] value = new byte[random.nextInt(150)];
                        random.nextBytes(value);
                        final boolean wasPresent = model.put(key, value) != null;
                        assertEquals(wasPresent, tree.set(key, value), "set " + context);
                        assertEquals(wasPresent, reference.set(key, value), "reference set " + context);
                    }
                }
                final byte[] pagedHash = tree.save();
                reference.save();
                ReferenceComparison.checkRootHash(reference.view(tree.lastSavedVersion()), pagedHash, tree,
                    "root hash against the IAVL reference " + context);
                if (random.nextDouble() < FULL_CHECK_CHANCE) {
                    TreeChecks.checkEntries(tree, model, context);
                    if (previousModel != null) {
                        final TreeView previous = tree.view(tree.lastSavedVersion() - 1);
                        TreeChecks.checkEntries(previous, previousModel, "previous version " + context);
                    }
                } else {
                    for (int i = 0; i < 20; i++) {
                        final byte[] key = ("k" + random.nextInt(KEY_SPACE)).getBytes(UTF_8);
                        assertArrayEquals(model.get(key), tree.get(key), "get " + Bytes.toHex(key) + " " + context);
                    }
                }
                previousModel = new TreeMap<>(model);
            }
            AvlInvariants.check(tree, "final seed=" + seed);
            assertEquals(2, tree.savedVersions().length);
            assertTrue(tree.pagesWritten() > 2L * tree.pageCount(), "page indexes were reused: pagesWritten="
                + tree.pagesWritten() + " pageCount=" + tree.pageCount() + " seed=" + seed);
        } finally {
            PagedTrees.destroyMem(pagedDirectory);
        }
    }

    @Test
    void shouldAnswerGetsFromSeveralThreadsThroughASmallCache() throws Exception {
        final Path treeDirectory = directory.resolve("threads");
        final TreeMap<byte[], byte[]> model = new TreeMap<>(Bytes.UNSIGNED_ORDER);
        // Eight pages for thousands: every thread misses and puts most of the time, on slots the others also use.
        final TreeOptions options = TreeOptions.DEFAULTS.withDurable(false).withNodeCacheSize(8 * 15);
        final ExecutorService threads = Executors.newFixedThreadPool(4);
        try (PagedTree tree = PagedTrees.open(treeDirectory, PageGeometry.PAGED15, PagedTrees.Pages.MEM_STORE, options)) {
            for (int i = 0; i < 3000; i++) {
                final byte[] key = ("key" + i).getBytes(UTF_8);
                final byte[] value = ("value" + i).getBytes(UTF_8);
                tree.set(key, value);
                model.put(key, value);
            }
            tree.save();
            final TreeView view = tree.view(tree.lastSavedVersion());
            final List<byte[]> keys = new ArrayList<>(model.keySet());
            final List<Future<?>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                final long seed = 31L * t + 7;
                results.add(threads.submit(() -> {
                    final SplittableRandom random = new SplittableRandom(seed);
                    for (int i = 0; i < 5000; i++) {
                        final byte[] key = keys.get(random.nextInt(keys.size()));
                        assertArrayEquals(model.get(key), view.get(key), "get " + new String(key, UTF_8) + " thread seed=" + seed);
                    }
                    return null;
                }));
            }
            for (final Future<?> result : results) {
                result.get();
            }
        } finally {
            threads.shutdownNow();
            PagedTrees.destroyMem(treeDirectory);
        }
    }

    /** A real page store that counts {@link #readPage} calls; everything else goes straight through. */
    private static final class CountingPageStore implements PageStore {
        private final PageStore pages;
        private long readCount;

        CountingPageStore(final PageStore pages) {
            this.pages = pages;
        }

        @Override
        public int pageLength() {
            return pages.pageLength();
        }

        @Override
        public String location() {
            return pages.location();
        }

        @Override
        public Page readPage(final int pageIndex, final Page page) {
            readCount++;
            return pages.readPage(pageIndex, page);
        }

        @Override
        public void writePage(final int pageIndex, final byte[] pageBytes) {
            pages.writePage(pageIndex, pageBytes);
        }

        @Override
        public void freePage(final int pageIndex) {
            pages.freePage(pageIndex);
        }

        @Override
        public byte[] readHeader() {
            return pages.readHeader();
        }

        @Override
        public void commit(final byte[] header, final boolean durable) {
            pages.commit(header, durable);
        }

        @Override
        public StoreCounters counters() {
            return pages.counters();
        }

        @Override
        public long sizeBytes() {
            return pages.sizeBytes();
        }

        @Override
        public void close() {
            pages.close();
        }
    }
}
